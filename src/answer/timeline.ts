// The saga in order: the dated events about a topic, or its key events when no topic is
// given. The topic goes through the same analysis as a question.
import type { Fact, Lang } from "../knowledge/schema.ts";
import { analyzeQuery, detectLang } from "../search/analysis.ts";
import { citationOf, cleanQuestion } from "./answer.ts";
import { retrieve } from "./retrieve.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { MIN_COVERAGE } from "./support.ts";
import { dateKey } from "../knowledge/dates.ts";
import { formatDate, precisionOf } from "./time.ts";
import type { Citation } from "./types.ts";
import type { DatePrecision } from "../knowledge/schema.ts";

export const TIMELINE_LIMIT = 15;

export interface TimelineEntry {
  date: string;
  precision: DatePrecision;
  approximate: boolean;
  /** The date as the user reads it ("July 2025", "2025년 7월경"). */
  when: string;
  text: string;
  factId: string;
  citation: Citation;
}

export interface Timeline {
  lang: Lang;
  topic: string | null;
  /** Names of the glossary terms the topic matched, in the user's language. */
  matched: string[];
  entries: TimelineEntry[];
  /** Dated events found before the limit was applied. */
  total: number;
  /** A hint to narrow or rephrase; null when nothing needs saying. */
  hint: string | null;
}

function claimOf(fact: Fact, lang: Lang): string {
  if (lang === "ko" || fact.claim.en) return lang === "ko" ? fact.claim.ko : (fact.claim.en ?? fact.claim.ko);
  return `(no English summary yet) ${fact.claim.ko}`;
}

function byDate(a: Fact, b: Fact): number {
  return dateKey(a.date ?? "").localeCompare(dateKey(b.date ?? "")) || a.article.localeCompare(b.article) || a.id.localeCompare(b.id);
}

/** Facts about the topic: those tagged with the entities it names, else those retrieval finds. */
function factsAbout(topic: string, index: SearchIndex): { facts: Fact[]; entities: string[] } {
  const query = analyzeQuery(topic, index.glossary);
  const entities = query.entities.filter((id) => index.glossary.terms.get(id)?.kind !== "concept");
  const all = index.docs.flatMap((d) => (d.kind === "fact" ? [d.fact] : []));
  if (entities.length > 0) {
    const withAll = all.filter((f) => entities.every((id) => f.entities.includes(id)));
    const facts = withAll.length > 0 ? withAll : all.filter((f) => entities.some((id) => f.entities.includes(id)));
    return { facts, entities };
  }
  const found = retrieve(index, query, { question: topic, pool: 200 })
    .filter((c) => c.coverage >= MIN_COVERAGE && c.doc.kind === "fact")
    .flatMap((c) => (c.doc.kind === "fact" ? [c.doc.fact] : []));
  return { facts: found, entities: [] };
}

/** Which events to keep when there are more than the limit: key, exact, then precise ones. */
function keepScore(f: Fact): number {
  const precision = f.date ? { year: 0, month: 1, day: 2 }[precisionOf(f.date)] : 0;
  return (f.key ? 10 : 0) + (f.approximate ? 0 : 3) + precision;
}

export function buildTimeline(rawTopic: string | null, index: SearchIndex, fallbackLang: Lang, limit = TIMELINE_LIMIT): Timeline {
  const topic = rawTopic ? cleanQuestion(rawTopic).text || null : null;
  const lang = topic ? detectLang(topic) : fallbackLang;
  const { facts, entities } = topic
    ? factsAbout(topic, index)
    : { facts: index.docs.flatMap((d) => (d.kind === "fact" && d.fact.key ? [d.fact] : [])), entities: [] };

  const seen = new Set<string>();
  const dated = facts.filter((f) => {
    if (!f.date) return false;
    const key = `${f.date}|${claimOf(f, lang)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const kept =
    dated.length > limit
      ? [...dated].sort((a, b) => keepScore(b) - keepScore(a) || byDate(a, b)).slice(0, limit)
      : dated;
  kept.sort(byDate);

  const entries = kept.map((f): TimelineEntry => {
    const article = index.articles.get(f.article)!;
    const date = f.date!;
    return {
      date,
      precision: precisionOf(date),
      approximate: f.approximate,
      when: formatDate(date, lang, f.approximate),
      text: claimOf(f, lang),
      factId: f.id,
      citation: citationOf(article, f.quote, f.id),
    };
  });

  const matched = entities.map((id) => {
    const t = index.glossary.terms.get(id);
    return (lang === "ko" ? t?.ko[0] : t?.en[0]) ?? id;
  });
  return { lang, topic, matched, entries, total: dated.length, hint: hintFor(lang, topic, entries.length, dated.length, index) };
}

function hintFor(lang: Lang, topic: string | null, shown: number, total: number, index: SearchIndex): string | null {
  const topics = [...index.glossary.terms.values()].filter((t) => t.topic).slice(0, 5).map((t) => (lang === "ko" ? t.ko[0] : t.en[0]));
  if (!topic) {
    return lang === "ko"
      ? `주요 사건만 보여 줍니다. 주제를 붙이면 더 자세히 볼 수 있어요: /timeline ${topics[0] ?? "H20"} (주제 예: ${topics.join(", ")})`
      : `Key events only. Add a topic to narrow it: /timeline ${topics[0] ?? "H20"} (topics: ${topics.join(", ")})`;
  }
  if (total === 0) {
    return lang === "ko"
      ? `"${topic}"에 관한 날짜가 있는 사건을 찾지 못했습니다. 주제 예: ${topics.join(", ")}`
      : `No dated events found about "${topic}". Try one of: ${topics.join(", ")}`;
  }
  if (total > shown) {
    return lang === "ko"
      ? `${total}건 중 주요 ${shown}건입니다. 더 좁은 주제로 물어보세요.`
      : `The ${shown} most important of ${total} events; a narrower topic shows more detail.`;
  }
  return null;
}
