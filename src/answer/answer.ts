// The one pure core: a question and a knowledge snapshot in, an answer or a reasoned
// refusal out. No I/O, no throwing for a miss.
import type { Article, Fact, Lang } from "../knowledge/schema.ts";
import { normalizeSpace } from "../knowledge/text.ts";
import { analyzeQuery, bigrams, detectLang, splitWords, type AnalyzedQuery } from "./analysis.ts";
import { expectedAnswer, hasQuantity, supplyScore } from "./question-type.ts";
import { looksLikeVerb, retrieve, unitWeight, type Candidate } from "./retrieve.ts";
import type { SearchIndex } from "./search-index.ts";
import type { Answer, Citation } from "./types.ts";

/** Questions longer than this are answered on their first part, and the answer says so. */
export const MAX_QUESTION_CHARS = 1000;
/** Coverage at which a match supports an answer on its own. */
export const MIN_COVERAGE = 0.5;
/** Lower coverage suffices when the match shares specific entities with the question. */
export const MIN_COVERAGE_WITH_ENTITY = 0.25;
/** Summed weight of matched specific entities needed for the lower bar (a rare name, not "China"). */
const SPECIFIC_ENTITY_WEIGHT = 3;
const MAX_CITATIONS = 3;

export interface AnswerContext {
  index: SearchIndex;
  version: string;
}

function citationOf(article: Article, quote: string, factId: string | null): Citation {
  return {
    articleId: article.id,
    title: article.title,
    outlet: article.outlet,
    publishedAt: article.publishedAt,
    url: article.url,
    quote,
    factId,
  };
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

interface Support {
  article: Article;
  fact: Fact | null;
  quote: string;
  coverage: number;
  rank: number;
}

function supportOf(index: SearchIndex, c: Candidate): Support {
  if (c.doc.kind === "fact") {
    return { article: c.doc.article, fact: c.doc.fact, quote: c.doc.fact.quote, coverage: c.coverage, rank: c.rank };
  }
  const fact = factForSentence(index, c.doc.article, c.doc.sentence);
  return { article: c.doc.article, fact, quote: fact?.quote ?? c.doc.sentence, coverage: c.coverage, rank: c.rank };
}

function claimText(s: Support, lang: Lang): string {
  if (s.fact) {
    if (lang === "ko") return s.fact.claim.ko;
    if (s.fact.claim.en) return s.fact.claim.en;
  }
  if (lang === "ko") return normalizeSpace(s.quote);
  return `No English summary of this passage exists yet; the article (${s.article.outlet}, ${s.article.publishedAt}) says in Korean: “${normalizeSpace(s.quote)}”`;
}

/**
 * When the best match does not hold the kind of answer asked for ("which companies" matched
 * a fact without companies), the fact beside it in the same article that does is the
 * answer's other half.
 */
function complement(candidates: Candidate[], best: Candidate, question: string, index: SearchIndex): Candidate | null {
  const expects = expectedAnswer(question);
  if (expects.length === 0 || best.doc.kind !== "fact") return null;
  const asked = new Set(best.matched.flatMap((u) => u.entities));
  const score = (c: Candidate) => {
    const fact = c.doc.kind === "fact" ? c.doc.fact : null;
    const text = c.doc.kind === "fact" ? `${c.doc.fact.claim.en ?? ""} ${c.doc.fact.quote}` : c.doc.sentence;
    return Math.max(...expects.map((e) => supplyScore(e, text, fact, index.glossary.terms, asked, question)));
  };
  let bestScore = score(best);
  let found: Candidate | null = null;
  for (const c of candidates) {
    if (c === best || c.doc.kind !== "fact" || c.doc.article.id !== best.doc.article.id) continue;
    // The complement is vouched for by the best match beside it; it needs less on its own.
    if (c.coverage < MIN_COVERAGE_WITH_ENTITY * 0.6) continue;
    const s = score(c);
    if (s > bestScore) {
      bestScore = s;
      found = c;
    }
  }
  return found;
}

/**
 * Names the knowledge base has never seen: capitalized or all-caps Latin words that are
 * not sentence-initial (or acronyms anywhere) and occur in no document. A question about
 * Samsung or ASML is out of scope even when its other words match.
 */
export function unknownNames(question: string, index: SearchIndex): string[] {
  const out: string[] = [];
  const re = /(^|[.?!]\s+|\s)([A-Z][A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)/gu;
  for (const m of question.matchAll(re)) {
    const word = m[2] ?? "";
    const sentenceStart = m.index === 0 || /[.?!]/u.test(m[1] ?? "");
    const acronym = /^[A-Z][A-Z0-9]+$/u.test(word);
    if (sentenceStart && !acronym) continue;
    const words = splitWords(word);
    if (words.length === 0 || words.some((w) => w.stop)) continue;
    if (index.glossary.match(words).length > 0) continue;
    if (words.some((w) => (index.df.get(w.stem) ?? 0) > 0 || (index.df.get(w.surface) ?? 0) > 0)) continue;
    out.push(word);
  }
  // Korean has no capitals: an unseen noun of three or more syllables (삼성전자, 비트코인)
  // is most likely a name.
  for (const w of splitWords(question)) {
    if (w.script !== "hangul" || w.stop || w.stem.length < 3 || looksLikeVerb(w.surface)) continue;
    const tokens = [w.stem, w.surface, ...bigrams(w.stem)];
    if (tokens.some((t) => (index.df.get(t) ?? 0) > 0)) continue;
    if (index.glossary.match([w]).length > 0) continue;
    out.push(w.surface);
  }
  return out;
}

const NAMED_KINDS = new Set(["product", "person"]);

/**
 * True when the candidate supports an answer: it is about the product or person the
 * question names (when it names one), and holds enough of the question — or a specific
 * entity and some of it.
 */
function supports(c: Candidate, index: SearchIndex, query: AnalyzedQuery): boolean {
  const named = query.units.filter((u) => u.entities.some((id) => NAMED_KINDS.has(index.glossary.terms.get(id)?.kind ?? "")));
  if (named.length > 0 && !named.some((u) => c.matched.includes(u))) return false;
  if (c.coverage >= MIN_COVERAGE) return true;
  if (c.coverage < MIN_COVERAGE_WITH_ENTITY) return false;
  const entityWeight = c.matched
    .filter((u) => u.entities.some((id) => index.glossary.terms.get(id)?.kind !== "concept"))
    .reduce((sum, u) => sum + unitWeight(index, u), 0);
  return entityWeight >= SPECIFIC_ENTITY_WEIGHT;
}

/** Picks the best support and the few next ones close to it, one per distinct quote. */
function selectSupports(index: SearchIndex, candidates: Candidate[], question: string, query: AnalyzedQuery): Support[] {
  const best = candidates[0];
  if (!best || !supports(best, index, query) || unknownNames(question, index).length > 0) return [];
  const chosen: Support[] = [];
  const seen = new Set<string>();
  const extra = complement(candidates, best, question, index);
  const ordered = extra ? [best, extra, ...candidates.filter((c) => c !== best && c !== extra)] : candidates;
  for (const c of ordered) {
    if (chosen.length >= MAX_CITATIONS) break;
    if (chosen.length > 0 && c !== extra && (!supports(c, index, query) || c.rank < best.rank * 0.8)) continue;
    const s = supportOf(index, c);
    const key = s.fact?.id ?? normalizeSpace(s.quote);
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(s);
  }
  return chosen;
}

function topicName(index: SearchIndex, id: string, lang: Lang): string {
  const t = index.glossary.terms.get(id);
  if (!t) return id;
  return (lang === "ko" ? t.ko[0] : t.en[0]) ?? id;
}

/** Main topics closest to the question: those it names, then those of near misses. */
function suggestionsFor(index: SearchIndex, entities: string[], candidates: Candidate[], lang: Lang): string[] {
  const ids: string[] = [];
  const push = (id: string) => {
    if (!ids.includes(id) && index.glossary.terms.has(id)) ids.push(id);
  };
  const isTopic = (id: string) => index.glossary.terms.get(id)?.topic === true;
  for (const id of entities) if (isTopic(id)) push(id);
  for (const c of candidates.slice(0, 5)) {
    if (c.matched.length === 0) continue;
    const ents = c.doc.kind === "fact" ? c.doc.fact.entities : [];
    for (const id of ents) if (isTopic(id)) push(id);
  }
  for (const t of index.glossary.terms.values()) if (t.topic) push(t.id);
  return ids.slice(0, 5).map((id) => topicName(index, id, lang));
}

function refusalText(lang: Lang, suggestions: string[], empty: boolean, example: string | undefined): string {
  const topics = suggestions.join(", ");
  if (lang === "ko") {
    const ex = example ? ` 예: "${example}"` : "";
    return empty
      ? `질문을 입력해 주세요. 미·중 AI 칩 수출 통제에 관한 질문에 기사 인용과 함께 답합니다. 주제: ${topics}.${ex}`
      : `보유한 기사로는 이 질문에 답할 근거가 없습니다. 미·중 AI 칩 수출 통제에 관한 질문에 답할 수 있어요. 가까운 주제: ${topics}.${ex}`;
  }
  const ex = example ? ` For example: "${example}"` : "";
  return empty
    ? `Please ask a question. I answer questions about the US–China AI-chip export controls, citing news articles. Topics: ${topics}.${ex}`
    : `The articles I have don't support an answer to that. I can answer questions about the US–China AI-chip export controls. Closest topics I know: ${topics}.${ex}`;
}

/** Removes what must never steer retrieval: control characters, mentions, markup. */
export function cleanQuestion(raw: string): { text: string; truncated: boolean } {
  let t = raw
    .normalize("NFKC")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, "")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu, " ")
    .replace(/<[@#!][^>\s]*>/gu, " ") // Slack/Discord mention tokens
    .replace(/@(?:everyone|here|channel)\b/giu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  let truncated = false;
  if (t.length > MAX_QUESTION_CHARS) {
    const cut = t.slice(0, MAX_QUESTION_CHARS);
    const space = cut.lastIndexOf(" ");
    t = space > MAX_QUESTION_CHARS * 0.8 ? cut.slice(0, space) : cut;
    truncated = true;
  }
  return { text: t, truncated };
}

function truncationNote(lang: Lang): string {
  return lang === "ko"
    ? `(질문이 길어 앞부분 ${MAX_QUESTION_CHARS}자로 답했습니다.)`
    : `(Your question was long; I answered its first ${MAX_QUESTION_CHARS} characters.)`;
}

export function answer(question: string, ctx: AnswerContext): Answer {
  const { text, truncated } = cleanQuestion(question);
  const lang = detectLang(text || question);
  const { index } = ctx;
  const base = { question, lang, kbVersion: ctx.version };
  const query = analyzeQuery(text, index.glossary);

  if (query.units.length === 0) {
    const suggestions = suggestionsFor(index, [], [], lang);
    return { ...base, answered: false, text: refusalText(lang, suggestions, true, index.examples[lang][0]), citations: [], refusal: "empty", suggestions };
  }

  const candidates = retrieve(index, query, { question: text });
  let supports = selectSupports(index, candidates, text, query);
  // "How many"/"how much" with no figure in any support: the articles lack what was asked.
  if (expectedAnswer(text).includes("number") && !supports.slice(0, 2).some((s) => hasQuantity(`${s.fact?.claim.en ?? ""} ${s.quote}`))) {
    supports = [];
  }
  if (supports.length === 0) {
    const suggestions = suggestionsFor(index, query.entities, candidates, lang);
    return { ...base, answered: false, text: refusalText(lang, suggestions, false, index.examples[lang][0]), citations: [], refusal: "no-support", suggestions };
  }

  const lines = supports.map((s) => claimText(s, lang));
  const body = [...new Set(lines)].join(" ");
  return {
    ...base,
    answered: true,
    text: truncated ? `${body} ${truncationNote(lang)}` : body,
    citations: supports.map((s) => citationOf(s.article, s.quote, s.fact?.id ?? null)),
    refusal: null,
    suggestions: [],
  };
}
