// The steps every question goes through, whichever way it came in: answer it, remember it for
// its feedback buttons, format it. Also the filter for messages the bot must not answer.
import type { Engine } from "../../engine/engine-types.ts";
import { rateLimitedText } from "../shared/rate-limit.ts";
import { formatAnswer, formatPlain, formatUsage, type SlackMessage } from "./format.ts";
import { helpLang, isHelpRequest } from "./question.ts";
import type { SlackDeps } from "./deps.ts";
import { answerInConversation } from "./converse.ts";
import type { ConversationRef } from "./conversation.ts";

export interface ReplyContext {
  /** Where the reply goes, for the feedback record. */
  channel: string | null;
  /** Slack user id to restate the question for (replies everyone sees, like `/ask`). */
  askedBy?: string | null;
  /** Who asked, for the per-user limit. */
  user?: string | null;
  /** The conversation the question continues (a thread, a DM); alone when absent. */
  conversation?: ConversationRef;
}

/**
 * The reply to a question: usage for an empty question or "help", else the engine's answer
 * (or reasoned refusal) with feedback buttons. Rejects only when the engine does.
 */
export async function buildReply(
  deps: SlackDeps,
  question: string,
  where: ReplyContext,
): Promise<{ message: SlackMessage; kind: "usage" | "answer" | "limited" }> {
  if (isHelpRequest(question)) {
    return { message: formatUsage(deps.engine.usage(helpLang(question))), kind: "usage" };
  }
  if (deps.rateLimiter && where.user) {
    const decision = await deps.rateLimiter.take(`slack:${where.user}`);
    if (!decision.ok) {
      deps.logger.info("slack: rate limited", { user: where.user, retryAfterMs: decision.retryAfterMs });
      return { message: formatPlain(rateLimitedText(helpLang(question), decision.retryAfterMs, deps.rateLimiter.perMinute)), kind: "limited" };
    }
  }
  const started = performance.now();
  const { answer, decorate } = await answerInConversation(deps, question, where.conversation);
  const id = deps.newAnswerId();
  deps.recentAnswers.set(id, {
    question,
    answer: answer.text,
    answered: answer.answered,
    lang: answer.lang,
    kbVersion: answer.kbVersion,
    channel: where.channel,
  });
  deps.logger.info("slack: answered", {
    channel: where.channel,
    answered: answer.answered,
    refusal: answer.refusal,
    citations: answer.citations.length,
    lang: answer.lang,
    kbVersion: answer.kbVersion,
    ms: Math.round(performance.now() - started),
  });
  const message = decorate(formatAnswer(answer, {
    feedbackId: id,
    askedBy: where.askedBy ?? null,
  }));
  return { message, kind: "answer" };
}

export interface MaybeBotMessage {
  user?: string;
  bot_id?: string;
  bot_profile?: unknown;
  subtype?: string;
}

/** True for messages the bot must not answer: its own, other bots', and edits, joins and other subtypes. */
export function isFromBotOrSystem(event: MaybeBotMessage, botUserId?: string | null): boolean {
  if (event.bot_id !== undefined || event.bot_profile !== undefined) return true;
  if (event.subtype !== undefined) return true;
  if (event.user === undefined) return true;
  return botUserId !== undefined && botUserId !== null && event.user === botUserId;
}
