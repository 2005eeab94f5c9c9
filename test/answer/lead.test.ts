// The answer's first sentence carries what was asked: which fact leads among the supports.
import { describe, expect, it } from "vitest";
import { leadFirst } from "../../src/answer/lead.ts";
import { retrieve } from "../../src/answer/retrieve.ts";
import type { Support } from "../../src/answer/support.ts";
import { analyzeQuery } from "../../src/search/analysis.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const index = engine.store.current().index;
const firstSentence = (text: string) => text.split(/(?<=[.!?])\s/u)[0];

/** The supports of these facts, in this order, as the answer core would hand them over. */
function supportsOf(...ids: string[]): Support[] {
  return ids.map((id) => {
    const fact = [...index.factsByArticle.values()].flat().find((f) => f.id === id)!;
    return { article: index.articles.get(fact.article)!, fact, quote: fact.quote, coverage: 1, rank: 1, complement: false };
  });
}

function lead(question: string, supports: Support[]): string | undefined {
  const query = analyzeQuery(question, index.glossary);
  return leadFirst(supports, question, query, retrieve(index, query, { question }), index)[0]?.fact?.id;
}

describe("leadFirst", () => {
  it("puts first the fact holding a name the question gives and the best match lacks, when it supplies as much", () => {
    // The London round's date answers nothing about Geneva; Bessent's line dates both rounds.
    expect(lead("제네바 협상은 몇 월에 있었나?", supportsOf("why-trump-allowed-h20-18", "why-trump-allowed-h20-21"))).toBe("why-trump-allowed-h20-21");
  });

  it("answers \"when\" with a fact whose claim gives the date over one only filed under a date", () => {
    expect(lead("클라우드매트릭스 384는 언제 처음 선보였나?", supportsOf("huawei-behind-h200-decision-07", "huawei-behind-h200-decision-06"))).toBe("huawei-behind-h200-decision-06");
  });

  it("answers \"who\" with the people a fact counts when it holds as much of the question's words", () => {
    // The trial's date names the case; the charge counts two Singaporeans and a Chinese national.
    expect(lead("딥시크 칩 밀반출 사건에서 혐의를 받는 사람은 누구?", supportsOf("us-approves-h20-exports-25", "us-approves-h20-exports-24"))).toBe("us-approves-h20-exports-24");
  });

  it("keeps first the best match for \"who\" when the other names more but holds none of the question's words", () => {
    expect(lead("who are chinese internet giants racing", supportsOf("china-approves-h200-imports-18", "china-approves-h200-imports-10"))).toBe("china-approves-h200-imports-18");
  });

  it("keeps first the best match when the other fact names nothing more of the question", () => {
    expect(lead("런던 협상은 몇 월에 있었나?", supportsOf("why-trump-allowed-h20-18", "why-trump-allowed-h20-21"))).toBe("why-trump-allowed-h20-18");
  });
});

describe("answer's first sentence", () => {
  it("does not open with a fact that drops what the question names, however much of the kind asked it supplies", () => {
    // The write-down has a cause ("because of the halt") but no Biden in it.
    expect(firstSentence(engine.ask("바이든 행정부 시절 엔비디아가 H20을 만든 이유는?").text)).toBe(
      "엔비디아는 바이든 행정부의 고사양 AI 반도체 수출 금지 조치 이후 성능을 낮춘 H20 칩을 제작해 중국에 공급해 왔다.",
    );
    // Huang meeting officials names people, but not DeepSeek or the case.
    // Either fact of the case answers (the trial's date, or who was charged); Huang never leads.
    const lead = firstSentence(engine.ask("딥시크 칩 사건 재판은 언제이고 누가 기소됐나?").text);
    expect(lead).toMatch(/딥시크/u);
    expect(lead).toMatch(/재판|기소/u);
    expect(lead).not.toMatch(/젠슨 황/u);
  });

  it("answers \"what is X\" with the fact saying what X is, not the first news of it", () => {
    expect(firstSentence(engine.ask("인공지능 확산 프레임워크란?").text)).toBe(
      "인공지능 확산 프레임워크는 국가를 한국과 같은 동맹국, 일반 국가, 중국·러시아·이란·북한 등 우려 국가의 세 등급으로 나눠 등급에 따라 고성능 반도체 수출을 통제하는 등급제다.",
    );
    expect(firstSentence(engine.ask("what is the H20?").text)).toBe("Nvidia's H20 is a lower-spec chip than the H200 and H100 chips sold in the United States.");
  });

  it("of facts drawn from one sentence, opens with the one whose claim holds the question's day or place", () => {
    expect(firstSentence(engine.ask("젠슨 황은 1월 26일에 어느 도시에 있었어?").text)).toBe(
      "젠슨 황 엔비디아 CEO는 2026년 1월 26일 베이징을 방문해 현지 지사 직원들을 격려했다.",
    );
    expect(firstSentence(engine.ask("when was huang in shenzhen").text)).toBe(
      "Nvidia CEO Jensen Huang visited Shenzhen on January 27, 2026, to encourage staff at Nvidia's local office.",
    );
  });
});
