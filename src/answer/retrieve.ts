// Ranks documents for a question. BM25 (MiniSearch) finds candidates; coverage — the share
// of the question's meaning, weighted by rarity, that a document holds — decides both the
// order and whether the knowledge base supports an answer at all.
import type { AnalyzedQuery, QueryUnit } from "../search/analysis.ts";
import { expectedAnswer, supplyScore, supplyText, type Expect } from "./question-type.ts";
import { searchIndex, type IndexedDoc, type SearchIndex } from "../search/search-index.ts";

export interface Candidate {
  doc: IndexedDoc;
  /** BM25 score from MiniSearch. */
  score: number;
  /** Weighted share of the question's units found in the document, 0..1. */
  coverage: number;
  /** Final rank: coverage first, relevance second. */
  rank: number;
  matched: QueryUnit[];
}

export interface RetrieveOptions {
  /** How many BM25 candidates to re-rank. */
  pool?: number;
  /** The raw question, to read what kind of answer it expects. */
  question?: string;
}

const NAMED_KINDS = new Set(["product", "person"]);
const MISSING_NAME_FACTOR = 0.8;

/** Rank bonus for a document that supplies the kind of answer the question expects. */
const EXPECT_BONUS = 0.08;

/** Inverse document frequency of a token; unseen tokens count as rarest. */
function idf(index: SearchIndex, token: string): number {
  const n = index.docs.length;
  const df = index.df.get(token) ?? 0;
  return Math.log(1 + (n + 1) / (df + 0.5));
}

/**
 * A unit's weight: how much it says about what is asked. Words the knowledge base has
 * never seen weigh the most, since a question about them is likely out of scope.
 */
export function unitWeight(index: SearchIndex, unit: QueryUnit): number {
  const tokens = [...unit.strong, ...unit.weak];
  const known = tokens.filter((t) => (index.df.get(t) ?? 0) > 0);
  const maxIdf = Math.log(1 + (index.docs.length + 1) / 0.5);
  if (known.length === 0) {
    // Single Hangul syllables and short fragments are too vague to veto an answer, and
    // an unseen verb is more often a paraphrase than a new subject: a question about
    // something the articles never mention names it with a noun.
    const stem = unit.strong[0] ?? unit.text;
    if (stem.length <= 1) return maxIdf * 0.4;
    return looksLikeVerb(unit.text) ? maxIdf * 0.45 : maxIdf;
  }
  const best = Math.min(...unit.strong.map((t) => ((index.df.get(t) ?? 0) > 0 ? idf(index, t) : Infinity)));
  const value = Number.isFinite(best) ? best : Math.min(...known.map((t) => idf(index, t))) * 0.8;
  return unit.entities.length > 0 ? value * 1.2 : value;
}

/** English -ed/-ing forms and Korean words ending in a verb ending. */
export function looksLikeVerb(word: string): boolean {
  if (/^[a-z]+(?:ed|ing)$/u.test(word)) return true;
  // A Korean word ending in a syllable with final ㄴ is mostly a verb's adnominal form
  // (본, 한, 된, 간): "눈여겨본 시스템".
  const last = word.charCodeAt(word.length - 1);
  if (last >= 0xac00 && last <= 0xd7a3 && (last - 0xac00) % 28 === 4 && word.length >= 3) return true;
  // Chat register ends a clause with a noun form: "풀린거", "변화임", "승인됨".
  return /[\uAC00-\uD7A3](?:다|고|게|대|래|야|어|아|지|냐|니|나|까|요|죠|는|은|던|면|서|며|려|러|았|었|했|됐|줘|한가|인가|는가|거|건|걸|임|함|됨|음|듯)$/u.test(word);
}

function unitMatched(unit: QueryUnit, terms: readonly string[]): boolean {
  // Plain loops over a handful of terms: run for every unit of forty candidates an answer.
  for (const t of unit.strong) if (terms.includes(t)) return true;
  if (unit.weak.length === 0) return false;
  let hits = 0;
  for (const t of unit.weak) if (terms.includes(t)) hits += 1;
  return hits >= Math.ceil(unit.weak.length / 2);
}

export function retrieve(index: SearchIndex, query: AnalyzedQuery, options: RetrieveOptions = {}): Candidate[] {
  if (query.units.length === 0 || query.tokens.length === 0) return [];
  const pool = options.pool ?? 40;
  const weights = query.units.map((u) => unitWeight(index, u));
  const total = weights.reduce((a, b) => a + b, 0);
  // Only the best `pool` documents are ranked further, so only they are asked for.
  const { hits: results } = searchIndex(index, query.tokens, {
    limit: pool,
    boost: { ko: 1, en: 1, ent: 1.5, q: 1 },
    boostTerm: (term) => (term.startsWith("#") ? 0.35 : term.startsWith("@") ? 1.3 : 1),
  });
  if (results.length === 0) return [];
  const top = results[0]?.score ?? 1;
  const expects: Expect[] = options.question ? expectedAnswer(options.question) : [];
  const asked = new Set(query.entities);
  // A document that leaves out a product or person the question names is about something else.
  const namesWho = Uint8Array.from(query.units, (u) => (u.entities.some((id) => NAMED_KINDS.has(index.glossary.terms.get(id)?.kind ?? "")) ? 1 : 0));
  const out: Candidate[] = [];
  for (const r of results) {
    const doc = index.docs[r.id];
    if (!doc) continue;
    let covered = 0;
    let missing = 0;
    const matched: QueryUnit[] = [];
    for (let i = 0; i < query.units.length; i++) {
      const u = query.units[i]!;
      if (unitMatched(u, r.queryTerms)) {
        covered += weights[i] ?? 0;
        matched.push(u);
      } else missing += namesWho[i]!;
    }
    const coverage = total > 0 ? covered / total : 0;
    const kindFactor = (doc.kind === "fact" ? 1 : 0.92) * MISSING_NAME_FACTOR ** missing;
    const fact = doc.kind === "fact" ? doc.fact : null;
    const text = doc.kind === "fact" ? supplyText(doc.fact) : doc.sentence;
    const bonus = expects.reduce((sum, e) => sum + Math.min(2, supplyScore(e, text, fact, index.glossary.terms, asked, options.question)), 0) * EXPECT_BONUS;
    out.push({ doc, score: r.score, coverage, matched, rank: (coverage + 0.35 * (r.score / top) + bonus) * kindFactor });
  }
  out.sort((a, b) => b.rank - a.rank);
  return out;
}
