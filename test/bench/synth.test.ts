// The synthetic knowledge bases and questions the benchmark measures on: deterministic,
// valid for the real loader, varied, and with every fact's quote verbatim in its article.
import { describe, expect, it } from "vitest";
import { generateQuestions } from "../../bench/questions.ts";
import { toDataFiles } from "../../bench/serialize.ts";
import { loadBase } from "../../bench/suite.ts";
import { generateKnowledge, lexiconWord } from "../../bench/synth.ts";
import { parseKnowledge } from "../../src/knowledge/parse.ts";
import { quoteOccursIn } from "../../src/knowledge/text.ts";
import { DATA_DIR } from "../helpers/engine.ts";

const base = await loadBase(DATA_DIR);
const sk = generateKnowledge(base, { articles: 60 });

describe("generateKnowledge", () => {
  it("makes the number of articles asked for, each with facts", () => {
    expect(sk.data.articles).toHaveLength(60);
    expect(new Set(sk.data.articles.map((a) => a.id)).size).toBe(60);
    const withFacts = new Set(sk.data.facts.map((f) => f.article));
    expect(withFacts.size).toBe(60);
    expect(sk.stats.facts).toBe(sk.data.facts.length);
    expect(sk.data.terms).toBe(base.terms);
  });

  it("makes the same knowledge base for the same seed, another for another seed", () => {
    const again = generateKnowledge(base, { articles: 60 });
    expect(again.data).toEqual(sk.data);
    const other = generateKnowledge(base, { articles: 60, seed: "another" });
    expect(other.data.articles.map((a) => a.body)).not.toEqual(sk.data.articles.map((a) => a.body));
  });

  it("keeps every fact's quote verbatim in its article's body", () => {
    const bodies = new Map(sk.data.articles.map((a) => [a.id, a.body]));
    for (const f of sk.data.facts) expect(quoteOccursIn(f.quote, bodies.get(f.article) ?? ""), f.id).toBe(true);
  });

  it("passes the real parser when written out as data files", () => {
    const parsed = parseKnowledge(toDataFiles(sk.data));
    expect(parsed.errors).toEqual([]);
    expect(parsed.data?.articles).toHaveLength(60);
    expect(parsed.data?.facts).toHaveLength(sk.data.facts.length);
  });

  it("varies the text: no two bodies alike, new words beyond the five source articles", () => {
    expect(new Set(sk.data.articles.map((a) => a.body)).size).toBe(60);
    const words = (text: string) => new Set(text.match(/[\uAC00-\uD7A3]{2,}/gu) ?? []);
    const sourceWords = words(base.articles.map((a) => a.body).join(" "));
    const newWords = [...words(sk.data.articles.map((a) => a.body).join(" "))].filter((w) => !sourceWords.has(w));
    expect(newWords.length).toBeGreaterThan(500);
    expect(sk.stats.swaps).toBeGreaterThan(0);
  });

  it("makes invented words that read the same in Hangul and in Latin letters", () => {
    const w = lexiconWord(12345);
    expect(w.ko).toMatch(/^[\uAC00-\uD7A3]{2,3}$/u);
    expect(w.en).toMatch(/^[a-z]+$/u);
    expect(lexiconWord(12345)).toEqual(w);
  });
});

describe("generateQuestions", () => {
  const questions = generateQuestions(sk, 200);

  it("alternates Korean and English and mixes the three kinds", () => {
    expect(questions).toHaveLength(200);
    expect(questions.filter((q) => q.lang === "ko")).toHaveLength(100);
    for (const q of questions.filter((q) => q.lang === "ko")) expect(q.q).toMatch(/[\uAC00-\uD7A3]/u);
    const kinds = new Set(questions.map((q) => q.kind));
    expect(kinds).toEqual(new Set(["project-set", "from-fact", "out-of-scope"]));
    expect(questions.filter((q) => q.kind === "out-of-scope").length).toBeGreaterThanOrEqual(20);
  });

  it("is deterministic", () => {
    expect(generateQuestions(sk, 200)).toEqual(questions);
  });
});
