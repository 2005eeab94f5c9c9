// Text analysis for Korean and English, shared by indexing and queries so both sides
// agree on every token. Korean has no spaces between a noun and its particle, spacing
// varies, and numbers are written with 만/억/조; English needs case folding and stemming.
// Glossary aliases become entity tokens ("@nvidia"), the bridge between the languages.
//
// This module turns texts into index tokens and questions into query units; the parts live
// beside it: normalize.ts (canonical text, numbers), words.ts (words and their tokens),
// korean.ts (particles, stop words, bigrams), english.ts (stemming, stop words) and
// glossary.ts (entity matching).
import { bigrams } from "./korean.ts";
import { entityToken, type EntityMatch, type Glossary } from "./glossary.ts";
import { splitWords, wordTokens } from "./words.ts";

export { normalizeText } from "./normalize.ts";
export { bigrams } from "./korean.ts";
export { stemEnglish } from "./english.ts";
export { splitWords, wordTokens, type Script, type Word } from "./words.ts";
export { createGlossary, entityToken, type EntityMatch, type Glossary } from "./glossary.ts";

/** Index tokens of a text: every content word's tokens plus the entity tokens found in it. */
export function analyzeDocument(text: string, glossary: Glossary, extraEntities: readonly string[] = []): string[] {
  const words = splitWords(text);
  const tokens: string[] = [];
  for (const w of words) if (!w.stop) tokens.push(...wordTokens(w));
  for (const m of glossary.match(words)) tokens.push(entityToken(m.id));
  for (const id of extraEntities) tokens.push(entityToken(id));
  return tokens;
}

/**
 * The content words of a text: the stem and surface of each word that is not a stop word,
 * without bigrams or glossary entities. What two claims are compared on, word for word.
 */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of splitWords(text)) {
    if (w.stop) continue;
    out.add(w.stem);
    out.add(w.surface);
  }
  return out;
}

/** One unit of meaning in a question: a content word, or a glossary entity spanning words. */
export interface QueryUnit {
  text: string;
  /** Tokens any of which alone shows the unit in a document. */
  strong: string[];
  /** Hangul bigrams: half of them together show the unit. */
  weak: string[];
  entities: string[];
}

export interface AnalyzedQuery {
  units: QueryUnit[];
  /** Glossary ids named in the question. */
  entities: string[];
  /** Every distinct token to search for. */
  tokens: string[];
}

export function analyzeQuery(question: string, glossary: Glossary): AnalyzedQuery {
  const words = splitWords(question);
  const matches = glossary.match(words);
  const covered = new Map<number, EntityMatch[]>();
  for (const m of matches) {
    const list = covered.get(m.start) ?? [];
    list.push(m);
    covered.set(m.start, list);
  }
  const units: QueryUnit[] = [];
  for (let i = 0; i < words.length; i++) {
    const ms = covered.get(i);
    if (ms && ms.length > 0) {
      const end = Math.max(...ms.map((m) => m.end));
      const span = words.slice(i, end);
      const ids = [...new Set(ms.map((m) => m.id))];
      // A name outside the articles counts only as itself: "market cap" must not match "market".
      const outside = ids.every((id) => glossary.terms.get(id)?.kind === "outside");
      const strong = [...ids.map(entityToken), ...(outside ? [] : span.filter((w) => !w.stop).map((w) => w.stem))];
      units.push({ text: span.map((w) => w.surface).join(" "), strong, weak: [], entities: ids });
      i = end - 1;
      continue;
    }
    const w = words[i];
    if (!w || w.stop) continue;
    const strong = w.surface !== w.stem ? [w.stem, w.surface] : [w.stem];
    units.push({ text: w.surface, strong, weak: w.script === "hangul" ? bigrams(w.stem) : [], entities: [] });
  }
  const tokens = [...new Set(units.flatMap((u) => [...u.strong, ...u.weak]))];
  const entities = [...new Set(units.flatMap((u) => u.entities))];
  return { units, entities, tokens };
}

/** Hangul in the question → Korean; otherwise English. */
export function detectLang(text: string): "ko" | "en" {
  return /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]/u.test(text) ? "ko" : "en";
}
