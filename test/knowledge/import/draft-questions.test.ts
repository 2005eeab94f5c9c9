import { describe, expect, it } from "vitest";
import { draftQuestions } from "../../../src/knowledge/import/draft-questions.ts";
import type { Term } from "../../../src/knowledge/schema.ts";

const term = (id: string, kind: Term["kind"], ko: string[]): Term => ({ id, kind, en: [id], ko, topic: false });
const TERMS: Term[] = [term("lutnick", "person", ["러트닉"]), term("jensen-huang", "person", ["젠슨 황"]), term("nvidia", "company", ["엔비디아"])];

describe("draftQuestions", () => {
  it.each([
    ["a date leading the sentence asks when", "2025년 7월 18일 엔비디아가 H20 수출을 재개했다.", ["nvidia"], ["언제 엔비디아가 H20 수출을 재개했어?"]],
    ["a date after the subject asks when", "엔비디아는 2025년 3월 5일에 새 칩을 공개했다.", ["nvidia"], ["엔비디아는 언제 새 칩을 공개했어?"]],
    ["a count asks how many, keeping its counter", "중국은 서부 지역 30여 곳에 데이터센터를 구축했다.", [], ["중국은 서부 지역 몇 곳에 데이터센터를 구축했어?"]],
    ["an amount asks how much", "엔비디아는 약 55억 달러(약 7조6300억원) 규모의 재고 상각을 반영했다.", ["nvidia"], ["엔비디아는 얼마 규모의 재고 상각을 반영했어?"]],
    ["a person's statement asks what they said, with the particle their name takes", '러트닉 장관은 "칩을 다시 판다"고 말했다.', ["lutnick"], ["러트닉은 뭐라고 했어?"]],
    ["the particle follows the final consonant", "젠슨 황 CEO는 미국의 주도권을 강조했다.", ["jensen-huang"], ["젠슨 황은 뭐라고 했어?"]],
  ])("%s", (_, sentence, ids, expected) => {
    expect(draftQuestions(sentence, ids, TERMS)).toEqual(expected);
  });

  it.each([
    ["a date inside a noun phrase", "엔비디아는 2025년 7월 18일 발표에서 칩을 공개했다.", ["nvidia"]],
    ["two counts (which one is asked is unclear)", "싱가포르인 2명과 중국인 1명이 기소됐다.", []],
    ["a sentence that is not a plain past statement", "엔비디아는 2025년 7월 18일 칩을 공개할 예정이다.", ["nvidia"]],
    ["a quotation, which a question would cut", '엔비디아는 "2025년 7월 18일 출하한다"고 했다.', ["nvidia"]],
    ["a statement by a company, not a person", "엔비디아는 판매 재개를 강조했다.", ["nvidia"]],
  ])("drafts nothing for %s", (_, sentence, ids) => {
    expect(draftQuestions(sentence, ids, TERMS)).toEqual([]);
  });
});
