// Drafts Korean example questions for a candidate fact from its sentence, by rules that only
// fire where the result is a grammatical question the sentence answers. English ones are left
// to the reviewer, like the English claim.
import { josa } from "es-hangul";
import type { Term } from "../schema.ts";
import { normalizeSpace } from "../text.ts";
import { findFullDates } from "./dates.ts";

/** A plain past-tense ending ("…했다.", "…됐다.") that turns into a casual question. */
const PAST_END = /([했됐였])다\.$/u;
/** A count with its counter ("30여 곳", "2명"); the counter is kept, the number asked for. */
const COUNT = /(?<![\d.,])\d[\d,]*(?:여|여\s*만|만)?\s*(개국|개|명|곳|건)(?!월)/gu;
/** An amount of money ("약 55억 달러", "80억달러"), asked for with 얼마. */
const AMOUNT = /(?:약\s*)?\d[\d,.]*\s*(?:만|억|조)?\s*(?:달러|원|위안)(?:\([^)]*\))?/gu;
/** Verbs of saying after a quote or a reported claim. */
const SAID = /(?:말했다|밝혔다|강조했다|설명했다|덧붙였다|주장했다)\.$/u;
/** Sentences longer than this make unwieldy questions. */
const MAX_LENGTH = 90;

/** The sentence as a question: its past-tense ending made casual, or null when it has none. */
function asQuestion(sentence: string): string | null {
  return PAST_END.test(sentence) ? sentence.replace(PAST_END, "$1어?") : null;
}

/** The one match of `re` in the text, or null when there is none or more than one. */
function single(text: string, re: RegExp): string | null {
  const found = [...text.matchAll(re)];
  return found.length === 1 ? (found[0]?.[0] ?? null) : null;
}

/**
 * Korean example questions for a sentence naming the given glossary ids:
 * - exactly one full date, as an adverb ("2025년 7월 18일 …했다.") → "언제 …했어?";
 * - exactly one count ("30여 곳") → "몇 곳 …했어?";
 * - exactly one amount of money → "얼마 …했어?";
 * - a person named first and a verb of saying at the end → "<name>은 뭐라고 했어?".
 * A sentence with a quotation mark gets only the last (a question would cut the quote).
 */
export function draftQuestions(sentence: string, entityIds: readonly string[], terms: readonly Term[]): string[] {
  const s = normalizeSpace(sentence);
  const out: string[] = [];
  const quoted = /["“”'‘’]/u.test(s);
  const q = !quoted && s.length <= MAX_LENGTH ? asQuestion(s) : null;
  if (q) {
    const dates = findFullDates(q);
    if (dates.length === 1) {
      const written = dates[0]!.text;
      // Only a date standing alone as an adverb: first in the sentence or right after its
      // subject, and not followed by a word it qualifies ("… 발표에서", "…의").
      const escaped = written.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
      const at = new RegExp(`(^|[은는이가] )${escaped}(?:에|에는)? (?![^ ]*(?:에서|의) )`, "u");
      if (at.test(q)) out.push(q.replace(at, "$1언제 "));
    }
    const count = single(q, COUNT);
    if (count) out.push(q.replace(count, `몇 ${count.replace(/^.*?(개국|개|명|곳|건)$/u, "$1")}`));
    const amount = single(q, AMOUNT);
    if (amount) out.push(q.replace(amount, "얼마"));
  }
  const byId = new Map(terms.map((t) => [t.id, t]));
  const first = byId.get(entityIds[0] ?? "");
  const name = first?.kind === "person" ? first.ko[0] : undefined;
  if (name && SAID.test(s) && s.startsWith(name)) out.push(`${josa(name, "은/는")} 뭐라고 했어?`);
  return [...new Set(out)].slice(0, 5);
}
