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

/** The answer's first sentence, cut as the scorer cuts it: what a reader takes in first. */
function firstSentence(text: string): string {
  const m = /[.!?][”"’')\]]*(\s|$)|\n/u.exec(text.trim());
  return m ? text.trim().slice(0, m.index + m[0].length) : text.trim();
}

function judge(q: Question): { ok: boolean; lead: boolean; why: string } {
  const r = judgeCited(q);
  const lead = r.ok && !q.abstain && q.any !== undefined && q.any.some((k) => norm(firstSentence(r.text)).includes(norm(k)));
  return { ok: r.ok, lead, why: r.ok && !lead ? `first sentence without the answer: ${r.text}` : r.why };
}

function judgeCited(q: Question): { ok: boolean; why: string; text: string } {
  const a = engine.ask(q.q);
  const verdict = (ok: boolean, why: string) => ({ ok, why, text: a.text });
  for (const c of a.citations) {
    if (!quoteOccursIn(c.quote, bodies.get(c.articleId) ?? "")) return verdict(false, `unverified quote ${c.quote}`);
  }
  if (q.abstain) return verdict(!a.answered, `answered: ${a.text}`);
  const first = a.citations[0];
  if (!a.answered || !first) return verdict(false, "refused");
  if (a.lang !== q.lang) return verdict(false, `answered in ${a.lang}`);
  if (!q.articles?.includes(first.articleId)) return verdict(false, `first source ${first.articleId}`);
  const hay = norm(`${a.text} ${first.quote}`);
  if (!q.any?.some((k) => hay.includes(norm(k)))) return verdict(false, `no expected word in: ${a.text}`);
  return verdict(true, "");
}

// Minimum share of answerable questions cited right, most out-of-scope questions answered, and
// minimum share whose first sentence carries the answer: each a little under what the set
// scores (cited right 100, 98.6, 98.3, 98.6 and 95.0%; opening with it 96.2, 97.1, 96.7, 95.7
// and 90.6%).
describe.each([
  ["questions.jsonl", 0.97, 0, 0.96],
  ["questions-blind.jsonl", 0.95, 0.05, 0.97],
  ["questions-blind2.jsonl", 0.95, 0.1, 0.96],
  ["questions-blind3.jsonl", 0.95, 0.1, 0.95],
  // Written in the register people type in (casual, lowercase, paraphrased), with false
  // premises (judged here like answerable questions: corrected from the right article); 86%
  // cited right first when its example questions were first indexed, 94% after, 95% since.
  ["questions-blind4.jsonl", 0.94, 0.05, 0.9],
])("question set %s", (file, minHit, maxWrongAnswers, minLead) => {
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

  it(`opens with the answer for at least ${minLead * 100}% of answerable questions`, () => {
    const leads = answerable.filter((r) => r.lead).length;
    const misses = answerable.filter((r) => r.ok && !r.lead).map((r) => `${r.q.id} ${r.q.q} → ${r.why}`);
    expect(leads / answerable.length, misses.join("\n")).toBeGreaterThanOrEqual(minLead);
  });

  it("declines out-of-scope questions", () => {
    const wrong = outOfScope.filter((r) => !r.ok).map((r) => `${r.q.id} ${r.q.q} → ${r.why}`);
    expect(wrong.length / outOfScope.length, wrong.join("\n")).toBeLessThanOrEqual(maxWrongAnswers);
  });
});
