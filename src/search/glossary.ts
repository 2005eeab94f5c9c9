// The glossary: aliases of its terms found in a word sequence, in either language, become
// entity tokens ("@nvidia"), the bridge between Korean and English texts.
import type { Term } from "../knowledge/schema.ts";
import { Lru } from "../lru.ts";
import { splitWords, type Word } from "./words.ts";

export interface EntityMatch {
  id: string;
  /** Index of the first and one past the last word covered. */
  start: number;
  end: number;
}

export interface Glossary {
  readonly terms: ReadonlyMap<string, Term>;
  /** Finds aliases of glossary terms in a word sequence, longest match first. */
  match(words: readonly Word[]): EntityMatch[];
}

export const keyOf = (words: readonly Word[]) => words.map((w) => w.stem).join("");

export function createGlossary(terms: readonly Term[]): Glossary {
  const byKey = new Map<string, Set<string>>();
  let maxWords = 1;
  const add = (key: string, id: string) => {
    if (!key) return;
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(id);
  };
  for (const term of terms) {
    for (const alias of [...term.en, ...term.ko]) {
      const words = splitWords(alias);
      if (words.length === 0) continue;
      maxWords = Math.max(maxWords, words.length);
      add(keyOf(words), term.id);
      // An alias written without spaces also matches when the text spaces it, and back.
      add(words.map((w) => w.surface).join(""), term.id);
    }
  }
  // Korean compounds hide aliases inside one word ("대미희토류"): look for Hangul keys of
  // three or more syllables inside longer Hangul words.
  const hangulKeys = new Set([...byKey.keys()].filter((k) => /^[\uAC00-\uD7A3]{3,}$/u.test(k)));
  const longestHangulKey = Math.max(0, ...[...hangulKeys].map((k) => k.length));
  // Every start of every key: a longer span is tried only while its text can still become a
  // key, so a sentence costs about one lookup per word rather than one per word and length.
  const prefixes = new Set<string>();
  for (const key of byKey.keys()) for (let end = 1; end <= key.length; end++) prefixes.add(key.slice(0, end));

  return {
    terms: new Map(terms.map((t) => [t.id, t])),
    match(words) {
      const found: EntityMatch[] = [];
      for (let i = 0; i < words.length; i++) {
        // The longest span starting here whose stems, or else whose surfaces, form a key.
        let best = 0;
        let bestIds: Set<string> | undefined;
        let stems = "";
        let surfaces = "";
        for (let n = 1; n <= Math.min(maxWords, words.length - i); n++) {
          const w = words[i + n - 1]!;
          stems += w.stem;
          surfaces += w.surface;
          const ids = byKey.get(stems) ?? byKey.get(surfaces);
          if (ids) {
            best = n;
            bestIds = ids;
          }
          if (!prefixes.has(stems) && !prefixes.has(surfaces)) break;
        }
        if (bestIds) {
          for (const id of bestIds) found.push({ id, start: i, end: i + best });
          i += best - 1;
          continue;
        }
        const w = words[i];
        if (w && w.script === "hangul" && w.surface.length >= 4) {
          for (let a = 0; a < w.surface.length; a++) {
            for (let b = a + 3; b <= Math.min(w.surface.length, a + longestHangulKey); b++) {
              if (b - a === w.surface.length) continue;
              const sub = w.surface.slice(a, b);
              if (!hangulKeys.has(sub)) continue;
              for (const id of byKey.get(sub) ?? []) found.push({ id, start: i, end: i + 1 });
            }
          }
        }
      }
      return found;
    },
  };
}

export const entityToken = (id: string) => `@${id}`;

/** Word sequences whose entity matches a query-time glossary remembers. */
const REMEMBERED_MATCHES = 5_000;

const wordsKey = (words: readonly Word[]): string => {
  let key = "";
  for (const w of words) key += `${w.surface}\u0001${w.stem}\u0001${w.script}\u0001${w.stop ? 1 : 0}\u0002`;
  return key;
};

/**
 * The glossary with a memory of its recent matches (least recently used dropped first).
 * Matching reads only the words, so a remembered result is the result. The answer core
 * matches the same texts again and again — every candidate fact's claim is re-analyzed to
 * compare it with the best one — and matching tries every alias length at every word.
 */
export function rememberMatches(glossary: Glossary, capacity = REMEMBERED_MATCHES): Glossary {
  const remembered = new Lru<string, readonly EntityMatch[]>(capacity);
  return {
    terms: glossary.terms,
    match(words) {
      const key = wordsKey(words);
      let found = remembered.get(key);
      if (!found) remembered.set(key, (found = glossary.match(words)));
      return found.map((m) => ({ ...m }));
    },
  };
}
