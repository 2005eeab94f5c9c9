// Discord's conversations: a chain of replies to the bot's answers, a thread the bot started
// (or one started from its answer), and a DM. Each answer the bot sends keeps the state of its
// conversation at that point under the answer's id, so that a reply to any answer in a chain
// continues from there; a thread keeps one state; a DM keeps its last exchange for 30 minutes.
// A mention or `/ask` in a channel starts afresh.
import { CONVERSATION_TTL_MS, type ConversationStore } from "../../engine/conversation-store.ts";

export const CHAIN_TTL_MS = 24 * 60 * 60_000;
export const DM_TTL_MS = CONVERSATION_TTL_MS;

export const answerKey = (messageId: string) => `discord:answer:${messageId}`;

export interface DiscordConversation {
  /** Where this turn reads and writes the conversation's state. */
  key: string;
  /** Where the state comes from when `key` has none yet (the answer replied to, or the thread's first answer). */
  seed: string | null;
  ttlMs: number;
  /** How the message continues a conversation: null when it starts one. */
  via: "reply" | "thread" | "dm" | null;
}

/** What the adapter knows of a message, read off discord.js's Message. */
export interface ConversationFacts {
  /** The message's (or interaction's) own id. */
  id: string;
  /** Null in a DM. */
  guildId: string | null;
  channelId: string;
  /** The message replied to, when the author is the bot. */
  repliesToBot: string | null;
  /** The thread the message is in, with who started it. */
  thread: { id: string; ownerId: string | null } | null;
}

/**
 * The conversation a message belongs to. A thread counts as the bot's when the bot owns it or
 * it was started from one of the bot's answers (such a thread has the answer's id).
 */
export async function conversationOf(facts: ConversationFacts, botId: string, store: ConversationStore): Promise<DiscordConversation> {
  if (facts.guildId === null) return { key: `discord:dm:${facts.channelId}`, seed: null, ttlMs: DM_TTL_MS, via: "dm" };
  const turn = `discord:turn:${facts.id}`;
  if (facts.repliesToBot !== null) return { key: turn, seed: answerKey(facts.repliesToBot), ttlMs: CHAIN_TTL_MS, via: "reply" };
  const t = facts.thread;
  if (t) {
    const key = `discord:thread:${t.id}`;
    if (t.ownerId === botId || (await store.get(key)) !== undefined || (await store.get(answerKey(t.id))) !== undefined) {
      return { key, seed: answerKey(t.id), ttlMs: CHAIN_TTL_MS, via: "thread" };
    }
  }
  return { key: turn, seed: null, ttlMs: CHAIN_TTL_MS, via: null };
}

/** Copies the seed's state into the turn's key when it has none, so the turn reads the chain's context. */
export async function openTurn(store: ConversationStore, c: DiscordConversation): Promise<void> {
  if (c.seed === null || (await store.get(c.key)) !== undefined) return;
  const seeded = await store.get(c.seed);
  if (seeded) await store.set(c.key, seeded, c.ttlMs);
}

/** Keeps the conversation's state under the answer the bot sent, for replies to it. */
export async function rememberAnswer(store: ConversationStore, c: DiscordConversation, answerId: string): Promise<void> {
  const state = await store.get(c.key);
  if (state) await store.set(answerKey(answerId), state, c.ttlMs);
}
