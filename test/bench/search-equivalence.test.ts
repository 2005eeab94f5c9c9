// The compact index must rank exactly as MiniSearch ranked before it (so no answer changes):
// same documents, same order, same scores to the bit, same matched tokens — on the real data
// and on a synthetic archive, across segment boundaries, built at once, in chunks, or handed
// over in parts from another thread.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReferenceIndex, searchReference } from "../../bench/reference-index.ts";
import { generateQuestions } from "../../bench/questions.ts";
import { loadBase } from "../../bench/suite.ts";
import { generateKnowledge } from "../../bench/synth.ts";
import { analyzeQuery, createGlossary, splitWords } from "../../src/search/analysis.ts";
import {
  analyzedDocuments,
  assembleIndex,
  buildSearchIndex,
  buildSearchIndexAsync,
  indexParts,
  rememberMatches,
  searchIndex,
  type SearchOptions,
} from "../../src/search/search-index.ts";
import type { KnowledgeData } from "../../src/knowledge/parse.ts";
import { runSteps } from "../../src/knowledge/steps.ts";
import { FIELDS, norm, NORM_BOUND, NORM_STEPS } from "../../src/search/postings.ts";
import { DATA_DIR } from "../helpers/engine.ts";

const base = await loadBase(DATA_DIR);
const projectQuestions = ["questions.jsonl", "questions-blind.jsonl"].flatMap((name) =>
  readFileSync(join(import.meta.dirname, "..", "answer", name), "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { q: string }).q),
);
// As retrieve.ts asks.
const options: SearchOptions = {
  limit: 60,
  boost: { ko: 1, en: 1, ent: 1.5 },
  boostTerm: (t) => (t.startsWith("#") ? 0.35 : t.startsWith("@") ? 1.3 : 1),
};

function expectSameRanking(data: KnowledgeData, questions: readonly string[], segmentBits: number) {
  const ours = buildSearchIndex(data, { segmentBits });
  const reference = buildReferenceIndex(data);
  expect(ours.postings.segments.length).toBeGreaterThan(1);
  for (const q of questions) {
    const tokens = analyzeQuery(q, ours.glossary).tokens;
    const got = searchIndex(ours, tokens, options);
    const want = searchReference(reference, tokens, options);
    expect({ q, hits: got.hits }).toEqual({ q, hits: want.hits });
  }
}

describe("searchIndex", () => {
  it("ranks the real data exactly as MiniSearch did", () => {
    expectSameRanking(base, projectQuestions, 6);
  });

  it("ranks a synthetic archive exactly as MiniSearch did", () => {
    const sk = generateKnowledge(base, { articles: 40 });
    const questions = [...generateQuestions(sk, 150).map((q) => q.q), ...projectQuestions.slice(0, 30)];
    expectSameRanking(sk.data, questions, 9);
  });

  it("ranks exactly as MiniSearch did where the common terms only probe the candidates", () => {
    // Large enough for the best candidates to close the search before its commonest terms,
    // which are then looked up for each candidate rather than read whole.
    const sk = generateKnowledge(base, { articles: 120 });
    expectSameRanking(sk.data, generateQuestions(sk, 150).map((q) => q.q), 9);
  });

  it("ranks exactly as MiniSearch did where a field holds a term more often than a posting stores", () => {
    // A posting keeps 2 bits a field: 3 or more is kept aside, in any field and segment,
    // and the norm tables stop at 15.
    const often = (word: string, n: number) => Array.from({ length: n }, () => word).join(" ");
    const facts = base.facts.map((f, i) =>
      i % 7 === 0 ? { ...f, claim: { ...f.claim, en: `${f.claim.en ?? ""} ${often("smuggling", 2 + (i % 5) * 4)}` } } : i % 7 === 1 ? { ...f, questions: { ...f.questions, en: [...f.questions.en, often("smuggling chips", 2 + (i % 3))] } } : f,
    );
    const data = { ...base, facts };
    expectSameRanking(data, ["smuggling", "chips smuggling", "smuggling h20 china", ...projectQuestions.slice(0, 10)], 6);
  });

  it("finds the same with an index built in chunks", async () => {
    const sk = generateKnowledge(base, { articles: 20 });
    const sync = buildSearchIndex(sk.data, { segmentBits: 8 });
    const chunked = await buildSearchIndexAsync(sk.data, { chunkSize: 7, segmentBits: 8 });
    expect(chunked.docs).toEqual(sync.docs);
    expect([...chunked.df]).toEqual([...sync.df]);
    for (const q of generateQuestions(sk, 40).map((x) => x.q)) {
      const tokens = analyzeQuery(q, sync.glossary).tokens;
      expect(searchIndex(chunked, tokens, options)).toEqual(searchIndex(sync, tokens, options));
    }
  });

  it("finds the same with an index handed over in parts to a copy of the data", () => {
    const sk = generateKnowledge(base, { articles: 20 });
    const built = buildSearchIndex(sk.data, { segmentBits: 8 });
    // What crosses from a worker thread: structured copies of the data and of the parts.
    const { parts, tokens, sentences } = structuredClone(indexParts(built, sk.data));
    const data = structuredClone(sk.data);
    const assembled = runSteps(assembleIndex(data, parts, tokens, sentences));
    expect(assembled.postings.segments.length).toBeGreaterThan(1);
    expect(assembled.docs).toEqual(built.docs);
    // Documents point into the copy, not at equal objects elsewhere.
    const doc = assembled.docs.find((d) => d.kind === "fact")!;
    expect(data.facts).toContain(doc.kind === "fact" ? doc.fact : null);
    expect([...assembled.df]).toEqual([...built.df]);
    expect(assembled.datedFactsByEntity).toEqual(built.datedFactsByEntity);
    expect(assembled.postings.segments).toEqual(built.postings.segments);
    for (const q of generateQuestions(sk, 40).map((x) => x.q)) {
      const tokens = analyzeQuery(q, built.glossary).tokens;
      expect(searchIndex(assembled, tokens, options)).toEqual(searchIndex(built, tokens, options));
    }
  });

  it("refuses parts that do not describe the data", () => {
    const built = buildSearchIndex(base);
    const { parts, tokens, sentences } = indexParts(built, base);
    expect(() => runSteps(assembleIndex(base, parts, tokens, sentences.slice(1)))).toThrow(/search-index: the parts describe \d+ documents/);
  });

  it("bounds each term's score in each field by what its postings reach, to within a step", () => {
    // The bounds decide when a search stops admitting candidates: one below a posting would
    // lose a document MiniSearch ranks; one far above would read postings for nothing.
    const sk = generateKnowledge(base, { articles: 30 });
    const index = buildSearchIndex(sk.data, { segmentBits: 8 });
    const p = index.postings;
    const F = FIELDS.length;
    const articles = new Map(sk.data.articles.map((a) => [a.id, a]));
    const most = new Map<number, number>();
    let d = 0;
    for (const { fields } of analyzedDocuments(sk.data, index.glossary, articles)) {
      fields.forEach((tokens, f) => {
        const tf = new Map<string, number>();
        for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
        for (const [t, n] of tf) {
          const at = p.termIds.get(t)! * F + f;
          most.set(at, Math.max(most.get(at) ?? 0, norm(n, p.lengths[d * F + f]!, p.avgFieldLength[f]!)));
        }
      });
      d++;
    }
    expect(d).toBe(p.documentCount);
    const step = NORM_BOUND / NORM_STEPS;
    for (let at = 0; at < p.maxNorm.length; at++) {
      const reached = most.get(at) ?? 0;
      const bound = p.maxNorm[at]! * step;
      expect(bound, `term ${p.termIds.tokenOf(Math.floor(at / F))}, field ${FIELDS[at % F]}`).toBeGreaterThanOrEqual(reached);
      if (reached === 0) expect(bound).toBe(0);
      else expect(bound - step).toBeLessThan(reached);
    }
  });

  it("returns only the best `limit`, and nothing for tokens no document holds", () => {
    const index = buildSearchIndex(base);
    const result = searchIndex(index, ["@nvidia", "h20"], { limit: 3 });
    expect(result.hits).toHaveLength(3);
    expect(result.hits[0]!.score).toBeGreaterThanOrEqual(result.hits[1]!.score);
    expect(searchIndex(index, ["@nvidia", "h20"], { limit: 0 })).toEqual({ hits: [] });
    expect(searchIndex(index, ["no-such-token"], { limit: 3 })).toEqual({ hits: [] });
    expect(searchIndex(index, [], { limit: 3 })).toEqual({ hits: [] });
  });

  it("counts document frequencies as before: each document once per token, whatever its field", () => {
    const index = buildSearchIndex(base);
    const want = new Map<string, number>();
    const articles = new Map(base.articles.map((a) => [a.id, a]));
    for (const { fields } of analyzedDocuments(base, index.glossary, articles)) {
      for (const t of new Set(fields.flat())) want.set(t, (want.get(t) ?? 0) + 1);
    }
    expect(new Map(index.df)).toEqual(want);
    expect(index.df.get("no-such-token")).toBeUndefined();
    expect(index.df.size).toBe(want.size);
  });

  it("refuses a chunk size that is not a positive integer", async () => {
    await expect(buildSearchIndexAsync(base, { chunkSize: 0 })).rejects.toThrow("search-index: chunkSize must be a positive integer, got 0");
  });
});

describe("rememberMatches", () => {
  it("matches exactly as the glossary does, remembered or not, and hands out copies", () => {
    const plain = createGlossary(base.terms);
    const remembered = rememberMatches(plain, 50);
    const sk = generateKnowledge(base, { articles: 10 });
    const texts = [...projectQuestions, ...sk.data.facts.map((f) => f.claim.en ?? f.claim.ko)];
    for (let round = 0; round < 2; round++) {
      for (const text of texts) {
        const words = splitWords(text);
        expect(remembered.match(words), text).toEqual(plain.match(words));
      }
    }
    const words = splitWords("엔비디아 H20 수출");
    remembered.match(words)[0]!.id = "changed";
    expect(remembered.match(words)[0]!.id).toBe("nvidia");
    expect(remembered.terms).toBe(plain.terms);
  });
});
