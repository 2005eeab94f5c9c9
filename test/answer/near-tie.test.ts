import { describe, expect, it } from "vitest";
import { corroborate } from "../../src/answer/corroborate.ts";
import { nearTie, nearTieLine, tied } from "../../src/answer/near-tie.ts";
import { retrieve, type Candidate } from "../../src/answer/retrieve.ts";
import { supportOf } from "../../src/answer/support.ts";
import type { Fact } from "../../src/knowledge/schema.ts";
import { analyzeQuery } from "../../src/search/analysis.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const index = engine.store.current().index;
const fact = (id: string): Fact => {
  const f = engine.store.current().data.facts.find((x) => x.id === id);
  if (!f) throw new Error(`no fact ${id}`);
  return f;
};

describe("tied", () => {
  it.each([
    [0.9, 0.82, true], // 8 points apart, √90 ≈ 9.5
    [0.9, 0.75, false], // 15 points apart
    [0.5, 0.44, true], // 6 points apart, √50 ≈ 7.1
    [0.5, 0.42, false],
    [1.2, 1.1, true],
  ])("ranks %f and %f on a 0–100 scale: tied %s", (a, b, expected) => {
    expect(tied(a, b)).toBe(expected);
  });
});

describe("near ties", () => {
  const question = "Why is the H200 six times better than the H20?";
  const query = analyzeQuery(question, index.glossary);
  const candidates = retrieve(index, query, { question });
  const lead = fact("china-approves-h200-imports-22");
  const asCandidate = (f: Fact, rank: number): Candidate => ({
    doc: { kind: "fact", fact: f, article: index.articles.get(f.article)! },
    score: 1,
    coverage: 1,
    rank,
    matched: [...query.units],
  });
  const shown = [supportOf(index, asCandidate(lead, 0.9))];

  it("offers a tied fact about something else with its first example question in the question's language", () => {
    const other = fact("ai-diffusion-tiers-scrapped-01");
    const tie = nearTie(shown, [asCandidate(lead, 0.9), asCandidate(other, 0.83)], index, query, "en");
    expect(tie).toEqual({ fact: other, question: other.questions.en[0] });
    const ko = nearTie(shown, [asCandidate(lead, 0.9), asCandidate(other, 0.83)], index, query, "ko");
    expect(ko?.question).toBe(other.questions.ko[0]);
  });

  it("offers nothing when the other fact is not close in score", () => {
    const other = fact("ai-diffusion-tiers-scrapped-01");
    expect(nearTie(shown, [asCandidate(lead, 0.9), asCandidate(other, 0.7)], index, query, "en")).toBeNull();
  });

  it("never offers a fact that reports the same claim as the lead", () => {
    const { agreeing } = corroborate(lead, candidates, index);
    const same = agreeing[0];
    expect(same, "another outlet reports the H200's sixfold performance").toBeDefined();
    expect(nearTie(shown, [asCandidate(lead, 0.9), asCandidate(same!, 0.9)], index, query, "en")).toBeNull();
  });

  it("never offers a fact the answer already cites, or one of the lead's article", () => {
    const mate = fact("china-approves-h200-imports-21");
    expect(nearTie(shown, [asCandidate(lead, 0.9), asCandidate(lead, 0.9)], index, query, "en")).toBeNull();
    expect(nearTie(shown, [asCandidate(lead, 0.9), asCandidate(mate, 0.9)], index, query, "en")).toBeNull();
  });

  it("says so in one line, in the question's language", () => {
    expect(nearTieLine("what did jensen huang say about shipping the h20?", "en")).toBe(
      "Another passage matches almost as well — did you mean “what did jensen huang say about shipping the h20?”?",
    );
    expect(nearTieLine("젠슨 황이 h20 출하 관련해서 뭐라고 했어?", "ko")).toBe(
      "비슷하게 들어맞는 다른 내용도 있습니다 — 이것을 물으셨나요? “젠슨 황이 h20 출하 관련해서 뭐라고 했어?”",
    );
  });
});
