import { describe, expect, it } from "vitest";
import { askedCounter, expectedAnswer, hasQuantity, hasQuantityOf } from "../../src/answer/question-type.ts";

describe("expectedAnswer", () => {
  it.each([
    ["How many H200 chips were approved?", ["number"]],
    ["H200 승인은 언제 났어?", ["date"]],
    ["Why did the US allow H20 sales?", ["reason"]],
    ["Which companies got approval?", ["company"]],
  ] as const)("reads %j as asking for %j", (q, expected) => {
    expect(expectedAnswer(q)).toEqual(expected);
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
  });
});
