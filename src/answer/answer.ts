// The one pure core: a question and a knowledge snapshot in, an answer or a reasoned
// refusal out. No I/O, no throwing for a miss.
import type { Article, Lang } from "../knowledge/schema.ts";
import { normalizeSpace } from "../knowledge/text.ts";
import { analyzeQuery, detectLang } from "./analysis.ts";
import { expectedAnswer, hasQuantity } from "./question-type.ts";
import { refusalText, suggestionsFor } from "./refusal.ts";
import { retrieve } from "./retrieve.ts";
import type { SearchIndex } from "./search-index.ts";
import { selectSupports, type Support } from "./support.ts";
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
