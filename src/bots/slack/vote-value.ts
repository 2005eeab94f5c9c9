// What a 👍/👎 button carries: the answer's short id, and enough of the answer to record a
// vote on it after the bot has forgotten it (a restart, another replica): the question, its
// language and whether it was answered. Slack gives a button value 2,000 characters; the
// question is cut to fit.
import { z } from "zod";
import type { Lang } from "../../answer/types.ts";

export const VOTE_VALUE_MAX = 2_000;
/** Longest question kept in a value: both buttons carry it, and it counts towards the message's total. */
export const VOTE_QUESTION_MAX = 500;

const VoteValueSchema = z.object({
  /** The answer's short id. */
  i: z.string().min(1).max(64),
  /** The question's language. */
  l: z.enum(["ko", "en"]),
  /** Whether the question was answered (false for a refusal). */
  a: z.boolean(),
  /** The question, cut to fit the value. */
  q: z.string(),
});

export interface VoteValue {
  answerId: string;
  lang: Lang;
  answered: boolean;
  question: string;
}

/**
 * The value for a vote button: the question cut to `VOTE_QUESTION_MAX` code points, and
 * further while JSON escaping takes the value past `VOTE_VALUE_MAX` characters.
 */
export function encodeVoteValue(v: VoteValue): string {
  const chars = Array.from(v.question);
  // `&`, `<` and `>` as JSON escapes: the value holds no markup, whatever the question held.
  const encode = (keep: number) =>
    JSON.stringify({ i: v.answerId.slice(0, 64), l: v.lang, a: v.answered, q: keep < chars.length ? `${chars.slice(0, keep).join("")}…` : v.question }).replace(
      /[&<>]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  let keep = Math.min(chars.length, VOTE_QUESTION_MAX);
  let value = encode(keep);
  // An escaped character takes at most 12 characters (a surrogate pair as two \uXXXX).
  while (value.length > VOTE_VALUE_MAX && keep > 0) {
    keep = Math.max(0, keep - Math.ceil((value.length - VOTE_VALUE_MAX) / 12));
    value = encode(keep);
  }
  return value;
}

/**
 * The vote a button's value carries. A value that is not ours in JSON is the bare answer id
 * the buttons carried before (messages posted by an earlier version), with nothing else known.
 */
export function decodeVoteValue(value: string): VoteValue | { answerId: string; lang: null; answered: null; question: null } {
  if (value.startsWith("{")) {
    try {
      const parsed = VoteValueSchema.safeParse(JSON.parse(value));
      if (parsed.success) return { answerId: parsed.data.i, lang: parsed.data.l, answered: parsed.data.a, question: parsed.data.q };
    } catch {
      // not JSON: read as a bare id below
    }
  }
  return { answerId: value.slice(0, 64), lang: null, answered: null, question: null };
}
