import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultArticleId, draftImport, ImportError } from "../../../src/knowledge/import/draft.ts";
import { importPage } from "../../../src/knowledge/import/import.ts";
import { loadKnowledge } from "../../../src/knowledge/load.ts";
import { quoteOccursIn } from "../../../src/knowledge/text.ts";
import { ARTICLES, KB, snapshot, SYNTHETIC_BODY, SYNTHETIC_PAGE, tempWorkspace } from "./pages.ts";

const TODAY = "2026-03-01";
let ws: Awaited<ReturnType<typeof tempWorkspace>>;

beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(async () => {
  await rm(ws.root, { recursive: true, force: true });
});

async function writePage(name: string, text: string): Promise<string> {
  const path = join(ws.pagesDir, name);
  await writeFile(path, text, "utf8");
  return path;
}

describe("importPage", () => {
  it("refuses a page already in the knowledge base, naming the article, and writes nothing", async () => {
    const page = ARTICLES.find((a) => a.article.id === "china-approves-h200-imports");
    const rawPath = page?.rawPath ?? "";
    const before = await snapshot(ws.dataDir);
    const run = importPage(rawPath, { dataDir: ws.dataDir, outlet: "이투데이", today: TODAY });
    await expect(run).rejects.toThrow(ImportError);
    await expect(importPage(rawPath, { dataDir: ws.dataDir, outlet: "이투데이", today: TODAY })).rejects.toThrow(
      `import: ${rawPath}: the page's text is already in the knowledge base as article "china-approves-h200-imports" ` +
        `(data/articles/china-approves-h200-imports.md); not importing`,
    );
    expect(await snapshot(ws.dataDir)).toEqual(before);
  });

  it.each(ARTICLES.map((a) => [a.article.id, a] as const))("refuses to import the raw page of %s again", async (id, { rawPath }) => {
    await expect(importPage(rawPath, { dataDir: ws.dataDir, outlet: "X", today: TODAY })).rejects.toThrow(`as article "${id}"`);
  });

  it("refuses a page whose paragraphs mostly occur in one existing article", async () => {
    const article = KB.articles.find((a) => a.id === "china-approves-h200-imports");
    const paras = (article?.body ?? "").split(/\n\s*\n/u);
    paras[paras.length - 1] = "엔비디아는 중국 고객에게 추가 물량을 배정하겠다고 밝혔다.";
    const path = await writePage("etoday-h200-update.txt", `중국, H200 추가 승인\n\n${paras.join("\n\n")}\n`);
    const before = await snapshot(ws.dataDir);
    await expect(importPage(path, { dataDir: ws.dataDir, outlet: "이투데이", today: TODAY })).rejects.toThrow(
      `import: ${path}: ${paras.length - 1} of ${paras.length} paragraphs are already in the knowledge base as article ` +
        `"china-approves-h200-imports" (data/articles/china-approves-h200-imports.md); not importing`,
    );
    expect(await snapshot(ws.dataDir)).toEqual(before);
  });

  it("imports a fresh page as a candidate article with candidate facts that load at once", async () => {
    const path = await writePage("testeconomy-saudi.txt", SYNTHETIC_PAGE);
    const result = await importPage(path, { dataDir: ws.dataDir, url: "https://news.example.com/1", today: TODAY });
    expect(result.draft.id).toBe("2025-05-14-ai");
    expect(result.written).toEqual([
      "data/raw/testeconomy-saudi.txt",
      "data/articles/2025-05-14-ai.md",
      "data/facts/2025-05-14-ai.yaml",
    ]);
    expect(await readFile(join(ws.dataDir, "raw", "testeconomy-saudi.txt"), "utf8")).toBe(SYNTHETIC_PAGE);

    const loaded = await loadKnowledge(ws.dataDir);
    expect(loaded.errors).toEqual([]);
    const article = loaded.data?.articles.find((a) => a.id === "2025-05-14-ai");
    expect(article).toMatchObject({
      title: "엔비디아, 사우디에 AI 칩 대량 공급 합의",
      titleInferred: false,
      outlet: "테스트경제",
      publishedAt: "2025-05-14",
      dateApproximate: false,
      author: "홍길동",
      url: "https://news.example.com/1",
      language: "ko",
      raw: "testeconomy-saudi.txt",
      status: "candidate",
      edits: [],
    });
    expect(article?.notes.at(-1)).toBe("Imported by kb import; review metadata and facts, then set status: curated.");
    expect(article?.body).toBe(SYNTHETIC_BODY.join("\n\n"));

    const facts = loaded.data?.facts.filter((f) => f.article === "2025-05-14-ai") ?? [];
    expect(facts.map((f) => f.id)).toEqual(["2025-05-14-ai-01", "2025-05-14-ai-02", "2025-05-14-ai-03", "2025-05-14-ai-04"]);
    for (const f of facts) {
      expect(f.status).toBe("candidate");
      expect(f.claim.en).toBeUndefined();
      expect(f.entities.length).toBeGreaterThan(0);
      expect(quoteOccursIn(f.quote, article?.body ?? ""), f.id).toBe(true);
    }
    expect(facts.map((f) => f.date)).toEqual([null, null, "2025-05-13", null]);
    expect(facts[0]?.entities).toEqual(expect.arrayContaining(["nvidia", "reuters"]));
  });

  it("refuses a page that never names its outlet until --outlet is given", async () => {
    const page = SYNTHETIC_PAGE.replace(/^저작권자.*$/mu, "").replace("홍길동 기자 hong@example.com", "");
    const path = await writePage("no-outlet.txt", page);
    await expect(importPage(path, { dataDir: ws.dataDir, today: TODAY })).rejects.toThrow(
      `import: ${path}: the page never names its outlet; pass --outlet`,
    );
    const result = await importPage(path, { dataDir: ws.dataDir, outlet: "테스트경제", today: TODAY });
    expect(result.draft.meta.outlet).toBe("테스트경제");
  });

  it("refuses an id that is taken and writes nothing", async () => {
    const path = await writePage("fresh.txt", SYNTHETIC_PAGE);
    const before = await snapshot(ws.dataDir);
    await expect(importPage(path, { dataDir: ws.dataDir, id: "why-trump-allowed-h20", today: TODAY })).rejects.toThrow(
      `import: ${path}: article id "why-trump-allowed-h20" is taken (data/articles/why-trump-allowed-h20.md); pass --id`,
    );
    expect(await snapshot(ws.dataDir)).toEqual(before);
  });

  it("refuses to overwrite a different raw page of the same name", async () => {
    const clash = await writePage(ARTICLES[0]?.article.raw ?? "", SYNTHETIC_PAGE);
    const before = await snapshot(ws.dataDir);
    await expect(importPage(clash, { dataDir: ws.dataDir, today: TODAY })).rejects.toThrow(
      `import: ${clash}: data/raw/${ARTICLES[0]?.article.raw} already exists with other content; rename the page`,
    );
    expect(await snapshot(ws.dataDir)).toEqual(before);
  });

  it("keeps a raw page already saved in data/raw/ instead of copying it", async () => {
    await writeFile(join(ws.dataDir, "raw", "saved.txt"), SYNTHETIC_PAGE, "utf8");
    const result = await importPage(join(ws.dataDir, "raw", "saved.txt"), { dataDir: ws.dataDir, today: TODAY });
    expect(result.rawReused).toBe(true);
    expect(result.written).toEqual(["data/articles/2025-05-14-ai.md", "data/facts/2025-05-14-ai.yaml"]);
  });

  it("refuses to import into a knowledge base that has errors", async () => {
    await writeFile(join(ws.dataDir, "facts", "ghost.yaml"), "article: ghost\nfacts: []\n", "utf8");
    const path = await writePage("fresh.txt", SYNTHETIC_PAGE);
    await expect(importPage(path, { dataDir: ws.dataDir, today: TODAY })).rejects.toThrow(
      "import: data: the knowledge base has 1 error(s); fix them first (npm run kb -- check)",
    );
  });

  it("names an unreadable page", async () => {
    const path = join(ws.pagesDir, "missing.txt");
    await expect(importPage(path, { dataDir: ws.dataDir, today: TODAY })).rejects.toThrow(`import: ${path}: cannot read: ENOENT`);
  });
});

describe("draftImport", () => {
  const input = (options = {}) => ({
    source: "page.txt",
    rawName: "page.txt",
    rawText: SYNTHETIC_PAGE,
    options,
    articles: KB.articles,
    terms: KB.terms,
    today: TODAY,
  });

  it.each([
    [{ date: "2025-02-30" }, 'import: --date "2025-02-30": must be a date written YYYY-MM-DD'],
    [{ id: "Saudi Deal" }, 'import: --id "Saudi Deal": must be lowercase words joined by hyphens (e.g. h20-exports)'],
    [{ url: "news.example.com" }, 'import: --url "news.example.com": must be a URL such as https://example.com/news/1'],
  ])("refuses the options %j", (options, message) => {
    expect(() => draftImport(input(options))).toThrow(message);
  });

  it("refuses a page with no text left once furniture is removed", () => {
    expect(() => draftImport({ ...input(), rawText: "메뉴 건너뛰기\n\n저작권자 © 테스트경제 무단전재 및 재배포 금지\n" })).toThrow(
      "import: page.txt: no article text is left once page furniture is removed",
    );
  });

  it("renders the front matter and facts the loader reads", () => {
    const draft = draftImport(input({ id: "saudi-deal" }));
    expect(draft.articleText).toMatch(/^---\nid: saudi-deal\ntitle: 엔비디아, 사우디에 AI 칩 대량 공급 합의\n/u);
    expect(draft.articleText).toContain('publishedAt: "2025-05-14"\n');
    expect(draft.articleText).toContain("status: candidate\n---\n\n중동 국가별 수출 허가 조건 붙어\n\n엔비디아가");
    expect(draft.factsText).toMatch(/^article: saudi-deal\nfacts:\n {2}- id: saudi-deal-01\n {4}status: candidate\n/u);
    expect(draft.factsText).toMatch(/\n {4}entities: \[[a-z0-9-]+(?:, [a-z0-9-]+)*\]\n/u);
  });
});

describe("defaultArticleId", () => {
  it.each([
    ["2026-01-28", "“중국, 엔비디아 ‘H200’ 첫 수입 승인”…AI 수요·자립 사이 균형 모색", "2026-01-28-h200-ai"],
    ["2025-07-18", "미·중 무역협상으로 H20 대중 수출 승인", "2025-07-18-h20"],
    ["2025-07-18", "트럼프 정부 속내는", "article-2025-07-18-"],
  ])("gives %s %j the id %s…", (date, title, id) => {
    expect(defaultArticleId(date, title, "본문")).toMatch(new RegExp(`^${id}${id.endsWith("-") ? "[0-9a-f]{6}$" : "$"}`, "u"));
  });
});
