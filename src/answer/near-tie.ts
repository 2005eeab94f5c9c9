// Two best matches about different things and close in score: the answer says so and offers
// the other, rather than picking one silently. Azure's question answering calls two answers
// tied when their confidences (0–100) lie within about √confidence of each other; a
// candidate's rank here is coverage (0..1) plus a share of relevance and a small bonus, so
// 100 × rank stands for the confidence: ranks 0.9 and 0.82 are tied (8 < √90 ≈ 9.5), ranks
// 0.9 and 0.75 are not.
import type { Fact, Lang } from "../knowledge/schema.ts";
import type { AnalyzedQuery } from "../search/analysis.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { corroborate, type Corroboration } from "./corroborate.ts";
import { addsTo } from "./lead.ts";
import type { Candidate } from "./retrieve.ts";
import { isSupported, supportOf, type Support } from "./support.ts";

/** Whether two ranks are within √confidence of each other on a 0–100 scale. */
export function tied(best: number, other: number): boolean {
  const a = best * 100;
  const b = other * 100;
  return a - b < Math.sqrt(Math.max(a, 0));
}

/**
 * The fact to offer beside the answer, if any: the best-ranked supported candidate that the
 * answer does not already cite, which reports neither the same claim nor the same event as
 * the lead, and whose rank is tied with the best. Its first example question in the
 * question's language is what is offered.
 */
export function nearTie(
  shown: readonly Support[],
  candidates: readonly Candidate[],
  index: SearchIndex,
  query: AnalyzedQuery,
  lang: Lang,
  /** The lead's corroboration, when the caller has it already. */
  sameAsLead?: Corroboration,
): { fact: Fact; question: string } | null {
  const lead = shown[0]?.fact;
  const best = candidates[0];
  if (!lead || !best) return null;
  const cited = new Set(shown.map((s) => s.fact?.id));
  const { agreeing, differing } = sameAsLead ?? corroborate(lead, candidates, index);
  const same = new Set([...agreeing, ...differing].map((f) => f.id));
  for (const c of candidates) {
    if (!tied(best.rank, c.rank)) return null;
    const other = supportOf(index, c);
    const fact = other.fact;
    if (!fact || cited.has(fact.id) || same.has(fact.id)) continue;
    // A fact of the lead's article, or one sharing its specific entities, tells the same story.
    if (addsTo(shown[0]!, other, index, null)) continue;
    if (!isSupported(c, index, query)) continue;
    const question = fact.questions[lang][0];
    return question ? { fact, question } : null;
  }
  return null;
}

export function nearTieLine(question: string, lang: Lang): string {
  return lang === "ko"
    ? `비슷하게 들어맞는 다른 내용도 있습니다 — 이것을 물으셨나요? “${question}”`
    : `Another passage matches almost as well — did you mean “${question}”?`;
}
