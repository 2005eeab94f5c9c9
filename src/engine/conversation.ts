// Asks a question within a conversation: reads it against the conversation's last answered
// question, asks the engine each reading in turn and keeps the first it can support. When
// none is supported the follow-up is refused as any question is.
import { aboutLabel, resolveFollowUp } from "../answer/follow-up.ts";
import type { Answer } from "../answer/types.ts";
import type { ConversationStore } from "./conversation-store.ts";
import type { Engine } from "./engine-types.ts";

export interface ConversationAnswer extends Answer {
  /** The question as understood, when the conversation's context was used. */
  resolved?: string;
  /** A few words on what the answer took the question to be: "(about: … — when)". */
  about?: string;
}

export interface AskInConversationOptions {
  /** How long this conversation keeps its last exchange (the store's default when omitted). */
  ttlMs?: number;
  now?: () => number;
}

export async function askInConversation(
  engine: Pick<Engine, "ask">,
  store: ConversationStore,
  key: string,
  question: string,
  options: AskInConversationOptions = {},
): Promise<ConversationAnswer> {
  const previous = await store.get(key);
  const resolution = resolveFollowUp(previous ?? null, question);
  let chosen: { answer: Answer; reading: string } | null = null;
  let first: Answer | null = null;
  for (const reading of resolution.readings) {
    const a = await engine.ask(reading);
    first ??= a;
    if (a.answered) {
      chosen = { answer: a, reading };
      break;
    }
  }
  const now = options.now ?? Date.now;
  if (resolution.kind === "new") {
    const a = first ?? (await engine.ask(question));
    if (a.answered) await store.set(key, { question, at: now() }, options.ttlMs);
    return a;
  }
  if (!chosen) {
    // The refusal speaks to the follow-up as asked; the context stays for the next try.
    const raw = await engine.ask(question);
    return raw.answered ? raw : { ...raw, question };
  }
  await store.set(key, { question: chosen.reading, at: now() }, options.ttlMs);
  const about = aboutLabel(resolution);
  return { ...chosen.answer, question, resolved: chosen.reading, ...(about ? { about } : {}) };
}
