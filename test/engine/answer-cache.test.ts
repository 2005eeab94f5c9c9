import { describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS } from "../../src/answer/answer.ts";
import { createAnswerCache } from "../../src/engine/answer-cache.ts";
import type { Answer } from "../../src/answer/types.ts";

interface Snap {
  version: string;
}

function counting() {
  const asked: string[] = [];
  const compute = (question: string, snap: Snap): Answer => {
    asked.push(`${snap.version}:${question}`);
    return {
      question,
      lang: "en",
      answered: true,
      text: `answer ${asked.length}`,
      citations: [{ articleId: "a", title: "t", outlet: "o", publishedAt: "2025-07-15", dateApproximate: false, url: null, quote: "q", factId: "f" }],
      refusal: null,
      suggestions: [],
      kbVersion: snap.version,
    };
  };
  return { asked, compute };
}

describe("answer cache", () => {
  it("answers a repeated question on the same snapshot without answering it again", () => {
    const { asked, compute } = counting();
    const cache = createAnswerCache(compute);
    const snap = { version: "v1" };
    const first = cache.ask("Why was the H20 approved?", snap);
    const again = cache.ask("Why was the H20 approved?", snap);
    expect(again).toBe(first);
    expect(asked).toEqual(["v1:Why was the H20 approved?"]);
    expect(cache.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it("answers afresh on another snapshot: a reload never serves the previous version's answer", () => {
    const { asked, compute } = counting();
    const cache = createAnswerCache(compute);
    cache.ask("q", { version: "v1" });
    const next = cache.ask("q", { version: "v2" });
    expect(next.kbVersion).toBe("v2");
    expect(asked).toEqual(["v1:q", "v2:q"]);
  });

  it("keeps at most the given number of answers per snapshot, forgetting the least recently asked", () => {
    const { asked, compute } = counting();
    const cache = createAnswerCache(compute, 2);
    const snap = { version: "v1" };
    for (const q of ["a", "b", "a", "c", "a", "b"]) cache.ask(q, snap);
    expect(asked).toEqual(["v1:a", "v1:b", "v1:c", "v1:b"]);
  });

  it("hands out frozen answers, so that no adapter can change one for everyone", () => {
    const { compute } = counting();
    const answer = createAnswerCache(compute).ask("q", { version: "v1" });
    expect(() => answer.citations.push(answer.citations[0]!)).toThrow(TypeError);
    expect(() => {
      (answer.citations[0] as { quote: string }).quote = "changed";
    }).toThrow(TypeError);
    expect(() => {
      (answer as { text: string }).text = "changed";
    }).toThrow(TypeError);
  });

  it("answers every question afresh when told to keep none", () => {
    const { asked, compute } = counting();
    const cache = createAnswerCache(compute, 0);
    const snap = { version: "v1" };
    cache.ask("q", snap);
    cache.ask("q", snap);
    expect(asked).toEqual(["v1:q", "v1:q"]);
  });

  it("does not keep questions far longer than those answered", () => {
    const { asked, compute } = counting();
    const cache = createAnswerCache(compute);
    const snap = { version: "v1" };
    const huge = "H20 ".repeat(MAX_QUESTION_CHARS);
    cache.ask(huge, snap);
    cache.ask(huge, snap);
    expect(asked.length).toBe(2);
    expect(cache.stats()).toEqual({ hits: 0, misses: 2 });
  });
});
