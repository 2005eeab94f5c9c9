// /ask question: — answers from the knowledge base: visible when answered, ephemeral when
// refused. An answer is there in milliseconds; one that takes longer (the knowledge thread
// restarting) is deferred first, visibly, so the interaction does not expire.
import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { answerAfresh } from "./answer-afresh.ts";
import type { Command } from "./types.ts";

export const QUESTION_MAX_LENGTH = 1000;

export const askCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask about the US–China AI-chip export controls; the answer quotes its sources")
    .setDescriptionLocalizations({ ko: "미중 AI 반도체 수출 통제에 대해 질문합니다. 답변은 출처 원문을 인용합니다" })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName("question")
        .setNameLocalizations({ ko: "질문" })
        .setDescription("Your question, in Korean or English")
        .setDescriptionLocalizations({ ko: "질문 (한국어 또는 영어)" })
        .setRequired(true)
        .setMaxLength(QUESTION_MAX_LENGTH),
    ),

  async execute(interaction, ctx) {
    const question = interaction.options.getString("question", true);
    const answer = await answerAfresh(interaction, question, ctx);
    if (!answer) return;
    ctx.logger.info("discord: /ask answered", {
      answered: answer.answered,
      refusal: answer.refusal,
      citations: answer.citations.length,
      lang: answer.lang,
      kbVersion: answer.kbVersion,
    });
  },
};
