// Asks a question within a conversation: reads it against the conversation's last answered
// question, asks the engine each reading in turn and keeps the first it can support. When
// none is supported the follow-up is refused as any question is.
import { contentWords } from "../search/analysis.ts";
import { aboutLabel, focusOf, koreanStems, markedNouns, resolveFollowUp, statesSubject } from "../answer/follow-up.ts";
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
  const context = previous?.question ?? null;
  const resolution = resolveFollowUp(context === null ? null : { question: context, ...(previous?.answer ? { answer: previous.answer } : {}) }, question);
  let chosen: { answer: Answer; reading: string; score: number } | null = null;
  let first: Answer | null = null;
  // Of the readings answered, the one whose first sentence says what the follow-up adds and
  // does not repeat the previous answer's; the earlier reading on a tie.
  const focus = context === null ? new Set<string>() : focusOf(context, question);
  const marked = context === null ? [] : markedNouns(context, question);
  const repeated = previous?.answer ? norm(previous.answer) : null;
  for (const reading of resolution.readings.slice(0, MAX_READINGS)) {
    const a = await engine.ask(reading);
    first ??= a;
    if (!a.answered) continue;
    const lead = firstSentence(a.text);
    const said = contentWords(koreanStems(lead));
    const held = [...focus].filter((w) => said.has(w)).length;
    const fresh = repeated === null || !norm(lead).includes(repeated) ? 1 : 0;
    // Not repeating counts only for a reading whose lead says some of what the follow-up adds.
    // The follow-up asked as it stands, without context, is the last resort of the readings.
    const alone = !statesSubject(question) && norm(question).endsWith(norm(reading)) ? -100 : 0;
    const score = alone + held * 2 + (held > 0 || focus.size === 0 ? fresh : 0);
    if (marked.length > 0 && !marked.some((w) => a.text.includes(w))) continue;
    if (!chosen || score > chosen.score) chosen = { answer: a, reading, score };
    if (fresh === 1 && held === focus.size && alone === 0) break;
  }
  const now = options.now ?? Date.now;
  // Every reply keeps the conversation (and its time to live): the bot took part in it.
  const keep = (q: string | null, a?: Answer) => {
    const answer = a?.answered ? firstSentence(a.text) : q === context ? previous?.answer : undefined;
    return store.set(key, { question: q, ...(answer ? { answer } : {}), at: now() }, options.ttlMs);
  };
  if (resolution.kind === "new") {
    const a = first ?? (await engine.ask(question));
    await keep(a.answered ? question : context, a.answered ? a : undefined);
    return a;
  }
  if (!chosen) {
    // The refusal speaks to the follow-up as asked; the context stays for the next try.
    const raw = await engine.ask(question);
    await keep(context);
    return raw.answered ? raw : { ...raw, question };
  }
  await keep(chosen.reading, chosen.answer);
  const about = aboutLabel(resolution);
  return { ...chosen.answer, question, resolved: chosen.reading, ...(about ? { about } : {}) };
}

/** The readings asked at most for one follow-up: each is one more search. */
const MAX_READINGS = 6;

const norm = (t: string) => t.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "");

/** The answer's first sentence, bounded: all a later follow-up reads of it. */
function firstSentence(text: string): string {
  const m = /[.!?。](?:\s|$)/u.exec(text);
  return (m ? text.slice(0, m.index + 1) : text).slice(0, 300);
}

/** True when the bot has replied in the conversation within its time to live. */
export async function tookPart(store: ConversationStore, key: string): Promise<boolean> {
  return (await store.get(key)) !== undefined;
}
