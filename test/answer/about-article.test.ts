import { describe, expect, it } from "vitest";
import { asksAboutArticle } from "../../src/answer/about-article.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();

describe("questions about an article itself", () => {
  it.each([
    ["who wrote the piece on the us approving h20 sales?", "author"],
    ["엔비디아 H200 수입 승인 기사 어느 매체에서 냈어?", "outlet"],
    ["which paper ran the story about huawei and the h200?", "outlet"],
    // A source of what is reported, not of the article.
    ["Which outlet called the H200 decision a two-pronged strategy?", null],
    ["블룸버그 보도로는 백악관이 H200 수출을 어떻게 판단했대?", null],
  ])("%j asks for %s", (q, expected) => {
    expect(asksAboutArticle(q)).toBe(expected);
  });

  it("answers who wrote it from the article's byline, leading with the name", () => {
    const a = engine.ask("who wrote the piece on the us approving h20 sales?");
    expect(a.text).toBe("김성하 wrote it — published by 여성경제신문 on around July 18, 2025: “미·중 무역협상으로 H20 대중 수출 승인”");
    expect(a.citations[0]?.articleId).toBe("us-approves-h20-exports");
  });

  it("names the outlet, and says so when the article names no author", () => {
    const outlet = engine.ask("엔비디아 H200 수입 승인 기사 어느 매체에서 냈어?");
    expect(outlet.text).toBe("이투데이가 2026년 1월 28일 보도한 기사입니다: “중국, 엔비디아 ‘H200’ 첫 수입 승인”…AI 수요·자립 사이 균형 모색”");
    const author = engine.ask("H200 수입 승인 기사 쓴 기자 누구야?");
    expect(author.text.startsWith("기사에 기자 이름은 나와 있지 않습니다 — 이투데이가")).toBe(true);
  });
});

describe("Korean question words written with their counters", () => {
  it.each([
    ["러트닉은 중국에 몇번째로 좋은 칩을 팔아도 된대?", /네 번째/u],
    ["젠슨 황이 연설한 공급망 박람회는 몇회째야?", /제3회/u],
  ])("%j is not read as an unknown name", (q, expected) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(expected);
  });

  it("declines a model code the articles never name", () => {
    expect(engine.ask("딥시크 R2 언제 나온대?").answered).toBe(false);
  });
});
