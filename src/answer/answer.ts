// The one pure core: a question and a knowledge snapshot in, an answer or a reasoned
// refusal out. No I/O, no throwing for a miss.
import type { Article, Fact, Lang } from "../knowledge/schema.ts";
import { normalizeSpace } from "../knowledge/text.ts";
import { analyzeQuery, detectLang, type AnalyzedQuery } from "../search/analysis.ts";
import { corroborate } from "./corroborate.ts";
import { expectedAnswer, hasQuantity } from "./question-type.ts";
import { refusalText, suggestionsFor } from "./refusal.ts";
import { josaFor, withJosa } from "./josa.ts";
import { addsTo, leadFirst, listMates, MAX_FOLLOWERS } from "./lead.ts";
import { nearTie, nearTieLine } from "./near-tie.ts";
import { articleMeant, articleRecord, asksAboutArticle } from "./about-article.ts";
import { correctPremise, type Correction } from "./premise.ts";
import { retrieve, type Candidate } from "./retrieve.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { isSupported, namedUnits, selectSupports, unknownNames, type Support } from "./support.ts";
import { compareDates, compareDatedFacts } from "../knowledge/dates.ts";
import { datesCompatible, formatDate, lastGreatest, saysWhen, timeIntent, type TimeIntent } from "./time.ts";
import type { Answer, Citation } from "./types.ts";

export { MIN_COVERAGE, MIN_COVERAGE_WITH_ENTITY } from "./support.ts";

/** Questions longer than this are answered on their first part, and the answer says so. */
export const MAX_QUESTION_CHARS = 1000;

export interface AnswerContext {
  index: SearchIndex;
  version: string;
}

export function citationOf(article: Article, quote: string, factId: string | null): Citation {
  return {
    articleId: article.id,
    title: article.title,
    outlet: article.outlet,
    publishedAt: article.publishedAt,
    dateApproximate: article.dateApproximate,
    url: article.url,
    quote,
    factId,
  };
}

export function claimText(s: Support, lang: Lang): string {
  if (s.fact) {
    if (lang === "ko") return s.fact.claim.ko;
    if (s.fact.claim.en) return s.fact.claim.en;
  }
  if (lang === "ko") return normalizeSpace(s.quote);
  return `No English summary of this passage exists yet; the article (${s.article.outlet}, ${s.article.publishedAt}) says in Korean: “${normalizeSpace(s.quote)}”`;
}

/** Removes what must never steer retrieval: control characters, mentions, markup. */
export function cleanQuestion(raw: string): { text: string; truncated: boolean } {
  let t = raw
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, "")
    .normalize("NFKC")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu, " ")
    .replace(/<[@#!][^>\s]*>/gu, " ") // Slack/Discord mention tokens
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]*)>/gu, " $2 ") // Slack links: keep the label
    .replace(/\[([^\]]*)\]\(\s*https?:\/\/[^)\s]*\s*\)/gu, " $1 ") // markdown links: keep the label
    .replace(/https?:\/\/\S+/gu, " ") // bare URLs say nothing about the question
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
  const ask = asksAboutArticle(text);
  const meant = ask ? articleMeant(candidates, index) : null;
  if (ask && meant) {
    const citations = [citationOf(meant.article, meant.quote, meant.fact?.id ?? null)];
    return { ...base, answered: true, text: articleRecord(meant.article, ask, lang), citations, refusal: null, suggestions: [] };
  }
  const correction = unknownNames(text, index).length === 0 ? correctPremise(index, candidates, text, query, lang) : null;
  if (correction) {
    const composed = corrected(correction, candidates, index, lang);
    return { ...base, answered: true, text: composed.text, citations: composed.citations, refusal: null, suggestions: [] };
  }
  let supports = selectSupports(index, candidates, text, query);
  // "How many"/"how much" with no figure in any support: the articles lack what was asked.
  if (expectedAnswer(text).includes("number") && !supports.slice(0, 2).some((s) => hasQuantity(`${s.fact?.claim.en ?? ""} ${s.quote}`))) {
    supports = [];
  }
  if (supports.length > 0) supports = shapeSupports(supports, text, query, candidates, index);
  if (supports.length === 0) {
    const suggestions = suggestionsFor(index, query.entities, candidates, lang);
    return { ...base, answered: false, text: refusalText(lang, suggestions, false, index.examples[lang][0]), citations: [], refusal: "no-support", suggestions };
  }

  // "Who said X is still …" asks for a person, not for the latest state of X.
  const intent = expectedAnswer(text).some((e) => e !== "date" && e !== "reason") ? null : timeIntent(text);
  const askedWhen = expectedAnswer(text).includes("date");
  const composed = (intent && temporal(intent, candidates, index, query, lang)) || plain(supports, candidates, index, lang, askedWhen, query);
  return {
    ...base,
    answered: true,
    text: truncated ? `${composed.text} ${truncationNote(lang)}` : composed.text,
    citations: composed.citations,
    refusal: null,
    suggestions: [],
  };
}

/** The supports in answer order: the one that answers first, then at most two that add to it. */
function shapeSupports(supports: Support[], question: string, query: AnalyzedQuery, candidates: Candidate[], index: SearchIndex): Support[] {
  const [lead, ...rest] = leadFirst(supports, question, query, candidates, index);
  if (!lead) return [];
  const complement = supports.find((s) => s.complement)?.fact ?? null;
  const mates = listMates(lead, question, query, index);
  const others = rest.filter((s) => addsTo(lead, s, index, complement) && !mates.some((m) => m.fact === s.fact));
  return [lead, ...mates, ...others].slice(0, 1 + MAX_FOLLOWERS);
}

const TEMPORAL_POOL = 10;

interface Composed {
  text: string;
  citations: Citation[];
}

const factCitation = (index: SearchIndex, f: Fact): Citation => citationOf(index.articles.get(f.article)!, f.quote, f.id);

/** The best supports, with the outlets that report the same claim and those that date it differently. */
function plain(supports: Support[], candidates: Candidate[], index: SearchIndex, lang: Lang, askedWhen = false, query: AnalyzedQuery | null = null): Composed {
  const lines = [...new Set(supports.map((s) => claimText(s, lang)))];
  // "When…?" answered by a fact whose claim does not say when: its date goes first.
  const lead = supports[0]?.fact;
  if (askedWhen && lead?.date && lines[0] !== undefined && !saysWhen(lines[0])) {
    lines[0] = `${formatDate(lead.date, lang, lead.approximate)}${lang === "ko" ? " — " : ": "}${lines[0]}`;
  }
  const citations = supports.map((s) => citationOf(s.article, s.quote, s.fact?.id ?? null));
  const primary = supports[0]?.fact;
  if (!primary) return { text: lines.join(" "), citations };

  const sameAsLead = corroborate(primary, candidates, index);
  const { agreeing, differing } = sameAsLead;
  // Said right after the lead (and the outlets reporting it), before what adds to it.
  const tie = query ? nearTie(supports, candidates, index, query, lang, sameAsLead) : null;
  if (tie) lines.splice(1, 0, nearTieLine(tie.question, lang));
  const cited = new Set(citations.map((c) => c.factId));
  const insertAt = 1;
  const extra = [...agreeing, ...differing].filter((f) => !cited.has(f.id)).map((f) => factCitation(index, f));
  citations.splice(insertAt, 0, ...extra);
  if (agreeing.length > 0) {
    const outlets = [...new Set([primary, ...agreeing].map((f) => index.articles.get(f.article)?.outlet ?? ""))];
    lines.splice(
      1,
      0,
      lang === "ko"
        ? `(${outlets.length}개 매체가 같은 내용을 보도: ${outlets.join(", ")})`
        : `(Reported by ${outlets.length} outlets: ${outlets.join(", ")}.)`,
    );
  }
  for (const f of differing) {
    const a = index.articles.get(primary.article);
    const b = index.articles.get(f.article);
    const already = supports.some((s) => s.fact?.id === f.id);
    const other = already ? "" : ` — ${lang === "ko" ? f.claim.ko : (f.claim.en ?? f.claim.ko)}`;
    lines.push(
      lang === "ko"
        ? `기사마다 시점이 다릅니다: ${withJosa(a?.outlet ?? "", "은/는")} ${formatDate(primary.date!, lang, primary.approximate)}, ${withJosa(b?.outlet ?? "", "은/는")} ${withJosa(formatDate(f.date!, lang, f.approximate), "으로/로")} 전합니다${other}`
        : `Sources differ on the date: ${a?.outlet} gives ${formatDate(primary.date!, lang, primary.approximate)}, ${b?.outlet} gives ${formatDate(f.date!, lang, f.approximate)}${other}`,
    );
  }
  return { text: lines.join(" "), citations: citations.slice(0, 6) };
}

/** A false premise answered with what the articles say, flagged as a correction. */
function corrected(c: Correction, candidates: Candidate[], index: SearchIndex, lang: Lang): Composed {
  const composed = plain([c.support], candidates, index, lang);
  const flag =
    lang === "ko"
      ? `바로잡습니다 — 기사 내용은 질문의 “${c.asked}”${josaFor(c.asked, "와/과")} 다릅니다: `
      : `Correction — the articles say “${c.found}”, not “${c.asked}”: `;
  return { text: `${flag}${composed.text}`, citations: composed.citations };
}

/** A bare year inferred from context says too little to place a state. */
const placeable = (f: Fact) => f.date !== null && !(f.approximate && f.date.length === 4);

/**
 * The placeable dated facts about every entity in the list, in time order (the index keeps
 * them so): read from the end, the latest states come first without reading the rest.
 */
class StatesAbout {
  readonly #list: readonly Fact[];
  readonly #rest: readonly string[];
  constructor(index: SearchIndex, ids: readonly string[]) {
    const [first, ...rest] = ids;
    this.#list = first ? (index.datedFactsByEntity.get(first) ?? []) : [];
    this.#rest = rest;
  }
  #fits(f: Fact): boolean {
    return placeable(f) && this.#rest.every((id) => f.entities.includes(id));
  }
  *[Symbol.iterator](): Generator<Fact> {
    for (const f of this.#list) if (this.#fits(f)) yield f;
  }
  /** The latest of them that passes `test`. */
  last(test: (f: Fact) => boolean = () => true): Fact | undefined {
    for (let i = this.#list.length - 1; i >= 0; i--) {
      const f = this.#list[i]!;
      if (this.#fits(f) && test(f)) return f;
    }
    return undefined;
  }
}

/**
 * Present and change questions. The states are the dated facts about what the question
 * names (a product or a person), whatever they say of it: "Is the H20 still banned?" is
 * answered by its latest news, which may be an approval. The latest state comes first,
 * "as of" the newest source, then the earlier state that best matches the question — or,
 * for change, the states in order. Without a named subject, the closest dated matches.
 */
function temporal(intent: TimeIntent, candidates: Candidate[], index: SearchIndex, query: AnalyzedQuery, lang: Lang): Composed | null {
  const named = namedUnits(index, query);
  const namedIds = [...new Set(named.flatMap((u) => u.entities))];
  const ranked: Fact[] = [];
  for (const c of candidates.slice(0, TEMPORAL_POOL)) {
    if (c.doc.kind !== "fact" || !placeable(c.doc.fact) || ranked.includes(c.doc.fact)) continue;
    if (!named.every((u) => c.matched.includes(u)) || !isSupported(c, index, query)) continue;
    ranked.push(c.doc.fact);
  }
  // "Is it still …?" needs a subject whose states can be dated; without a named product or
  // person, the plain answer is the better one.
  if (intent === "present" && named.length === 0) return null;
  const about = new StatesAbout(index, namedIds);
  const when = (f: Fact) => formatDate(f.date!, lang, f.approximate);
  const claim = (f: Fact) => (lang === "ko" ? f.claim.ko : (f.claim.en ?? f.claim.ko));

  if (intent === "change") {
    // Key events about the subject, then the best matches, then the rest; one per time, at
    // most five (read in that order without copying the subject's facts: they can be many).
    const pool = function* () {
      for (const f of about) if (f.key) yield f;
      yield* ranked;
      yield* about;
    };
    const steps: Fact[] = [];
    for (const f of pool()) {
      if (steps.length >= 5) break;
      if (!steps.some((d) => datesCompatible(d.date!, f.date!))) steps.push(f);
    }
    if (steps.length < 2) return null;
    steps.sort((a, b) => compareDates(a.date!, b.date!));
    return { text: steps.map((f) => `${when(f)}: ${claim(f)}`).join(" → "), citations: steps.map((f) => factCitation(index, f)) };
  }

  // Newest date first; on the same date a key event, then an exactly dated one; of equals,
  // the best match.
  const newest = about.last();
  const latest = lastGreatest(newest ? [newest, ...ranked] : ranked, compareDatedFacts);
  if (!latest) return null;
  const before = (f: Fact) => compareDates(f.date!, latest.date!) < 0 && !datesCompatible(f.date!, latest.date!);
  const earlier = ranked.find(before) ?? about.last(before);
  if (!earlier) return null;
  const asOf = formatDate([latest, earlier].map((f) => index.articles.get(f.article)?.publishedAt ?? "").sort().pop()!, lang);
  const text =
    lang === "ko"
      ? `${asOf} 기준 가장 최근 내용(${when(latest)}): ${claim(latest)} 이전(${when(earlier)}): ${claim(earlier)}`
      : `As of ${asOf}, the latest (${when(latest)}): ${claim(latest)} Earlier (${when(earlier)}): ${claim(earlier)}`;
  return { text, citations: [latest, earlier].map((f) => factCitation(index, f)) };
}
