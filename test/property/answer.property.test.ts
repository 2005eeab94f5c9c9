// The whole answer core on arbitrary text — unicode, emoji, zero-width and control
// characters, mixed scripts, markdown, mention tokens, very long strings — over the bundled
// data: it never throws, always returns a well-formed answer whose quotes are verbatim from
// the cited articles, refuses without citations, and answers the same question the same way.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { FullEngine } from "../../src/engine/engine.ts";
import type { Answer } from "../../src/answer/types.ts";
import type { Article, Fact } from "../../src/knowledge/schema.ts";
import { bundledEngine } from "../helpers/engine.ts";
import { MENTIONS, SEED, ZERO_WIDTH, chatText, longText } from "./arbitraries.ts";

const RUNS = { seed: SEED, numRuns: 400 };

let engine: FullEngine;
let articles: ReadonlyMap<string, Article>;
let facts: ReadonlyMap<string, Fact>;
let claims: string[];

beforeAll(async () => {
  engine = await bundledEngine();
  const data = engine.store.current().data;
  articles = new Map(data.articles.map((a) => [a.id, a]));
  facts = new Map(data.facts.map((f) => [f.id, f]));
  claims = data.facts.flatMap((f) => [f.claim.ko, ...(f.claim.en ? [f.claim.en] : [])]);
});

/** True when every part of a quote (parts joined with "…" or "...") occurs in the text, whitespace collapsed. */
function quoteIn(quote: string, body: string): boolean {
  const squash = (s: string) => s.normalize("NFC").replace(/\s+/gu, " ").trim();
  const haystack = squash(body);
  const parts = quote.split(/\s*(?:…|\.\.\.)\s*/u).map(squash).filter((p) => p !== "");
  return parts.length > 0 && parts.every((p) => haystack.includes(p));
}

/** What is wrong with an answer to `question`; empty when it is well formed. */
function problemsOf(question: string, a: Answer): string[] {
  const problems: string[] = [];
  if (a.question !== question) problems.push("question not kept as asked");
  if (a.lang !== "ko" && a.lang !== "en") problems.push(`lang ${String(a.lang)}`);
  if (typeof a.answered !== "boolean") problems.push("answered is not a boolean");
  if (typeof a.text !== "string" || a.text.trim() === "") problems.push("no text");
  if (a.kbVersion !== engine.status().version) problems.push(`kbVersion ${a.kbVersion}`);
  if (a.answered) {
    if (a.refusal !== null) problems.push(`an answer with refusal ${a.refusal}`);
    if (a.citations.length === 0) problems.push("an answer without citations");
    if (a.suggestions.length > 0) problems.push("an answer with suggestions");
  } else {
    if (a.refusal !== "empty" && a.refusal !== "no-support") problems.push(`refusal ${String(a.refusal)}`);
    if (a.citations.length > 0) problems.push("a refusal with citations");
  }
  for (const c of a.citations) {
    const article = articles.get(c.articleId);
    if (!article) {
      problems.push(`cites unknown article ${c.articleId}`);
      continue;
    }
    if (!quoteIn(c.quote, article.body)) problems.push(`quote not in ${c.articleId}: ${c.quote.slice(0, 60)}`);
    if (c.title !== article.title || c.outlet !== article.outlet || c.publishedAt !== article.publishedAt || c.url !== article.url) {
      problems.push(`citation of ${c.articleId} differs from the article`);
    }
    if (c.factId !== null && facts.get(c.factId)?.quote !== c.quote) problems.push(`fact ${c.factId} has another quote`);
  }
  return problems;
}

/** An answer without the question it repeats, to compare answers to differently written questions. */
function reply(a: Answer): Omit<Answer, "question"> {
  const { question: _question, ...rest } = a;
  return rest;
}

/** Questions: chat text, text around a claim of the data (to reach the answering path), or long text. */
const question = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: chatText() },
    {
      weight: 4,
      arbitrary: fc
        .tuple(chatText(3), fc.nat(), chatText(3))
        .map(([before, i, after]) => `${before} ${claims[i % claims.length] ?? ""} ${after}`),
    },
    { weight: 1, arbitrary: longText(1_000, 20_000) },
  );

describe("engine.ask on arbitrary text (property)", () => {
  it("never throws and returns a well-formed answer whose quotes are verbatim from its articles", () => {
    let answered = 0;
    fc.assert(
      fc.property(question(), (q) => {
        const a = engine.ask(q);
        if (a.answered) answered += 1;
        expect(problemsOf(q, a)).toEqual([]);
      }),
      RUNS,
    );
    // The generator reaches the answering path, not only refusals.
    expect(answered).toBeGreaterThan(RUNS.numRuns / 10);
  });

  it("answers strings of up to 20,000 characters", () => {
    fc.assert(
      fc.property(longText(10_000, 20_000), (q) => {
        expect(problemsOf(q, engine.ask(q))).toEqual([]);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it("is deterministic: the same question gets the same answer", () => {
    fc.assert(
      fc.property(question(), (q) => {
        expect(engine.ask(q)).toEqual(engine.ask(q));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("answers the same when mention tokens stand between the words", () => {
    // Tokens whose label holds a space (`<!date^…|Feb 18>`) are not removed whole: Slack and
    // Discord put no spaces in the mentions people send, and the label's words are shown escaped.
    const mentions = MENTIONS.filter((m) => !/\s/u.test(m));
    fc.assert(
      fc.property(
        question().filter((q) => q.length < 900),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...mentions)), { minLength: 1, maxLength: 4 }),
        (q, inserts) => {
          const words = q.split(" ");
          for (const [at, mention] of inserts) words.splice(at % (words.length + 1), 0, mention);
          expect(reply(engine.ask(words.join(" ")))).toEqual(reply(engine.ask(q)));
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("answers the same when zero-width characters stand between the characters of normalized text", () => {
    fc.assert(
      fc.property(
        question()
          .filter((q) => q.length < 900)
          .map((q) => q.normalize("NFKC")),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ZERO_WIDTH)), { minLength: 1, maxLength: 6 }),
        (q, inserts) => {
          const points = [...q];
          for (const [at, zw] of inserts) points.splice(at % (points.length + 1), 0, zw);
          expect(reply(engine.ask(points.join("")))).toEqual(reply(engine.ask(q)));
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });
});
