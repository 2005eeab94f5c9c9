// Questions about an article itself rather than what it reports: which outlet ran it, who
// wrote it. The answer is the article's own record (outlet, date, author), cited with the
// passage of it that best matches the question, so the reader sees which article is meant.
import type { Article, Lang } from "../knowledge/schema.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { withJosa } from "./josa.ts";
import type { Candidate } from "./retrieve.ts";
import { supportOf, type Support } from "./support.ts";
import { formatDate } from "./time.ts";

/** The article itself is named: "기사", "the … piece". "보도"/"report" are left out: "which outlet reported X" asks for a source of X. */
const ARTICLE = /기사|\b(?:article|piece|story|write-?up)\b/iu;
const OUTLET = /언론사|매체|신문사?|\b(?:outlet|paper|newspaper|publication|media|site)\b|어디(?:서|에서)? (?:낸|쓴|실린|나온)/iu;
const AUTHOR = /기자|특파원|쓴 사람|작성자|필자|\bwho wrote\b|\b(?:reporter|author|correspondent|byline|journalist)\b/iu;

export type ArticleAsk = "outlet" | "author";

export function asksAboutArticle(question: string): ArticleAsk | null {
  if (!ARTICLE.test(question)) return null;
  if (AUTHOR.test(question)) return "author";
  if (OUTLET.test(question)) return "outlet";
  return null;
}

/** How far into the ranking the article meant may be found. */
const POOL = 5;

/** The article the question means: the one of the best matches, and its best-matching passage. */
export function articleMeant(candidates: readonly Candidate[], index: SearchIndex): Support | null {
  const c = candidates.slice(0, POOL).find((x) => x.coverage > 0);
  return c ? supportOf(index, c) : null;
}

/** The article's record, leading with what was asked: its author, or its outlet and date. */
export function articleRecord(article: Article, ask: ArticleAsk, lang: Lang): string {
  const date = formatDate(article.publishedAt, lang, article.dateApproximate);
  const title = `“${article.title.replace(/^[“"]+|[”"]+$/gu, "")}”`;
  if (lang === "ko") {
    const where = `${withJosa(article.outlet, "이/가")} ${date} 보도한 기사입니다: ${title}`;
    if (ask === "outlet") return where;
    return article.author ? `${article.author} 기자가 썼습니다 — ${where}` : `기사에 기자 이름은 나와 있지 않습니다 — ${where}`;
  }
  const where = `published by ${article.outlet} on ${date}: ${title}`;
  if (ask === "outlet") return `The article was ${where}`;
  return article.author ? `${article.author} wrote it — ${where}` : `The article does not name its author — it was ${where}`;
}
