// /help — what the bot knows (articles, main topics, example questions in both languages)
// and its commands, in the user's language (Korean when the client locale starts with "ko").
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { formatHelpEmbed } from "../format.ts";
import { noMentions } from "../respond.ts";
import { langFromLocale } from "../strings.ts";
import type { Command } from "./types.ts";

export const helpCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("help")
    .setDescription("What I know and how to ask me")
    .setDescriptionLocalizations({ ko: "제가 아는 내용과 질문하는 방법" })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, { engine }) {
    const usage = engine.usage(langFromLocale(interaction.locale));
    await interaction.reply({
      embeds: [formatHelpEmbed(usage)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: noMentions(),
    });
  },
};
