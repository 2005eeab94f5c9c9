// The words of a fact's claims, read once per fact and kept with the index: the same facts
// come up question after question, and every answer compares several claims word by word.
import type { Fact } from "../knowledge/schema.ts";
import { Lru } from "../lru.ts";
import { contentWords } from "../search/analysis.ts";
import type { SearchIndex } from "../search/search-index.ts";

export interface ClaimWords {
  /** Content words of the Korean claim. */
  readonly ko: ReadonlySet<string>;
  /** Content words of the English claim, or null when the fact has none. */
  readonly en: ReadonlySet<string> | null;
  /** The Korean claim without spaces, to find a date written in it however spaced. */
  readonly koUnspaced: string;
  /** The English claim in lower case ("" when none). */
  readonly enLower: string;
}

/**
 * Facts read recently, per index: bounded, so that a large archive keeps only the facts its
 * questions bring up; kept with the index, so that a reload lets go of the old version's
 * facts (and the data files their strings still point into).
 */
const REMEMBERED = 20_000;
const byIndex = new WeakMap<SearchIndex, Lru<Fact, ClaimWords>>();

export function claimWords(f: Fact, index: SearchIndex): ClaimWords {
  let memo = byIndex.get(index);
  if (!memo) byIndex.set(index, (memo = new Lru(REMEMBERED)));
  let words = memo.get(f);
  if (!words) {
    words = {
      ko: contentWords(f.claim.ko),
      en: f.claim.en ? contentWords(f.claim.en) : null,
      koUnspaced: f.claim.ko.replace(/\s+/gu, ""),
      enLower: (f.claim.en ?? "").toLowerCase(),
    };
    memo.set(f, words);
  }
  return words;
}

const textsByIndex = new WeakMap<SearchIndex, Lru<Fact, ReadonlySet<string>>>();

/** Content words of a fact's claims and quote together (its text as the lead rules read it). */
export function factTextWords(f: Fact, index: SearchIndex): ReadonlySet<string> {
  let memo = textsByIndex.get(index);
  if (!memo) textsByIndex.set(index, (memo = new Lru(REMEMBERED)));
  let words = memo.get(f);
  if (!words) memo.set(f, (words = contentWords(factText(f))));
  return words;
}

/** A fact's English claim, Korean claim and quote, in one text. */
export const factText = (f: Fact): string => `${f.claim.en ?? ""} ${f.claim.ko} ${f.quote}`;
