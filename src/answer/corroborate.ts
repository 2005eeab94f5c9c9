// Several articles reporting the same claim make it stronger; articles that date the same
// event differently must both be shown. Both are read off the retrieval candidates, which
// already hold every fact relevant to the question.
import type { Fact } from "../knowledge/schema.ts";
import { claimWords } from "./claim-words.ts";
import type { Candidate } from "./retrieve.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { datesCompatible, formatDate } from "./time.ts";

export interface Corroboration {
  /** Facts of other articles that report the same claim. */
  agreeing: Fact[];
  /** Facts of other articles that report the same event with an incompatible date. */
  differing: Fact[];
}

const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
};

/** Content words of a claim (the English one when there is one), so similarity reads words. */
const claimTokens = (f: Fact, index: SearchIndex): ReadonlySet<string> => {
  const w = claimWords(f, index);
  return w.en ?? w.ko;
};

/** Minimum likeness for two facts to report the same claim: entities and words together. */
const SAME_CLAIM = 0.42;
const MIN_SHARED_ENTITIES = 0.4;
/**
 * Two dates for one event need more than likeness: the same actors and much the same words.
 * The same person doing something similar in two different months (a visit in July, another
 * in January) is two events, not a disagreement.
 */
const SAME_EVENT_ENTITIES = 0.6;
const SAME_EVENT_WORDS = 0.18;
/** Months apart beyond which two dates are two events; a little more when one is an inference. */
const SAME_EVENT_MONTHS = 1;
const SAME_EVENT_MONTHS_INFERRED = 3;

/** A month as a claim would name it, in Korean without spaces and in English lower case. */
const monthNames = new Map<string, readonly [string, string]>();
function monthText(month: string): readonly [string, string] {
  let names = monthNames.get(month);
  if (!names) monthNames.set(month, (names = [formatDate(month, "ko").replace(/\s+/gu, ""), formatDate(month, "en").toLowerCase()]));
  return names;
}

/** Whether a fact's claim names the month of a date ("2025년 6월", "June 2025"). */
function namesMonth(f: Fact, date: string, index: SearchIndex): boolean {
  if (date.length < 7) return false;
  const [ko, en] = monthText(date.slice(0, 7));
  const w = claimWords(f, index);
  return w.koUnspaced.includes(ko) || w.enLower.includes(en);
}

const monthsApart = (a: string, b: string): number => {
  const month = (d: string) => Number(d.slice(0, 4)) * 12 + (d.length >= 7 ? Number(d.slice(5, 7)) - 1 : 6);
  return Math.abs(month(a) - month(b));
};

/** Whether two facts of incompatible dates report the same event, dated differently. */
function sameEventDatedTwice(a: Fact, b: Fact, entityLikeness: number, wordLikeness: () => number): boolean {
  if (entityLikeness < SAME_EVENT_ENTITIES || wordLikeness() < SAME_EVENT_WORDS) return false;
  return monthsApart(a.date!, b.date!) <= (a.approximate || b.approximate ? SAME_EVENT_MONTHS_INFERRED : SAME_EVENT_MONTHS);
}

export function corroborate(primary: Fact, candidates: readonly Candidate[], index: SearchIndex): Corroboration {
  const agreeing: Fact[] = [];
  const differing: Fact[] = [];
  // An administration or ministry stands for its country: "the Trump administration allowed"
  // and "the US government allowed" report the same act.
  const entities = claimWords(primary, index).wideEntities;
  const words = claimTokens(primary, index);
  const seenArticles = new Set([primary.article]);
  for (const c of candidates) {
    if (c.doc.kind !== "fact") continue;
    const f = c.doc.fact;
    if (seenArticles.has(f.article)) continue;
    const ent = jaccard(entities, claimWords(f, index).wideEntities);
    // Most candidates share too few entities: their words need not be read.
    if (ent < MIN_SHARED_ENTITIES) continue;
    // Words are read only when the entities alone do not decide: most candidates that
    // share their entities with the lead share all of them.
    let said = -1;
    const saidOf = () => (said >= 0 ? said : (said = jaccard(words, claimTokens(f, index))));
    if (ent / 2 < SAME_CLAIM && (ent + saidOf()) / 2 < SAME_CLAIM) continue;
    // A claim that itself names the other's month agrees with it ("at the London talks in
    // June", dated by the approval in July).
    if (primary.date && f.date && !datesCompatible(primary.date, f.date) && !namesMonth(primary, f.date, index) && !namesMonth(f, primary.date, index)) {
      if (!sameEventDatedTwice(primary, f, ent, saidOf)) continue;
      differing.push(f);
    } else agreeing.push(f);
    seenArticles.add(f.article);
  }
  return { agreeing, differing };
}
