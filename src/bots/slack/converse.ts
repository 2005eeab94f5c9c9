// A question asked in a Slack conversation: read against the conversation's context, and
// its answer decorated with what it was taken to be and the questions to ask next.
import type { Answer } from "../../answer/types.ts";
import { askInConversation, type ConversationAnswer } from "../../engine/conversation.ts";
import type { SlackDeps } from "./deps.ts";
import type { ConversationRef } from "./conversation.ts";
import type { SlackMessage } from "./format.ts";
import { withAbout, withFollowUps } from "./follow-up-blocks.ts";

export interface ConversedAnswer {
  answer: Answer;
  /** Adds the "(about: …)" line and the follow-up buttons to the formatted answer. */
  decorate: (message: SlackMessage) => SlackMessage;
}

/** Without a conversation (`/ask`) the question stands alone; its follow-ups, clicked, start a thread under it. */
export async function answerInConversation(deps: SlackDeps, question: string, conversation: ConversationRef | undefined): Promise<ConversedAnswer> {
  const answer: ConversationAnswer = conversation
    ? await askInConversation(deps.engine, deps.conversations, conversation.key, question, { ttlMs: conversation.ttlMs })
    : await deps.engine.ask(question);
  const followUps = answer.answered && deps.engine.followUps ? await deps.engine.followUps(answer) : [];
  return { answer, decorate: (m) => withFollowUps(withAbout(m, answer.about), followUps, answer.lang) };
}
