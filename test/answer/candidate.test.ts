// A freshly imported article answers at once, before anyone has reviewed its facts.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/engine.ts";
import { importPage } from "../../src/knowledge/import/import.ts";
import { quoteOccursIn } from "../../src/knowledge/text.ts";
import { SYNTHETIC_PAGE, tempWorkspace } from "../knowledge/import/pages.ts";

describe("a candidate-only article", async () => {
  const { dataDir, pagesDir } = await tempWorkspace();
  const page = join(pagesDir, "saudi.txt");
  await writeFile(page, SYNTHETIC_PAGE);
  const { draft } = await importPage(page, { dataDir, today: "2025-05-14" });
  const engine = await createEngine({ dataDir });
  const body = engine.store.current().data.articles.find((a) => a.id === draft.id)!.body;

  it("answers a Korean question from its candidate facts", () => {
    const a = engine.ask("엔비디아가 사우디아라비아에 공급하기로 한 AI 칩은 몇 개야?");
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.articleId).toBe(draft.id);
    expect(a.text).toContain("1만8000개");
    expect(quoteOccursIn(a.citations[0]!.quote, body)).toBe(true);
  });

  it("answers an English question with the Korean quote, saying no English summary exists yet", () => {
    const a = engine.ask("What did the US Commerce Department disclose on May 13, 2025?");
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.articleId).toBe(draft.id);
    expect(a.text).toMatch(/^No English summary of this passage exists yet; the article \(테스트경제, 2025-05-14\) says in Korean: “/);
  });
});
