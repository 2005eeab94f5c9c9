import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rawTokens } from "../../src/search/words.ts";

// The pattern the hand-written reader stands for.
const byPattern = (text: string) => text.match(/\d+(?:\.\d+)+|[\p{L}\p{N}]+/gu) ?? [];

describe("rawTokens", () => {
  it("cuts dotted numbers, and runs of letters and numbers of any script", () => {
    expect(rawTokens("H200 칩 40만 개, 5.5배 v1.2.3 a3.5 1. 中文 ١٢ 𝒜𝒞 😀x")).toEqual([
      "H200", "칩", "40만", "개", "5.5", "배", "v1", "2.3", "a3", "5", "1", "中文", "١٢", "𝒜𝒞", "x",
    ]);
  });

  it("reads every text as the pattern does", () => {
    const unit = fc.constantFrom("1", "2", ".", "a", "Z", "가", "ㄱ", " ", "中", "😀", "𝟙", "١", "½", "-", "\u0301", "ß", "\uD800");
    fc.assert(fc.property(fc.string({ unit, maxLength: 30 }), (t) => {
        expect(rawTokens(t)).toEqual(byPattern(t));
      }), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (t) => {
        expect(rawTokens(t)).toEqual(byPattern(t));
      }), { numRuns: 5000 });
  });
});
