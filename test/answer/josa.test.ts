// Particles after filled-in words follow the word's last sound, and no template in the
// code glues a fixed particle to a value it does not know.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { josaFor, withJosa } from "../../src/answer/josa.ts";

describe("withJosa", () => {
  it.each([
    ["여성경제신문", "은/는", "여성경제신문은"],
    ["이투데이", "은/는", "이투데이는"],
    ["서울경제", "이/가", "서울경제가"],
    ["파이낸셜뉴스", "을/를", "파이낸셜뉴스를"],
    ["2025년 7월경", "으로/로", "2025년 7월경으로"],
    ["2026년 1월", "으로/로", "2026년 1월로"],
    ["7월 15일", "으로/로", "7월 15일로"],
    ["H200", "은/는", "H200은"],
    ["H20", "은/는", "H20은"],
    ["CNBC", "이/가", "CNBC가"],
    ["FT", "은/는", "FT는"],
    ["Chokepoint", "을/를", "Chokepoint를"],
    ["Reuters", "은/는", "Reuters는"],
    ["Huawei", "와/과", "Huawei와"],
    ["Bloomberg", "은/는", "Bloomberg는"],
    ["Xinhua", "은/는", "Xinhua는"],
    ["CloudMatrix 384", "은/는", "CloudMatrix 384는"],
    ["B40(RTX Pro)", "은/는", "B40(RTX Pro)는"],
    ["'B40'", "이/가", "'B40'이"],
  ] as const)("%s + %s → %s", (word, option, expected) => {
    expect(withJosa(word, option)).toBe(expected);
  });

  it("returns only the particle from josaFor", () => {
    expect(josaFor("베이징", "으로/로")).toBe("으로");
    expect(josaFor("서울", "으로/로")).toBe("로");
  });
});

/** Every .ts file under a directory. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("templates", () => {
  it("never follow a filled-in value with a fixed Korean particle", () => {
    const src = join(import.meta.dirname, "..", "..", "src");
    // `${value}는 `, `${date}로 `: the particle must come from withJosa.
    const glued = /\$\{[^}]+\}(?:은|는|이|가|을|를|으로|로|와|과|이나|이라|라)(?=[\s,.)!?"'`]|$)/u;
    const offenders = sources(src).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${file.slice(src.length + 1)}:${i + 1}` }))
        .filter(({ line }) => glued.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
