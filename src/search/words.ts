// Words: a text cut into Hangul, Han and Latin/digit runs, each with the stem it is matched
// on, and the tokens a word gives an index.
import { STOP_EN, stemEnglish } from "./english.ts";
import { BARE_PARTICLES, bigrams, HANGUL, STOP_KO, stripKorean } from "./korean.ts";
import { normalizeText } from "./normalize.ts";

export type Script = "hangul" | "latin" | "han" | "other";

export interface Word {
  /** The word as written (lowercased), particle included. */
  surface: string;
  /** The form used for matching: particle stripped (Korean) or stemmed (English). */
  stem: string;
  script: Script;
  /** Question words and function words: not content. */
  stop: boolean;
}

function scriptOf(token: string): Script {
  if (HANGUL.test(token)) return "hangul";
  if (/[\p{Script=Han}]/u.test(token)) return "han";
  if (/[\p{L}\p{N}]/u.test(token)) return "latin";
  return "other";
}

/** The words of one token: its Hangul, Han and other runs, stemmed, bare particles left out. */
function tokenWords(token: string): readonly Word[] {
  const words: Word[] = [];
  const runs = token.match(/[\uAC00-\uD7A3\u3131-\u318E]+|\p{Script=Han}+|[^\uAC00-\uD7A3\u3131-\u318E\p{Script=Han}]+/gu) ?? [];
  for (const run of runs) {
    const surface = run.toLowerCase();
    const script = scriptOf(surface);
    // A particle standing alone (after a number or a model name, or split off by
    // normalization: "6월에" → "m6 에") carries no content.
    if (script === "hangul" && BARE_PARTICLES.has(surface)) continue;
    if (script === "hangul") {
      const stem = stripKorean(surface);
      words.push(Object.freeze({ surface, stem, script, stop: STOP_KO.has(stem) || STOP_KO.has(surface) }));
    } else if (script === "latin") {
      const stem = stemEnglish(surface);
      words.push(Object.freeze({ surface, stem, script, stop: STOP_EN.has(surface) || STOP_EN.has(stem) }));
    } else {
      words.push(Object.freeze({ surface, stem: surface, script, stop: false }));
    }
  }
  return words;
}

/**
 * Words of tokens seen before: the same few thousand words make up most of every text, and
 * stemming one takes a dozen pattern tests. Only short tokens are kept, as a longer one may
 * be a slice that holds on to the whole text it was cut from; the table starts over when full.
 */
const seenTokens = new Map<string, readonly Word[]>();
const SEEN_TOKENS_MAX = 65_536;
const SEEN_TOKEN_CHARS = 12;

const isDigit = (c: number) => c >= 48 && c <= 57;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** Whether the code point at `i` is a letter or a number (\p{L}, \p{N}); ASCII and Hangul without a pattern. */
function wordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isDigit(c) || (c | 32) >= 97 && (c | 32) <= 122;
  if (c >= 0xac00 && c <= 0xd7a3) return true;
  return LETTER_OR_NUMBER.test(String.fromCodePoint(text.codePointAt(i)!));
}

/**
 * The tokens of a normalized text: what /\d+(?:\.\d+)+|[\p{L}\p{N}]+/gu matches (a dotted
 * number, else a run of letters and numbers), read by hand, since the pattern's Unicode
 * classes made it a fifth of an analysis.
 */
export function rawTokens(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
    if (!wordCharAt(text, i)) {
      i += width;
      continue;
    }
    if (isDigit(text.charCodeAt(i))) {
      let k = i;
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      let dotted = false;
      while (k + 1 < n && text.charCodeAt(k) === 46 && isDigit(text.charCodeAt(k + 1))) {
        k += 1;
        while (k < n && isDigit(text.charCodeAt(k))) k++;
        dotted = true;
      }
      if (dotted) {
        out.push(text.slice(i, k));
        i = k;
        continue;
      }
    }
    let j = i + width;
    while (j < n && wordCharAt(text, j)) j += text.codePointAt(j)! > 0xffff ? 2 : 1;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/** Splits a normalized text into words; Hangul and Latin/digit runs inside one token are separate words. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const raw = rawTokens(normalizeText(text));
  for (const token of raw) {
    let found = seenTokens.get(token);
    if (!found) {
      found = tokenWords(token);
      if (token.length <= SEEN_TOKEN_CHARS) {
        if (seenTokens.size >= SEEN_TOKENS_MAX) seenTokens.clear();
        seenTokens.set(token, found);
      }
    }
    for (const w of found) words.push(w);
  }
  return words;
}

/**
 * The tokens a word contributes to an index: its stem, its surface when different, and for
 * Korean the bigrams of the whole surface, so that a question's stem matches a document
 * word whatever ending it carries ("방문" in "방문해", "좋은" in "좋은가").
 */
export function wordTokens(w: Word): string[] {
  const out = [w.stem];
  if (w.surface !== w.stem) out.push(w.surface);
  if (w.script === "hangul") out.push(...bigrams(w.surface));
  return out;
}
