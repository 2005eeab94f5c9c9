import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { monthAndNumberWords, normalizeText } from "../../src/search/normalize.ts";
import { DATA_DIR } from "../helpers/engine.ts";

// The patterns the single pass stands for, applied one after another as they once were.
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const monthNumber = (name: string) => MONTHS.indexOf(name.toLowerCase().replace(/\.$/u, "").slice(0, 3)) + 1;
const NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
function byPatterns(t: string): string {
  return t
    .replace(
      /(?<![\p{L}])(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?![\p{L}])/gu,
      (m) => ` m${monthNumber(m)} `,
    )
    .replace(/(?<![\p{L}])(january|february|april|june|july|august|september|october|november|december)(?![\p{L}])/gu, (m) => ` m${monthNumber(m)} `)
    .replace(
      /(?<![\p{L}])(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred)(?![\p{L}])/giu,
      (w) => String(NUMBERS[w.toLowerCase()]),
    );
}

const EDGES = [
  "In June 2025, six firms; by Jun. 3 and Sept. the ONE left",
  "Jun.six Jan.,two Mar.x May. march may Sixteen-fifty",
  "phone often Junes Maybe tenth ten",
  "éten tené 𠀀six six𠀀 ſix Ten",
  "ninetyone hundredth Hundred. April.",
  "",
  "no words here 123",
  "in june. then july.x and Jul.",
];

describe("month names and number words", () => {
  it("are rewritten exactly as one pattern per table rewrote them, on every bundled text and on edge cases", async () => {
    const loaded = await loadKnowledge(DATA_DIR);
    const data = loaded.data!;
    const texts = [
      ...EDGES,
      ...data.articles.flatMap((a) => [a.title, a.body]),
      ...data.facts.flatMap((f) => [f.claim.ko, f.claim.en ?? "", f.quote, ...f.questions.en, ...f.questions.ko]),
      ...readdirSync(join(import.meta.dirname, "..", "answer"))
        .filter((name) => name.endsWith(".jsonl"))
        .flatMap((name) => readFileSync(join(import.meta.dirname, "..", "answer", name), "utf8").split("\n")),
    ];
    expect(texts.length).toBeGreaterThan(1000);
    let rewritten = 0;
    for (const raw of texts) {
      const t = raw.normalize("NFKC");
      const expected = byPatterns(t);
      expect(monthAndNumberWords(t), t).toBe(expected);
      if (expected !== t) rewritten += 1;
    }
    // The comparison means something only if many texts hold such words.
    expect(rewritten).toBeGreaterThan(100);
  });

  it("become month tokens and digits in normalized text", () => {
    expect(normalizeText("In June, six firms; by Jun. 3").replace(/\s+/gu, " ").trim()).toBe("In m6 , 6 firms; by m6 3");
    expect(normalizeText("they may march").trim()).toBe("they may march");
  });
});
