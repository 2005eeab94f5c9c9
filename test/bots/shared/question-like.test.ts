import { describe, expect, it } from "vitest";
import { looksLikeQuestion } from "../../../src/bots/shared/question-like.ts";

describe("looksLikeQuestion", () => {
  it.each([
    "why?",
    "and when was that",
    "what about Huawei",
    "Huawei는?",
    "그건 언제야",
    "그럼 몇 개야",
    "tell me more about the H20 deal",
    "how many chips in total",
    "H200 수입 승인했어",
  ])("reads %j as a question", (text) => {
    expect(looksLikeQuestion(text)).toBe(true);
  });

  it.each(["thanks!", "ok", "고마워요", "ㅋㅋㅋ", "👍", "I read that one too", "좋은 기사네", "lol"])("leaves %j alone", (text) => {
    expect(looksLikeQuestion(text)).toBe(false);
  });
});
