import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { askedCounter, definesByCopula, expectedAnswer, hasQuantity, hasQuantityOf } from "../../src/answer/question-type.ts";

describe("expectedAnswer", () => {
  it.each([
    ["How many H200 chips were approved?", ["number"]],
    ["H200 승인은 언제 났어?", ["date"]],
    ["Why did the US allow H20 sales?", ["reason"]],
    ["Which companies got approval?", ["company"]],
    ["what's the B40", ["definition"]],
    ["What is a Blackwell chip?", ["definition"]],
    ["B40이 뭐예요?", ["definition"]],
    ["블랙웰이란?", ["definition"]],
    ["What is the B40 going to cost?", ["number"]],
    ["what is nvidia doing about it", []],
    ["B40은 뭐가 달라?", []],
  ] as const)("reads %j as asking for %j", (q, expected) => {
    expect(expectedAnswer(q)).toEqual(expected);
  });
});

describe("definesByCopula", () => {
  it.each([
    ["H30은 중국 전용으로 만든 저사양 칩이다.", true],
    ["새 규정은 나라를 네 단계로 나누는 등급제다.", true],
    ["상무부는 새 규정을 발표했다.", false],
    ["정부는 규제를 강화할 방침이다.", false],
    ["첫 재판은 9월에 열릴 예정이다.", false],
    ["업체들이 주문을 늘리고 있다.", false],
  ])("reads %j as saying what its subject is: %j", (claim, expected) => {
    expect(definesByCopula(claim)).toBe(expected);
  });
});

describe("askedCounter", () => {
  it.each([
    ["H200 몇 개 승인됐어?", "개"],
    ["몇 곳이 승인받았나?", "곳"],
    ["How many chips were approved?", "chip"],
    ["How many H200 chips were approved?", "chip"],
    ["How many H200s did Beijing clear?", "chip"],
    ["How many companies got approval?", "compan"],
    ["How many did they buy?", null],
    ["What did they buy?", null],
  ])("reads the counter of %j as %j", (q, counter) => {
    expect(askedCounter(q)).toBe(counter);
  });
});

describe("quantities", () => {
  it("tells a quantity from a model name or a date", () => {
    expect(hasQuantity("총 40만 개 이상의 H200 칩")).toBe(true);
    expect(hasQuantity("more than 400,000 chips")).toBe(true);
    expect(hasQuantity("Nvidia's H200 and CloudMatrix 384")).toBe(false);
    expect(hasQuantity("2025년 7월 18일")).toBe(false);
  });

  it("finds the quantity counted in the asked counter", () => {
    expect(hasQuantityOf("more than 400,000 Nvidia H200 chips", "chip")).toBe(true);
    expect(hasQuantityOf("citing three sources", "chip")).toBe(false);
    expect(hasQuantityOf("중국 기업들이 H200 칩 200만 개를 주문했다", "개")).toBe(true);
    expect(hasQuantityOf("엔비디아 칩 수십 종", "개")).toBe(false);
  });

  it("finds a counted quantity wherever the counter pattern would", () => {
    // The quantity and counter in one pattern, as read before the counter was searched for.
    const byPattern = (text: string, counter: string) =>
      new RegExp(`(?:\\d[\\d,.]*\\s?(?:[만억조]\\s?)*(?:\\d[\\d,.]*)?|수십|수백|수천|수만|수백만|한|두|세|네|다섯)\\s?(?:[\\p{L}-]+\\s)?${counter.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}`, "iu").test(text);
    const unit = fc.constantFrom("4", "0", ",", ".", " ", "만", "개", "명", "세", "한", "수십", "chip", "Chip", "CHIPS", "s", "ſ", "İ", "K", "k", "-", "칩", "x");
    const counter = fc.constantFrom("개", "명", "chip", "s", "k", "칩", "Chip", "c.p");
    fc.assert(fc.property(fc.string({ unit, maxLength: 14 }), counter, (text, c) => {
      expect(hasQuantityOf(text, c)).toBe(byPattern(text, c));
    }), { numRuns: 3000 });
  });
});
