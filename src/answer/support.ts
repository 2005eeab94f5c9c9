// Whether the knowledge base supports an answer, and which documents support it: the best
// match, the fact beside it that holds what was asked, and the next ones close to it.
import type { Article, Fact } from "../knowledge/schema.ts";
import { normalizeSpace } from "../knowledge/text.ts";
import { bigrams, normalizeText, splitWords, type AnalyzedQuery } from "../search/analysis.ts";
import { expectedAnswer, supplyScore, supplyText } from "./question-type.ts";
import { looksLikeVerb, unitWeight, type Candidate } from "./retrieve.ts";
import type { SearchIndex } from "../search/search-index.ts";

/** Coverage at which a match supports an answer on its own. */
export const MIN_COVERAGE = 0.5;
/** Lower coverage suffices when the match shares specific entities with the question. */
export const MIN_COVERAGE_WITH_ENTITY = 0.25;
/** Summed weight of matched specific entities needed for the lower bar (a rare name, not "China"). */
const SPECIFIC_ENTITY_WEIGHT = 3;
const MAX_CITATIONS = 3;

export interface Support {
  article: Article;
  fact: Fact | null;
  quote: string;
  coverage: number;
  rank: number;
  /**
   * True for the fact beside the best match that holds the kind of answer it lacks. Always
   * set: supports of one shape keep the code that reads them compiled for that shape.
   */
  complement: boolean;
}

/** A fact of the sentence's article whose quote holds the sentence, if any. */
function factForSentence(index: SearchIndex, article: Article, sentence: string): Fact | null {
  const s = normalizeSpace(sentence);
  for (const f of index.factsByArticle.get(article.id) ?? []) {
    const q = normalizeSpace(f.quote);
    if (q.includes(s) || s.includes(q)) return f;
  }
  return null;
}

export function supportOf(index: SearchIndex, c: Candidate): Support {
  if (c.doc.kind === "fact") {
    return { article: c.doc.article, fact: c.doc.fact, quote: c.doc.fact.quote, coverage: c.coverage, rank: c.rank, complement: false };
  }
  const fact = factForSentence(index, c.doc.article, c.doc.sentence);
  return { article: c.doc.article, fact, quote: fact?.quote ?? c.doc.sentence, coverage: c.coverage, rank: c.rank, complement: false };
}

/**
 * When the best match does not hold the kind of answer asked for ("which companies" matched
 * a fact without companies, "why" a fact without a reason), a fact of the same article that
 * does is the answer's other half: among the article's facts, the one that supplies it best,
 * sharing the most entities with the best match, nearest to it in the article.
 */
function complement(best: Candidate, question: string, index: SearchIndex): Fact | null {
  const expects = expectedAnswer(question);
  const bestFact = supportOf(index, best).fact;
  if (expects.length === 0 || !bestFact) return null;
  const asked = new Set(best.matched.flatMap((u) => u.entities));
  // A number elsewhere in the article answers "how many chips" only when it counts chips.
  const score = (fact: Fact) =>
    Math.max(
      ...expects.map((e) => {
        const sc = supplyScore(e, supplyText(fact), fact, index.glossary.terms, asked, question);
        return e === "number" && sc < 2 ? 0 : sc;
      }),
    );
  const facts = index.factsByArticle.get(bestFact.article) ?? [];
  const at = facts.indexOf(bestFact);
  // Nearest first, a following sentence before a preceding one (news gives the reason or the
  // detail after the statement), then the most entities shared with the best match.
  const distance = (i: number) => (i > at ? i - at : (at - i) + 0.5);
  const shared = (f: Fact) => f.entities.filter((id) => bestFact.entities.includes(id)).length;
  let found: Fact | null = null;
  let top = score(bestFact);
  let topDistance = Infinity;
  let topShared = -1;
  facts.forEach((f, i) => {
    if (f === bestFact) return;
    const sc = score(f);
    if (sc < top || sc === 0) return;
    const d = distance(i);
    const sh = shared(f);
    if (sc > top || (found !== null && (d < topDistance || (d === topDistance && sh > topShared)))) {
      found = f;
      top = sc;
      topDistance = d;
      topShared = sh;
    }
  });
  return found;
}

/**
 * Names the knowledge base has never seen: capitalized or all-caps Latin words that are
 * not sentence-initial (or acronyms anywhere) and occur in no document. A question about
 * Samsung or ASML is out of scope even when its other words match.
 */
export function unknownNames(question: string, index: SearchIndex): string[] {
  const out: string[] = [];
  // Words inside a glossary name ("Department" in "US Commerce Department") are known.
  const words = splitWords(question);
  const inEntity = new Set(index.glossary.match(words).flatMap((m) => words.slice(m.start, m.end).map((w) => w.surface)));
  const re = /(^|[.?!]\s+|\s)([A-Z][A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)/gu;
  for (const m of question.matchAll(re)) {
    const word = m[2] ?? "";
    const sentenceStart = m.index === 0 || /[.?!]/u.test(m[1] ?? "");
    const acronym = /^[A-Z][A-Z0-9]+$/u.test(word);
    if (sentenceStart && !acronym) continue;
    const own = splitWords(word);
    if (own.length === 0 || own.some((w) => w.stop || inEntity.has(w.surface))) continue;
    if (index.glossary.match(own).length > 0) continue;
    if (own.some((w) => (index.df.get(w.stem) ?? 0) > 0 || (index.df.get(w.surface) ?? 0) > 0)) continue;
    out.push(word);
  }
  // A model code the articles never name ("R2", "M4"), capitalized or not.
  for (const m of question.matchAll(/(?<![\p{L}\d])([A-Za-z]{1,2}\d{1,3})(?![\p{L}\d])/gu)) {
    const code = m[1]!;
    if (out.includes(code) || (index.df.get(code.toLowerCase()) ?? 0) > 0 || index.glossary.match(splitWords(code)).length > 0) continue;
    out.push(code);
  }
  // Korean has no capitals: an unseen noun of three or more syllables (삼성전자, 비트코인)
  // is most likely a name.
  for (const w of words) {
    if (inEntity.has(w.surface)) continue;
    if (w.script !== "hangul" || w.stop || w.stem.length < 3 || looksLikeVerb(w.surface)) continue;
    // A question word written together with its counter ("몇번째로", "몇회째", "얼마나") names nothing.
    if (/^(?:몇|얼마|어느|무슨|어떤|언제|누구|어디)/u.test(w.surface)) continue;
    const tokens = [w.stem, w.surface, ...bigrams(w.stem)];
    if (tokens.some((t) => (index.df.get(t) ?? 0) > 0)) continue;
    if (index.glossary.match([w]).length > 0) continue;
    out.push(w.surface);
  }
  return out;
}

/** Figures a text states: percentages, and other numbers of 100 or more that are not years. */
interface Figures {
  percents: Set<string>;
  numbers: Set<string>;
}

const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|퍼센트|percent\b|per cent\b)/giu;
const isYear = (n: number) => Number.isInteger(n) && n >= 1900 && n <= 2100;

function figuresOf(text: string): Figures {
  const normalized = normalizeText(text);
  const percents = new Set([...normalized.matchAll(PERCENT)].map((m) => String(Number(m[1]))));
  const numbers = new Set<string>();
  for (const w of splitWords(text)) {
    if (!/^\d+(?:\.\d+)?$/u.test(w.surface)) continue;
    const n = Number(w.surface);
    if (n >= 100 && !isYear(n)) numbers.add(String(n));
  }
  return { percents, numbers };
}

const articleFigures = new WeakMap<Article, Figures>();

/**
 * Figures the question states that the article never does: "the 15% revenue share" asked of
 * an article without that figure. The premise is not in the article, so neither is the answer.
 */
export function unstatedFigures(question: string, article: Article): string[] {
  const asked = figuresOf(question);
  if (asked.percents.size === 0 && asked.numbers.size === 0) return [];
  let known = articleFigures.get(article);
  if (!known) {
    known = figuresOf(article.body);
    articleFigures.set(article, known);
  }
  return [
    ...[...asked.percents].filter((p) => !known.percents.has(p)).map((p) => `${p}%`),
    ...[...asked.numbers].filter((n) => !known.numbers.has(n) && !known.percents.has(n)),
  ];
}

const NAMED_KINDS = new Set(["product", "person"]);

/** The question's units that name a product or a person: what an answer must be about. */
export function namedUnits(index: SearchIndex, query: AnalyzedQuery): AnalyzedQuery["units"] {
  return query.units.filter((u) => u.entities.some((id) => NAMED_KINDS.has(index.glossary.terms.get(id)?.kind ?? "")));
}

/**
 * True when the candidate supports an answer: it is about the product or person the
 * question names (when it names one), and holds enough of the question — or a specific
 * entity and some of it.
 */
export function isSupported(c: Candidate, index: SearchIndex, query: AnalyzedQuery): boolean {
  // A question naming something the glossary marks as outside the articles (Intel, a stock
  // price) is answered only by a document that names it too.
  const outside = query.units.filter((u) => u.entities.some((id) => index.glossary.terms.get(id)?.kind === "outside"));
  if (outside.some((u) => !c.matched.includes(u))) return false;
  const named = namedUnits(index, query);
  if (named.length > 0 && !named.some((u) => c.matched.includes(u))) return false;
  if (c.coverage >= MIN_COVERAGE) return true;
  if (c.coverage < MIN_COVERAGE_WITH_ENTITY) return false;
  // A concept counts for half: "two-pronged" is specific, "approval" is not, and rarity tells them apart.
  const entityWeight = c.matched
    .filter((u) => u.entities.length > 0)
    .reduce((sum, u) => sum + unitWeight(index, u) * (u.entities.every((id) => index.glossary.terms.get(id)?.kind === "concept") ? 0.5 : 1), 0);
  return entityWeight >= SPECIFIC_ENTITY_WEIGHT;
}

/** Picks the best support and the few next ones close to it, one per distinct quote. */
export function selectSupports(index: SearchIndex, candidates: Candidate[], question: string, query: AnalyzedQuery): Support[] {
  const best = candidates[0];
  if (!best || !isSupported(best, index, query) || unknownNames(question, index).length > 0) return [];
  if (unstatedFigures(question, best.doc.article).length > 0) return [];
  const chosen: Support[] = [];
  const seen = new Set<string>();
  const extraFact = complement(best, question, index);
  const extra: Candidate | null = extraFact
    ? (candidates.find((c) => c.doc.kind === "fact" && c.doc.fact === extraFact) ?? {
        doc: { kind: "fact", fact: extraFact, article: index.articles.get(extraFact.article)! },
        score: 0,
        coverage: 0,
        rank: 0,
        matched: [],
      })
    : null;
  const ordered = extra ? [best, extra, ...candidates.filter((c) => c !== best && c !== extra)] : candidates;
  for (const c of ordered) {
    if (chosen.length >= MAX_CITATIONS) break;
    if (chosen.length > 0 && c !== extra && (!isSupported(c, index, query) || c.rank < best.rank * 0.8)) continue;
    const s = supportOf(index, c);
    const key = s.fact?.id ?? normalizeSpace(s.quote);
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(c === extra ? { ...s, complement: true } : s);
  }
  return chosen;
}
