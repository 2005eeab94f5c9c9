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
  /** Content words of the claims and the quote together (those of factText). */
  readonly text: ReadonlySet<string>;
  /** The fact's entities, each part of another (a ministry of its country) as that other. */
  readonly wideEntities: ReadonlySet<string>;
}

/**
 * Facts read recently, per index: bounded, so that a large archive keeps only the facts its
 * questions bring up; kept with the index, so that a reload lets go of the old version's
 * facts (and the data files their strings still point into).
 */
const REMEMBERED = 20_000;

/** Each part read when first asked for: a month test needs no words, a word likeness no dates. */
class FactWords implements ClaimWords {
  #ko: ReadonlySet<string> | undefined;
  #en: ReadonlySet<string> | null | undefined;
  #koUnspaced: string | undefined;
  #enLower: string | undefined;
  #text: ReadonlySet<string> | undefined;
  #wide: ReadonlySet<string> | undefined;
  constructor(
    private readonly fact: Fact,
    private readonly index: SearchIndex,
  ) {}
  get ko(): ReadonlySet<string> {
    return (this.#ko ??= contentWords(this.fact.claim.ko));
  }
  get en(): ReadonlySet<string> | null {
    if (this.#en === undefined) this.#en = this.fact.claim.en ? contentWords(this.fact.claim.en) : null;
    return this.#en;
  }
  get koUnspaced(): string {
    return (this.#koUnspaced ??= this.fact.claim.ko.replace(/\s+/gu, ""));
  }
  get enLower(): string {
    return (this.#enLower ??= (this.fact.claim.en ?? "").toLowerCase());
  }
  get text(): ReadonlySet<string> {
    // The words of the claims and the quote joined by spaces are those of each read alone
    // (a test checks every bundled fact), and the claims' words are often read already.
    if (this.#text === undefined) {
      const text = contentWords(this.fact.quote);
      for (const w of this.ko) text.add(w);
      for (const w of this.en ?? []) text.add(w);
      this.#text = text;
    }
    return this.#text;
  }
  get wideEntities(): ReadonlySet<string> {
    const terms = this.index.glossary.terms;
    return (this.#wide ??= new Set(this.fact.entities.map((id) => terms.get(id)?.partOf ?? id)));
  }
}

const byIndex = new WeakMap<SearchIndex, Lru<Fact, ClaimWords>>();

export function claimWords(f: Fact, index: SearchIndex): ClaimWords {
  let memo = byIndex.get(index);
  if (!memo) byIndex.set(index, (memo = new Lru(REMEMBERED)));
  let words = memo.get(f);
  if (!words) memo.set(f, (words = new FactWords(f, index)));
  return words;
}
