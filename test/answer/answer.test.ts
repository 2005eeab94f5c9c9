import { describe, expect, it } from "vitest";
import { cleanQuestion, MAX_QUESTION_CHARS } from "../../src/answer/answer.ts";
import { quoteOccursIn } from "../../src/knowledge/text.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const articleBody = (id: string) => engine.store.current().data.articles.find((a) => a.id === id)?.body ?? "";

describe("answer", () => {
  it("answers in Korean when the question has Hangul, with verbatim citations", () => {
    const a = engine.ask("H200 구매 승인을 받은 중국 기업은?");
    expect(a.answered).toBe(true);
    expect(a.lang).toBe("ko");
    expect(a.text).toMatch(/바이트댄스/);
    expect(a.citations[0]).toMatchObject({ articleId: "china-approves-h200-imports", outlet: "이투데이", publishedAt: "2026-01-28", url: null });
    for (const c of a.citations) expect(quoteOccursIn(c.quote, articleBody(c.articleId))).toBe(true);
  });

  it("answers in English otherwise, from the same Korean sources", () => {
    const a = engine.ask("Which companies were allowed to buy H200 chips?");
    expect(a.lang).toBe("en");
    expect(a.text).toMatch(/ByteDance/);
    expect(a.text).not.toMatch(/[\uAC00-\uD7A3]/u);
  });

  it.each([
    ["오늘 비트코인 시세 알려줘"],
    ["What is the bitcoin price today?"],
    ["What's the weather in Seoul?"],
    ["Who won the 2022 World Cup?"],
    ["삼성전자 주가는?"],
    ["Did ASML get an export license for China?"],
  ])("refuses %j, naming topics it does know", (q) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(false);
    expect(a.refusal).toBe("no-support");
    expect(a.citations).toEqual([]);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.text).toContain(a.suggestions[0]!);
  });

  it.each(["", "   ", "\u200b\u200b", "@everyone", "<@U123> <!channel>", "?!"])("asks for a question when given %j", (q) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(false);
    expect(a.refusal).toBe("empty");
  });

  it("answers the first part of a very long question and says so", () => {
    const q = "H200 구매 승인을 받은 중국 기업은? " + "그리고 ".repeat(600);
    const a = engine.ask(q);
    expect(a.answered).toBe(true);
    expect(a.text).toContain(`${MAX_QUESTION_CHARS}자`);
  });

  it("ignores mentions, markup and control characters in the question", () => {
    const plain = engine.ask("What is the B40 chip?");
    const noisy = engine.ask("<@U0BOT> @everyone **What** is the\u0007 B40 chip?\u200b");
    expect(noisy.citations.map((c) => c.quote)).toEqual(plain.citations.map((c) => c.quote));
  });

  it.each([
    ["emoji", "🤔 H200 구매 승인을 받은 중국 기업은? 🇨🇳🔥", true],
    ["mixed scripts", "엔비디아 H20 export 허가는 when?", true],
    ["markdown", "**What** is the `B40` chip? _please_ > quote", true],
    ["a markdown link", "[click](https://evil.example) What is the B40 chip?", true],
    ["only emoji", "🤔🤔🤔", false],
    ["only punctuation and markup", "``` *** ___ >>>", false],
  ])("handles %s without error", (_name, q, answered) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(answered);
    if (!answered) expect(a.citations).toEqual([]);
  });

  it("never answers from page furniture", () => {
    for (const q of ["비트코인 가격", "이더리움 시세", "샤넬백 김건희 징역", "홍준표 탈당"]) {
      expect(engine.ask(q).answered, q).toBe(false);
    }
  });

  it.each([
    ["엔비디아가 중국 매출의 15%를 미국 정부에 내기로 한 합의는?"],
    ["Why did China approve 750,000 H200 chips?"],
  ])("refuses %j: the figure it takes for granted is in no article it matches", (q) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
  });

  it.each([
    ["Why were 400,000 H200 approvals granted?", /400,000/],
    ["엔비디아가 입은 55억 달러 손실은 왜 생겼어?", /55억 달러/],
  ])("answers %j: the figure it states is in the article", (q, expected) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(true);
    expect(`${a.text} ${a.citations.map((c) => c.quote).join(" ")}`).toMatch(expected);
  });

  it("says when, first, for a \"when\" question whose best fact does not say it", () => {
    const a = engine.ask("등급제 폐기 검토 보도, 로이터가 언제 낸 거야?");
    expect(a.answered).toBe(true);
    expect(a.text.startsWith("2025년 4월 29일 — ")).toBe(true);
  });

  it("answers a \"how many\" question about a model with the count of that model", () => {
    const a = engine.ask("How many H200s did Beijing clear in its first batch of import approvals?");
    expect(a.text).toMatch(/400,000/);
  });

  it("reports the snapshot version it answered from", () => {
    expect(engine.ask("What is the B40?").kbVersion).toBe(engine.status().version);
  });
});

describe("cleanQuestion", () => {
  it("removes zero-width and control characters and mention tokens", () => {
    expect(cleanQuestion("a\u200bb\u0000c <@U1> <#C1|x> <!here> @here d").text).toBe("ab c d");
  });
});
