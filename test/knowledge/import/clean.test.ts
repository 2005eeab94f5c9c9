import { describe, expect, it } from "vitest";
import { cleanPage, isBodyLike, type FurnitureRule } from "../../../src/knowledge/import/clean.ts";
import { ARTICLES, paragraphsOf, SYNTHETIC_BODY, SYNTHETIC_PAGE } from "./pages.ts";

const BODY = "미국 정부가 엔비디아의 H20 칩 수출을 승인했다고 보도했다.";

/** The rule that removes `line` when it stands between two body paragraphs. */
function ruleFor(line: string): FurnitureRule | undefined {
  const page = cleanPage(`${BODY}\n\n${line}\n\n${BODY.replace("H20", "H200")}`);
  return page.removed.find((r) => r.text === line.trim())?.rule;
}

describe("cleanPage on the bundled raw pages", () => {
  it.each(ARTICLES.map((a) => [a.article.id, a] as const))("draws the curated body of %s from its raw page", (_id, { article, raw }) => {
    // A deliberate edit in the curated file would need its own expectation here.
    expect(article.edits).toEqual([]);
    expect(cleanPage(raw).paragraphs).toEqual(paragraphsOf(article.body));
  });

  it.each([
    ["china-approves-h200-imports", "“중국, 엔비디아 ‘H200’ 첫 수입 승인”…AI 수요·자립 사이 균형 모색"],
    ["us-approves-h20-exports", "미·중 무역협상으로 H20 대중 수출 승인"],
    ["why-trump-allowed-h20", "中에 엔비디아 AI칩 수출 재개 허가한 트럼프 정부 속내는"],
    ["huawei-behind-h200-decision", null],
    ["ai-diffusion-tiers-scrapped", null],
  ])("finds the headline of %s", (id, headline) => {
    const page = ARTICLES.find((a) => a.article.id === id);
    expect(cleanPage(page?.raw ?? "").headline).toBe(headline);
  });
});

describe("cleanPage rules", () => {
  it.each<[string, FurnitureRule]>([
    ["메뉴 건너뛰기", "navigation"],
    ["입력 2026-01-28 16:49", "timestamp"],
    ["수정 2025.07.18 09:00", "timestamp"],
    ["기사 듣기", "audio-widget"],
    ["00:00 /", "audio-widget"],
    ["  • 가장작게", "font-size-widget"],
    ["이 글자크기로 변경됩니다.", "portal-widget"],
    ["(예시) 가장 빠른 뉴스가 있고 다양한 정보를 만나보세요.", "portal-widget"],
    ["전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.", "portal-widget"],
    ["  • 추가취재 원해요0", "reaction-button"],
    ["  • 좋아요12", "reaction-button"],
    ["주요 뉴스", "section-heading"],
    ["관련기사", "section-heading"],
    ["  • 오늘의 상승종목", "section-heading"],
    ["실시간 암호화폐 시세", "section-heading"],
    ["번호 제목 글쓴이 날짜", "section-heading"],
    ["저작권자 © 여성경제신문 무단전재 및 재배포 금지", "copyright"],
    ["Copyright © 파이낸셜뉴스. 무단전재 및 재배포 금지.", "copyright"],
    ["【실리콘밸리=홍창기 특파원】", "dateline"],
    ["[서울=뉴시스]", "dateline"],
    ["여성경제신문 김성하 기자 lysf@seoulmedia.co.kr", "byline"],
    ["theveryfirst@fnnews.com 홍창기 기자", "byline"],
    ["홍길동 특파원", "byline"],
    ["![엔비디아 H200](https://img.example.com/2025/12/10/a.jpg)", "image-link"],
    ["▲젠슨 황 CEO가 연설하고 있다. (라스베이거스(미국)/로이터연합뉴스)", "photo-caption"],
    ["젠슨 황 CEO가 연설하고 있다. /로이터=연합뉴스", "photo-caption"],
    ["16일 젠슨 황 CEO가 베이징에서 연설했다. /AFP", "photo-caption"],
    ["로이터 자료사진. 로이터 연합뉴스", "photo-caption"],
    ["46500 홍준표는 왜 정계 은퇴에 더해 ‘탈당’까지 할까 랭크뉴스 2025.05.01", "board-row"],
    ["한겨레", "lone-name"],
  ])("removes %j as %s", (line, rule) => {
    expect(ruleFor(line)).toBe(rule);
  });

  it("removes a line repeated on the next line as a photo caption", () => {
    const caption = "젠슨 황 엔비디아 CEO가 베이징 박람회에 참석했다.";
    const page = cleanPage(`${BODY}\n${caption}\n${caption}\n\n${BODY.replace("H20", "H200")}`);
    expect(page.paragraphs).toEqual([BODY, BODY.replace("H20", "H200")]);
    expect(page.removed.map((r) => r.rule)).toEqual(["photo-caption", "photo-caption"]);
  });

  it("takes a first line without a final period as the headline and keeps the deck lines under it", () => {
    const page = cleanPage(`H20 수출 승인\n젠슨 황, 판매 재개 위해 총력전\n\n${BODY}`);
    expect(page.headline).toBe("H20 수출 승인");
    expect(page.paragraphs).toEqual(["젠슨 황, 판매 재개 위해 총력전", BODY]);
  });

  it("keeps a first line that is a sentence as body, with no headline", () => {
    const page = cleanPage(`${BODY}\n\n![사진](https://img.example.com/a.jpg)`);
    expect(page.headline).toBeNull();
    expect(page.paragraphs).toEqual([BODY]);
  });

  it("drops a portal's auto-summary: the lines above its font-size widget", () => {
    const page = cleanPage(`H20 수출 승인\n요약 문장 하나다.\n요약 문장 둘이다.\n이 글자크기로 변경됩니다.\n\n${BODY}`);
    expect(page.paragraphs).toEqual([BODY]);
    expect(page.removed.map((r) => r.rule)).toEqual(["headline", "portal-summary", "portal-summary", "portal-widget"]);
  });

  it("drops lists of other headlines after the body but keeps body paragraphs after a related-articles box", () => {
    const later = "러트닉 장관은 네 번째로 좋은 제품은 괜찮다고 말했다.";
    const page = cleanPage(`${BODY}\n\n관련기사\n- 다른 기사 제목\n• 또 다른 기사 제목\n\n${later}\n\n주요 뉴스\n- 딴 기사`);
    expect(page.paragraphs).toEqual([BODY, later]);
    expect(page.removed.map((r) => r.rule)).toEqual([
      "section-heading",
      "after-body-list",
      "after-body-list",
      "section-heading",
      "after-body-list",
    ]);
  });

  it("keeps list lines that come before the body ends", () => {
    const page = cleanPage(`${BODY}\n- 첫째 조건\n- 둘째 조건\n\n홍길동 기자\n- 다른 기사`);
    expect(page.paragraphs).toEqual([BODY, "- 첫째 조건", "- 둘째 조건"]);
  });

  it("cleans a synthetic page and records each removed line", () => {
    const page = cleanPage(SYNTHETIC_PAGE);
    expect(page.headline).toBe("엔비디아, 사우디에 AI 칩 대량 공급 합의");
    expect(page.paragraphs).toEqual(SYNTHETIC_BODY);
    expect(page.removed[0]).toEqual({ line: 1, text: "엔비디아, 사우디에 AI 칩 대량 공급 합의", rule: "headline" });
  });

  it.each([
    [BODY, true],
    ["중동 국가별 수출 허가 조건 붙어", false],
    ["- 목록의 한 줄은 문장이어도 본문이 아니다.", false],
    ["짧다.", false],
  ])("isBodyLike(%j) is %s", (line, expected) => {
    expect(isBodyLike(line)).toBe(expected);
  });
});
