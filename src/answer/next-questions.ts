// Questions to offer under an answer: what the knowledge base can say next about the same
// event. Drawn from the example questions of facts beside the answer's lead (the next dated
// fact about what it names, the cause, the reaction, its article's neighbours), never from
// facts the answer already cites. Pure: the engine asks each candidate and offers only those
// answered with the fact they were drawn from (see engine.ts `followUps`).
import type { Fact, Lang } from "../knowledge/schema.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { compareDates } from "../knowledge/dates.ts";
import type { Answer } from "./types.ts";

export interface NextQuestion {
  /** One of the fact's example questions, in the answer's language. */
  question: string;
  /** The fact it was drawn from: the one its answer must lead with. */
  factId: string;
}

/** Buttons offered under an answer at most. */
export const MAX_FOLLOW_UPS = 3;
/** Candidates checked at most, so that offering stays a few answers' work. */
export const MAX_CANDIDATES = 8;

const CAUSE = { en: /^(?:why|what (?:was|is) the (?:reason|cause)|what drove)\b/iu, ko: /왜|이유|배경|때문/u };
const REACTION = { en: /\b(?:react|reaction|respond|response|say about|think of|criticism)\b/iu, ko: /반응|대응|반발|입장|비판|평가/u };

function findFact(index: SearchIndex, articleId: string, factId: string): Fact | undefined {
  return index.factsByArticle.get(articleId)?.find((f) => f.id === factId);
}

/** The first example question in `lang` that matches `pattern` (any, without one). */
function questionOf(fact: Fact, lang: Lang, pattern?: RegExp): string | undefined {
  const qs = fact.questions[lang];
  return pattern ? qs.find((q) => pattern.test(q)) : qs[0];
}

/**
 * Candidate follow-ups of an answered question, best first: the next dated fact about what
 * the lead names, a cause and a reaction from the lead's article or its corroboration, then
 * the lead's neighbours in its article. At most `max`, each from a different fact, none the
 * question itself.
 */
export function nextQuestionCandidates(answer: Answer, index: SearchIndex, max = MAX_CANDIDATES): NextQuestion[] {
  const leadCitation = answer.citations[0];
  if (!answer.answered || !leadCitation?.factId) return [];
  const lead = findFact(index, leadCitation.articleId, leadCitation.factId);
  if (!lead) return [];
  const lang = answer.lang;
  const cited = new Set(answer.citations.map((c) => c.factId));
  const asked = answer.question.trim().toLowerCase();
  const out: NextQuestion[] = [];
  const offer = (fact: Fact | undefined, pattern?: RegExp): boolean => {
    if (!fact || cited.has(fact.id) || out.length >= max || out.some((o) => o.factId === fact.id)) return false;
    const q = questionOf(fact, lang, pattern);
    if (!q || q.trim().toLowerCase() === asked || out.some((o) => o.question === q)) return false;
    out.push({ question: q, factId: fact.id });
    return true;
  };

  // The next dated fact about what the lead names: the soonest event after the lead's.
  if (lead.date) {
    const after = lead.date;
    let next: Fact | undefined;
    for (const id of lead.entities) {
      // In time order: the first after the lead's date not cited is this entity's soonest.
      const list = index.datedFactsByEntity.get(id) ?? [];
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareDates(list[mid]!.date!, after) <= 0) lo = mid + 1;
        else hi = mid;
      }
      while (lo < list.length && cited.has(list[lo]!.id)) lo++;
      const f = list[lo];
      if (f && (!next || compareDates(f.date!, next.date!) < 0)) next = f;
    }
    offer(next);
  }

  const article = index.factsByArticle.get(lead.article) ?? [];
  const others = answer.citations
    .slice(1)
    .map((c) => (c.factId ? index.factsByArticle.get(c.articleId) : undefined) ?? [])
    .flat();
  const near = [...article, ...others.filter((f) => f.article !== lead.article)];
  // The cause, then the reaction: the first fact beside the lead with such a question.
  for (const pattern of [CAUSE[lang], REACTION[lang]]) {
    for (const f of near) if (offer(f, pattern)) break;
  }
  // The lead's neighbours in its article, nearest first, the following one before the preceding.
  const at = article.findIndex((f) => f.id === lead.id);
  for (let d = 1; at >= 0 && d < article.length && out.length < max; d++) {
    offer(article[at + d]);
    offer(article[at - d]);
  }
  return out;
}
