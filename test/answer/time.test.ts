import { describe, expect, it } from "vitest";
import { dateKey } from "../../src/knowledge/dates.ts";
import { datesCompatible, formatDate, precisionOf, timeIntent } from "../../src/answer/time.ts";

describe("partial dates", () => {
  it("knows the precision the text gave", () => {
    expect([precisionOf("2025"), precisionOf("2025-07"), precisionOf("2025-07-15")]).toEqual(["year", "month", "day"]);
  });

  it("sorts a year before its months and a month before its days", () => {
    const sorted = ["2025-07-15", "2025", "2025-07", "2024-12-31", "2025-06"].sort((a, b) => dateKey(a).localeCompare(dateKey(b)));
    expect(sorted).toEqual(["2024-12-31", "2025", "2025-06", "2025-07", "2025-07-15"]);
  });

  it("treats dates as compatible when equal at the coarser precision", () => {
    expect(datesCompatible("2025-07", "2025-07-15")).toBe(true);
    expect(datesCompatible("2025", "2025-12-09")).toBe(true);
    expect(datesCompatible("2025-12", "2026-01")).toBe(false);
  });

  it.each([
    ["2025-07-15", "en", false, "July 15, 2025"],
    ["2025-07", "en", true, "around July 2025"],
    ["2025", "en", false, "2025"],
    ["2025-07-15", "ko", false, "2025년 7월 15일"],
    ["2025-06", "ko", true, "2025년 6월경"],
  ] as const)("formats %s in %s (approximate: %s) as %s", (date, lang, approx, text) => {
    expect(formatDate(date, lang, approx)).toBe(text);
  });
});

describe("timeIntent", () => {
  it.each([
    ["Can Nvidia sell the H200 to China now?", "present"],
    ["Is the H20 still banned?", "present"],
    ["현재 H200 수출은 허용되나?", "present"],
    ["아직도 H20 수출이 막혀 있나?", "present"],
    ["How did the H20 export policy change?", "change"],
    ["H20 정책은 어떻게 바뀌었나?", "change"],
    ["What is the latest chip Nvidia unveiled at GTC?", null],
    ["GTC에서 공개한 최신 칩은?", null],
    ["What is the B40?", null],
  ] as const)("reads %j as %s", (q, intent) => {
    expect(timeIntent(q)).toBe(intent);
  });
});
