// The order of partial dates (a year, a month or a day) and of dated facts: shared by the
// index, which keeps each subject's facts in time order, and the answers that read them.
import type { Fact } from "./schema.ts";

/** What a partial date's key is padded with, to the length of a full date. */
const KEY_PAD = "-00-00";

/** Sort key: a month sorts before its days, a year before its months. */
export function dateKey(date: string): string {
  return (date + KEY_PAD).slice(0, 10);
}

/**
 * Orders two partial dates, a year or month before the days in it. Their keys are all of
 * one shape (digits and hyphens in the same places), so code units order them as a collator
 * would, at a fraction of localeCompare's cost over a subject's every dated fact.
 */
export function compareDates(a: string, b: string): number {
  // dateKey's characters, read in place: a comparison must not build two strings.
  for (let i = 0; i < 10; i++) {
    const x = i < a.length ? a.charCodeAt(i) : KEY_PAD.charCodeAt(i - a.length);
    const y = i < b.length ? b.charCodeAt(i) : KEY_PAD.charCodeAt(i - b.length);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Dated facts in time order; on one date, a key event after the others and an exactly dated
 * fact after an approximate one. What comes last is what an answer takes for the latest state.
 */
export function compareDatedFacts(a: Fact, b: Fact): number {
  return compareDates(a.date!, b.date!) || Number(a.key) - Number(b.key) || Number(b.approximate) - Number(a.approximate);
}
