// Refusals that help: what the bot can answer about, the topics closest to the question,
// and an example to try.
import type { Lang } from "../knowledge/schema.ts";
import type { Candidate } from "./retrieve.ts";
import type { SearchIndex } from "../search/search-index.ts";

function topicName(index: SearchIndex, id: string, lang: Lang): string {
  const t = index.glossary.terms.get(id);
  if (!t) return id;
  return (lang === "ko" ? t.ko[0] : t.en[0]) ?? id;
}

/** Main topics closest to the question: those it names, then those of near misses. */
export function suggestionsFor(index: SearchIndex, entities: string[], candidates: Candidate[], lang: Lang): string[] {
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

export function refusalText(lang: Lang, suggestions: string[], empty: boolean, example: string | undefined): string {
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
