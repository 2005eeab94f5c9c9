// Present and change questions, corroboration and disagreement between sources.
import { describe, expect, it } from "vitest";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const facts = engine.store.current().data.facts;
const dateOfQuote = (quote: string) => facts.find((f) => f.quote === quote)?.date ?? "";

describe("time-aware answers", () => {
  it("answers a present-tense question from the latest state, as of the newest source, with the earlier one", () => {
    const a = engine.ask("Is the H20 still banned?");
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/^As of July 18, 2025, the latest/);
    expect(a.text).toMatch(/Earlier \(/);
    const [latest, earlier] = a.citations.map((c) => dateOfQuote(c.quote));
    expect(latest! > earlier!).toBe(true);
  });

  it("does the same in Korean", () => {
    const a = engine.ask("지금 H200 중국 수출은 가능한가?");
    expect(a.text).toMatch(/^2026년 1월 28일 기준 가장 최근 내용/);
    expect(a.text).toMatch(/이전\(2025년 12월경\)/);
  });

  it("answers a change question with the states in date order", () => {
    const a = engine.ask("How did the H20 export policy change?");
    expect(a.text.split(" → ").length).toBeGreaterThanOrEqual(3);
    const dates = a.citations.map((c) => dateOfQuote(c.quote));
    expect(dates).toEqual([...dates].sort());
    expect(a.text).toMatch(/April 2025/);
    expect(a.text).toMatch(/July 2025/);
  });

  it("leaves questions without a time word as they were", () => {
    expect(engine.ask("What is the B40 chip?").text).not.toMatch(/^As of/);
    expect(engine.ask("GTC에서 엔비디아가 공개한 최신 AI 칩은?").text).toMatch(/베라 루빈/);
  });
});

describe("corroboration", () => {
  it("cites the outlets that report the same claim together and counts them", () => {
    const a = engine.ask("What did China give in exchange for the H20 export approval?");
    expect(a.text).toMatch(/Reported by 2 outlets: 여성경제신문, 파이낸셜뉴스/);
    expect(new Set(a.citations.map((c) => c.outlet))).toEqual(new Set(["여성경제신문", "파이낸셜뉴스"]));
  });

  it("shows both sources when they date the same event differently", () => {
    const a = engine.ask("When did the US allow H200 exports to China?");
    expect(a.text).toMatch(/Sources differ on the date: 이투데이 gives around January 2026, 서울경제 gives around December 2025/);
    const outlets = a.citations.map((c) => c.outlet);
    expect(outlets).toContain("이투데이");
    expect(outlets).toContain("서울경제");
  });
});
