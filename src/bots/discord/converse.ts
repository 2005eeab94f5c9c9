// A question asked in a Discord conversation: read against its context, answered with the
// "(about: …)" line above the answer and the questions to ask next as buttons.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import type { Answer } from "../../answer/types.ts";
import type { ConversationStore } from "../../engine/conversation-store.ts";
import { askInConversation } from "../../engine/conversation.ts";
import type { Engine } from "../../engine/engine-types.ts";
import { openTurn, type DiscordConversation } from "./conversation.ts";
import { followUpRow } from "./follow-up-components.ts";
import { clampContent, escapeMarkdown, formatAnswerEmbed } from "./format.ts";

export interface ConversedReply {
  answer: Answer;
  reply: { content?: string; embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[] };
}

export async function answerInConversation(
  ctx: { engine: Engine; conversations: ConversationStore },
  conversation: DiscordConversation,
  question: string,
  lead?: string,
): Promise<ConversedReply> {
  await openTurn(ctx.conversations, conversation);
  const answer = await askInConversation(ctx.engine, ctx.conversations, conversation.key, question, { ttlMs: conversation.ttlMs });
  const followUps = answer.answered && ctx.engine.followUps ? await ctx.engine.followUps(answer) : [];
  const head = [lead, answer.about ? `*${escapeMarkdown(answer.about)}*` : undefined].filter((t): t is string => t !== undefined);
  return {
    answer,
    reply: {
      ...(head.length > 0 ? { content: clampContent(head.join("\n")) } : {}),
      embeds: [formatAnswerEmbed(answer)],
      components: followUpRow(followUps),
    },
  };
}
