// /ask question: — answers from the knowledge base: visible when answered, ephemeral when
// refused. An answer is there in milliseconds; one that takes longer (the knowledge thread
// restarting) is deferred first, visibly, so the interaction does not expire.
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { rateLimitedText } from "../../shared/rate-limit.ts";
import { answerKey, CHAIN_TTL_MS } from "../conversation.ts";
import { followUpRow } from "../follow-up-components.ts";
import { formatAnswerEmbed } from "../format.ts";
import { langFromText } from "../strings.ts";
import { deferIfSlow, noMentions, replyOrEdit } from "../respond.ts";
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

  async execute(interaction, { engine, logger, rateLimiter, conversations }) {
    const question = interaction.options.getString("question", true);
    const limited = await rateLimiter?.take(`discord:${interaction.user.id}`);
    if (limited && !limited.ok) {
      logger.info("discord: rate limited", { retryAfterMs: limited.retryAfterMs });
      await interaction.reply({
        content: rateLimitedText(langFromText(question), limited.retryAfterMs, rateLimiter!.perMinute),
        flags: MessageFlags.Ephemeral,
        allowedMentions: noMentions(),
      });
      return;
    }
    const answer = await deferIfSlow(interaction, Promise.resolve(engine.ask(question)));
    // Asked afresh, never in a context; the answer starts a conversation for replies to it.
    const followUps = answer.answered && engine.followUps ? await engine.followUps(answer) : [];
    await replyOrEdit(interaction, { embeds: [formatAnswerEmbed(answer)], ephemeral: !answer.answered, components: followUpRow(followUps) });
    if (answer.answered && conversations) {
      try {
        const sent = await interaction.fetchReply();
        await conversations.set(answerKey(sent.id), { question, at: Date.now() }, CHAIN_TTL_MS);
      } catch (error) {
        logger.warn("discord: could not read back the /ask answer; replies to it start afresh", { error });
      }
    }
    logger.info("discord: /ask answered", {
      answered: answer.answered,
      refusal: answer.refusal,
      citations: answer.citations.length,
      lang: answer.lang,
      kbVersion: answer.kbVersion,
    });
  },
};
