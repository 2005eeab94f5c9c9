// Slack's conversations: a thread (channel + thread_ts) or a DM channel. A thread keeps its
// context for a day, so that a reply the next morning is still read in it; a DM keeps its
// last exchange for 30 minutes, after which a message there starts afresh.
import { CONVERSATION_TTL_MS } from "../../engine/conversation-store.ts";

export const THREAD_TTL_MS = 24 * 60 * 60_000;
export const DM_TTL_MS = CONVERSATION_TTL_MS;

export interface ConversationRef {
  key: string;
  ttlMs: number;
}

export function threadConversation(channel: string, threadTs: string): ConversationRef {
  return { key: `slack:${channel}:${threadTs}`, ttlMs: THREAD_TTL_MS };
}

export function dmConversation(channel: string): ConversationRef {
  return { key: `slack:${channel}`, ttlMs: DM_TTL_MS };
}

/** True for a DM channel id (Slack gives DMs ids beginning with D). */
export function isDmChannel(channel: string): boolean {
  return channel.startsWith("D");
}

/** The conversation a reply in `channel`, in the thread `threadTs`, belongs to: a DM is one conversation. */
export function conversationOf(channel: string, threadTs: string): ConversationRef {
  return isDmChannel(channel) ? dmConversation(channel) : threadConversation(channel, threadTs);
}
