import { describe, expect, it } from "vitest";
import { cleanPage } from "../../../src/knowledge/import/clean.ts";
import {
  authorFromByline,
  detectLanguage,
  extractMetadata,
  outletFromByline,
  outletFromCopyright,
  REVIEW_NOTE,
  type MetadataOptions,
} from "../../../src/knowledge/import/metadata.ts";
import { ARTICLES, SYNTHETIC_PAGE } from "./pages.ts";

const TODAY = "2026-03-01";

function metaOf(id: string, options: MetadataOptions = {}) {
  const page = ARTICLES.find((a) => a.article.id === id);
  if (!page) throw new Error(`no bundled article ${id}`);
  return extractMetadata(page.raw, cleanPage(page.raw), options, TODAY);
}

describe("extractMetadata on the bundled raw pages", () => {
  it.each([
    // id, outlet, publishedAt, dateApproximate, author, titleInferred
    ["china-approves-h200-imports", null, "2026-01-28", false, null, false],
    ["us-approves-h20-exports", "여성경제신문", TODAY, true, "김성하", false],
    ["huawei-behind-h200-decision", null, "2025-12-10", true, null, true],
    ["why-trump-allowed-h20", "파이낸셜뉴스", TODAY, true, "홍창기", false],
    ["ai-diffusion-tiers-scrapped", "한겨레", "2025-05-01", true, null, true],
  ] as const)("reads %s: outlet %s, date %s (approximate: %s), author %s", (id, outlet, date, approximate, author, titleInferred) => {
    const meta = metaOf(id);
    expect(meta).toMatchObject({ outlet, publishedAt: date, dateApproximate: approximate, author, titleInferred, url: null, language: "ko" });
  });

  it("agrees with the curated metadata wherever the page states it", () => {
    for (const { article } of ARTICLES) {
      const meta = metaOf(article.id, {});
      if (!article.titleInferred) expect(meta.title, article.id).toBe(article.title);
      if (meta.outlet !== null) expect(meta.outlet, article.id).toBe(article.outlet);
      if (!meta.dateApproximate) expect(meta.publishedAt, article.id).toBe(article.publishedAt);
      expect(meta.author, article.id).toBe(article.author);
    }
  });

  it("says in the notes where each field came from and ends with the review note", () => {
    expect(metaOf("why-trump-allowed-h20").notes).toEqual([
      "Title is the page's headline line.",
      "Outlet is from the copyright line (Copyright © 파이낸셜뉴스. 무단전재 및 재배포 금지.).",
      `The page gives no date at all; publishedAt is the day of import (${TODAY}). Set the real date.`,
      "Author is from the dateline 【실리콘밸리=홍창기 특파원】.",
      "No URL was given (--url); add the page's address if known.",
      "Language is ko, as Hangul dominates the body.",
      REVIEW_NOTE,
    ]);
    expect(metaOf("china-approves-h200-imports").notes.slice(1, 3)).toEqual([
      "The page never names its outlet.",
      "Date is from the page's 입력 line (입력 2026-01-28 16:49).",
    ]);
    expect(metaOf("huawei-behind-h200-decision").notes[2]).toBe(
      "The page gives no publication date; publishedAt is the latest full date in the page (2025/12/10), so it is approximate. Check it.",
    );
  });

  it("gives a page without a headline a placeholder title from its first sentence", () => {
    expect(metaOf("ai-diffusion-tiers-scrapped").title).toBe("트럼프 행정부가 미국산 인공지능(AI) 반도체 수출 제한 시스템을 현행…");
  });

  it("lets --outlet, --date and --url win over the page and marks the date exact", () => {
    const meta = metaOf("us-approves-h20-exports", { outlet: "여성경제", date: "2025-07-18", url: "https://example.com/a" });
    expect(meta).toMatchObject({ outlet: "여성경제", publishedAt: "2025-07-18", dateApproximate: false, url: "https://example.com/a" });
    expect(meta.notes).toContain("Outlet is from --outlet (the page says 여성경제신문).");
    expect(meta.notes).toContain("Date is from --date.");
  });

  it("reads a synthetic page's headline, 입력 date, byline and copyright", () => {
    const meta = extractMetadata(SYNTHETIC_PAGE, cleanPage(SYNTHETIC_PAGE), {}, TODAY);
    expect(meta).toMatchObject({
      title: "엔비디아, 사우디에 AI 칩 대량 공급 합의",
      titleInferred: false,
      outlet: "테스트경제",
      publishedAt: "2025-05-14",
      dateApproximate: false,
      author: "홍길동",
    });
  });

  it("ignores dates later than today when guessing the publication date", () => {
    const raw = "엔비디아가 새 칩을 발표했다고 밝혔다.\n\n다음 행사는 2027.01.05 열린다.\n\n지난 행사는 2025.11.02 열렸다.";
    const meta = extractMetadata(raw, cleanPage(raw), {}, TODAY);
    expect(meta).toMatchObject({ publishedAt: "2025-11-02", dateApproximate: true });
  });
});

describe("metadata helpers", () => {
  it.each([
    ["저작권자 © 여성경제신문 무단전재 및 재배포 금지", "여성경제신문"],
    ["Copyright © 파이낸셜뉴스. 무단전재 및 재배포 금지.", "파이낸셜뉴스"],
    ["Copyright ⓒ 2025 Yonhap News Agency. All rights reserved.", "Yonhap News Agency"],
    ["무단전재 및 재배포 금지", null],
  ])("outletFromCopyright(%j) is %j", (line, outlet) => {
    expect(outletFromCopyright(line)).toBe(outlet);
  });

  it.each([
    ["여성경제신문 김성하 기자 lysf@seoulmedia.co.kr", "여성경제신문", "김성하"],
    ["theveryfirst@fnnews.com 홍창기 기자", null, "홍창기"],
    ["【실리콘밸리=홍창기 특파원】", null, "홍창기"],
  ])("reads the byline %j as outlet %j, author %j", (line, outlet, author) => {
    expect(outletFromByline(line)).toBe(outlet);
    expect(authorFromByline(line)).toBe(author);
  });

  it.each([
    ["미국 정부가 H20 수출을 승인했다.", "ko"],
    ["The US approved H20 exports to China.", "en"],
  ] as const)("detectLanguage(%j) is %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});
