// The project's own question sets: questions.jsonl (written with the answer core), and
// questions-blind.jsonl, questions-blind2.jsonl and questions-blind3.jsonl (each written from
// the articles alone, without looking at the code or the facts), and questions-blind4.jsonl
// (the same, phrased as chat users type).
// Each answerable question names the articles it must cite first and words one of which
// the answer or its quote must contain; out-of-scope questions must be declined.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quoteOccursIn } from "../../src/knowledge/text.ts";
import { bundledEngine } from "../helpers/engine.ts";

interface Question {
  id: string;
  lang: "ko" | "en";
  q: string;
  articles?: string[];
  any?: string[];
  abstain?: boolean;
}

const load = (name: string): Question[] =>
  readFileSync(join(import.meta.dirname, name), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Question);

const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "");
const engine = await bundledEngine();
const bodies = new Map(engine.store.current().data.articles.map((a) => [a.id, a.body]));

function judge(q: Question): { ok: boolean; why: string } {
  const a = engine.ask(q.q);
  for (const c of a.citations) {
    if (!quoteOccursIn(c.quote, bodies.get(c.articleId) ?? "")) return { ok: false, why: `unverified quote ${c.quote}` };
  }
  if (q.abstain) return { ok: !a.answered, why: `answered: ${a.text}` };
  const first = a.citations[0];
  if (!a.answered || !first) return { ok: false, why: "refused" };
  if (a.lang !== q.lang) return { ok: false, why: `answered in ${a.lang}` };
  if (!q.articles?.includes(first.articleId)) return { ok: false, why: `first source ${first.articleId}` };
  const hay = norm(`${a.text} ${first.quote}`);
  if (!q.any?.some((k) => hay.includes(norm(k)))) return { ok: false, why: `no expected word in: ${a.text}` };
  return { ok: true, why: "" };
}

// Minimum share of answerable questions cited right, and most out-of-scope questions answered:
// a little under what each set scores (100, 98.6, 98.3, 98.6 and 94.2%).
describe.each([
  ["questions.jsonl", 0.97, 0],
  ["questions-blind.jsonl", 0.95, 0.05],
  ["questions-blind2.jsonl", 0.95, 0.1],
  ["questions-blind3.jsonl", 0.95, 0.1],
  // Written in the register people type in (casual, lowercase, paraphrased), with false
  // premises (judged here like answerable questions: corrected from the right article); 86%
  // cited right first when its example questions were first indexed, 94% since.
  ["questions-blind4.jsonl", 0.92, 0.05],
])("question set %s", (file, minHit, maxWrongAnswers) => {
  const questions = load(file);
  const results = questions.map((q) => ({ q, ...judge(q) }));
  const answerable = results.filter((r) => !r.q.abstain);
  const outOfScope = results.filter((r) => r.q.abstain);

  it("has Korean and English questions, some out of scope", () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.some((q) => q.lang === "ko") && questions.some((q) => q.lang === "en")).toBe(true);
    expect(outOfScope.length).toBeGreaterThanOrEqual(10);
  });

  it(`cites the right article first for at least ${minHit * 100}% of answerable questions`, () => {
    const hits = answerable.filter((r) => r.ok).length;
    const misses = answerable.filter((r) => !r.ok).map((r) => `${r.q.id} ${r.q.q} → ${r.why}`);
    expect(hits / answerable.length, misses.join("\n")).toBeGreaterThanOrEqual(minHit);
  });

  it("declines out-of-scope questions", () => {
    const wrong = outOfScope.filter((r) => !r.ok).map((r) => `${r.q.id} ${r.q.q} → ${r.why}`);
    expect(wrong.length / outOfScope.length, wrong.join("\n")).toBeLessThanOrEqual(maxWrongAnswers);
  });
});
