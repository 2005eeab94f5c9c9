// /timeline [topic:] — the saga's dated events about a topic in order, or its key events.
// Visible like an answer; an empty result is ephemeral like a refusal.
import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { detectLang } from "../../../search/analysis.ts";
import { formatTimelineEmbed } from "../format.ts";
import { deferIfSlow, replyOrEdit } from "../respond.ts";
import { langFromLocale } from "../strings.ts";
import { topicChoices } from "../topic-choices.ts";
import type { Command } from "./types.ts";

export const timelineCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("timeline")
    .setDescription("The saga's dated events in order, about a topic or the key ones")
    .setDescriptionLocalizations({ ko: "주제별(또는 주요) 사건을 날짜순으로 보여 줍니다" })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName("topic")
        .setNameLocalizations({ ko: "주제" })
        .setDescription("e.g. H20, H200, rare earths, Huawei")
        .setDescriptionLocalizations({ ko: "예: H20, H200, 희토류, 화웨이" })
        .setRequired(false)
        .setMaxLength(200)
        .setAutocomplete(true),
    ),

  async execute(interaction, { engine }) {
    const topic = interaction.options.getString("topic")?.trim() || null;
    const lang = topic ? detectLang(topic) : langFromLocale(interaction.locale);
    const t = await deferIfSlow(interaction, Promise.resolve(engine.timeline(topic, lang)));
    await replyOrEdit(interaction, { embeds: [formatTimelineEmbed(t)], ephemeral: t.entries.length === 0 });
  },

  async autocomplete(interaction, { engine }) {
    const typed = String(interaction.options.getFocused());
    const lang = typed ? detectLang(typed) : langFromLocale(interaction.locale);
    await interaction.respond(topicChoices(engine.usage(lang).topics, engine.usage(lang === "ko" ? "en" : "ko").topics, typed));
  },
};
