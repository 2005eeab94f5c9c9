// /sources — the articles the bot answers from. Ephemeral: a reference for the asker,
// not something to post into the channel every time.
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { formatSourcesEmbed } from "../format.ts";
import { noMentions } from "../respond.ts";
import { langFromLocale } from "../strings.ts";
import type { Command } from "./types.ts";

export const sourcesCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("sources")
    .setDescription("List the articles the answers come from")
    .setDescriptionLocalizations({ ko: "답변의 근거가 되는 기사 목록" })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, { engine }) {
    const lang = langFromLocale(interaction.locale);
    await interaction.reply({
      embeds: [formatSourcesEmbed(engine.sources(), lang)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: noMentions(),
    });
  },
};
