// Terminal and JSON renderings of an answer.
import type { Answer } from "../../answer/types.ts";

export interface AnswerJson {
  question: string;
  lang: string;
  answered: boolean;
  text: string;
  citations: Array<{ articleId: string; title: string; outlet: string; publishedAt: string; url: string | null; quote: string }>;
}

/** The CLI's JSON contract: exactly these fields. */
export function toJson(a: Answer): AnswerJson {
  return {
    question: a.question,
    lang: a.lang,
    answered: a.answered,
    text: a.text,
    citations: a.citations.map(({ articleId, title, outlet, publishedAt, url, quote }) => ({
      articleId,
      title,
      outlet,
      publishedAt,
      url,
      quote,
    })),
  };
}

export function renderText(a: Answer): string {
  const lines = [a.text];
  if (a.citations.length > 0) {
    lines.push("");
    lines.push(a.lang === "ko" ? "출처:" : "Sources:");
    a.citations.forEach((c, i) => {
      const date = c.dateApproximate ? `${c.publishedAt} (${a.lang === "ko" ? "추정" : "approx."})` : c.publishedAt;
      lines.push(`  [${i + 1}] ${c.outlet}, ${date} — ${c.title}${c.url ? ` <${c.url}>` : ""}`);
      lines.push(`      “${c.quote.replace(/\s+/g, " ")}”`);
    });
  }
  return lines.join("\n");
}
