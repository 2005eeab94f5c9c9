import { describe, expect, it } from "vitest";
import { quantitiesOf } from "../../src/answer/premise.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();

describe("quantities", () => {
  it.each([
    ["a million h200s", [{ kind: "things", value: 1e6, surface: "a million h200s" }]],
    ["550억 달러였다며", [{ kind: "money", value: 55e9, surface: "55000000000 달러" }]],
    ["$5.5 billion", [{ kind: "money", value: 5.5e9, surface: "$5500000000" }]],
    ["성능 절반", [{ kind: "times", value: 0.5, surface: "절반" }]],
    ["Three companies got 400,000 (400k) Nvidia H200 chips", [
      { kind: "companies", value: 3, surface: "3 companies" },
      { kind: "things", value: 400_000, surface: "400000 chips" },
    ]],
  ])("reads %j", (text, expected) => {
    expect(quantitiesOf(text)).toEqual(expected);
  });

  it("leaves model names and years alone", () => {
    expect(quantitiesOf("H200 vs H20 in 2025, CloudMatrix 384")).toEqual([]);
  });
});

describe("a false premise", () => {
  it.each([
    // A claim word whose opposite the articles say.
    ["Why did the Trump administration say the H20 was Nvidia's strongest AI chip?", "Correction — the articles say “lowest-performing”, not “strongest”: "],
    ["러트닉은 왜 H20이 최고의 칩이라고 했어?", "바로잡습니다 — 기사 내용은 질문의 “최고의”와 다릅니다: 러트닉 상무장관은"],
    ["why did the us ban h200 exports to china in january?", "Correction — the articles say “allowed”, not “ban”: "],
    // A figure the articles give otherwise.
    ["did china approve 300,000 h200 chips?", "Correction — the articles say “400,000 chips”, not “300,000 chips”: "],
    ["H200이 H20보다 3배 좋은 이유는?", "바로잡습니다 — 기사 내용은 질문의 “3배”와 다릅니다: H200은 H20 대비 성능이 약 6배"],
    ["엔비디아 H20 재고 상각이 70억 달러나 된 이유는?", "바로잡습니다 — 기사 내용은 질문의 “70억 달러”와 다릅니다: "],
  ])("%j is corrected with what the articles say", (q, lead) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(true);
    expect(a.text.startsWith(lead), a.text).toBe(true);
    expect(a.citations.length).toBeGreaterThan(0);
  });

  it.each([
    ["why did lutnick call the h20 the lowest-performing chip?"],
    ["Why is the H200 six times better than the H20?"],
    ["엔비디아 H20 재고 상각이 55억 달러나 된 이유는?"],
    ["Why did the US allow H20 sales to China again?"],
    ["왜 미국은 H20 수출을 금지했다가 다시 허용했어?"],
    ["How many H200 chips did the Chinese companies order?"],
  ])("%j, a true premise, is answered without a correction", (q) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(true);
    expect(a.text).not.toMatch(/^(?:Correction|바로잡습니다)/u);
  });
});
