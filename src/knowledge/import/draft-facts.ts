// Drafts candidate facts from an article body: one per substantive sentence, quoting it
// verbatim, tagged with the glossary terms it names, with Korean example questions where a
// rule can draft them. A reviewer writes the English claim and questions, trims the Korean
// ones and prunes the entities before setting status: curated.
import type { z } from "zod";
import type { FactSchema, Term } from "../schema.ts";
import { normalizeSpace, splitSentences } from "../text.ts";
import { findFullDates } from "./dates.ts";
import { draftQuestions } from "./draft-questions.ts";

/** Shorter sentences (whitespace collapsed) are not worth a fact. */
export const MIN_FACT_LENGTH = 15;
/** A sentence end, optionally followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?。]["”’'」』)\]]*$/u;
const WORD_CHAR = /[a-z0-9]/u;

/** A drafted fact as written to the facts file; fields left out take the schema's defaults. */
export type DraftFact = z.input<typeof FactSchema>;

/**
 * A sentence is substantive when it ends in sentence-final punctuation (. ! ?, optionally
 * followed by a closing quote or bracket) and has at least MIN_FACT_LENGTH characters.
 * Headlines and deck lines carry no final punctuation, so they are skipped.
 */
export function isSubstantive(sentence: string): boolean {
  const s = normalizeSpace(sentence);
  return s.length >= MIN_FACT_LENGTH && SENTENCE_END.test(s);
}

function fold(text: string): string {
  return normalizeSpace(text).toLowerCase();
}

/**
 * Every place `alias` occurs in `text` (both folded). An alias that starts or ends with a
 * Latin letter or digit must not run on into one there ("H20" is not in "H200").
 */
function aliasSpans(text: string, alias: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!alias) return spans;
  const startsWord = WORD_CHAR.test(alias[0] ?? "");
  const endsWord = WORD_CHAR.test(alias.at(-1) ?? "");
  for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
    if (startsWord && WORD_CHAR.test(text[at - 1] ?? "")) continue;
    if (endsWord && WORD_CHAR.test(text[at + alias.length] ?? "")) continue;
    spans.push([at, at + alias.length]);
  }
  return spans;
}

/**
 * Glossary ids whose aliases (English or Korean, case-insensitive) occur in the sentence,
 * in order of first mention. A mention that lies inside a longer mention of another term
 * does not count (트럼프 in 트럼프 행정부 names only trump-administration). Concept terms
 * (ordinary words such as 판매, 입) are left out.
 */
export function matchEntities(sentence: string, terms: readonly Term[]): string[] {
  const text = fold(sentence);
  const mentions: Array<{ id: string; start: number; end: number }> = [];
  for (const term of terms) {
    if (term.kind === "concept") continue;
    for (const alias of new Set([...term.en, ...term.ko].map(fold))) {
      for (const [start, end] of aliasSpans(text, alias)) mentions.push({ id: term.id, start, end });
    }
  }
  const first = new Map<string, number>();
  for (const m of mentions) {
    const inside = mentions.some(
      (o) => o.id !== m.id && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
    );
    if (!inside && (first.get(m.id) ?? Infinity) > m.start) first.set(m.id, m.start);
  }
  return [...first].sort((x, y) => x[1] - y[1]).map(([id]) => id);
}

/** The date a sentence states, when it writes exactly one full date; otherwise null. */
export function statedDate(sentence: string): string | null {
  const dates = [...new Set(findFullDates(sentence).map((d) => d.date))];
  return dates.length === 1 ? (dates[0] ?? null) : null;
}

/**
 * One candidate fact per substantive sentence of the body, ids `<article>-01`, `-02`, ….
 * A sentence that names no glossary term gets the article's most mentioned term (counted
 * in sentences; the first mentioned on a tie), so every fact has an entity; when the article
 * names no term at all, no fact is drafted.
 */
export function draftFacts(articleId: string, body: string, terms: readonly Term[]): DraftFact[] {
  const sentences = splitSentences(body)
    .filter(isSubstantive)
    .map((s) => ({ text: normalizeSpace(s), entities: matchEntities(s, terms) }));
  const counts = new Map<string, number>();
  for (const s of sentences) for (const id of s.entities) counts.set(id, (counts.get(id) ?? 0) + 1);
  let fallback: string | null = null;
  for (const [id, n] of counts) if (fallback === null || n > (counts.get(fallback) ?? 0)) fallback = id;
  if (fallback === null) return [];
  return sentences.map((s, i) => ({
    id: `${articleId}-${String(i + 1).padStart(2, "0")}`,
    status: "candidate",
    date: statedDate(s.text),
    approximate: false,
    claim: { ko: s.text },
    entities: s.entities.length > 0 ? s.entities : [fallback],
    quote: s.text,
    questions: { ko: draftQuestions(s.text, s.entities, terms), en: [] },
  }));
}
