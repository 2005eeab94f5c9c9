// `npm run kb -- import`, run as an admin runs it, against a temp copy of data/.
import { spawnSync } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ARTICLES, snapshot, SYNTHETIC_PAGE, tempWorkspace } from "./pages.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
let ws: Awaited<ReturnType<typeof tempWorkspace>>;
const kb = (args: string[]) =>
  spawnSync(TSX, [join(ROOT, "src/cli/kb.ts"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATA_DIR: ws.dataDir } });

beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(async () => {
  await rm(ws.root, { recursive: true, force: true });
});

describe("npm run kb -- import", () => {
  it("writes the draft, lists what it did and prints the kb check summary", async () => {
    const page = join(ws.pagesDir, "saudi.txt");
    await writeFile(page, SYNTHETIC_PAGE, "utf8");
    const r = kb(["import", page, "--id", "saudi-deal", "--url", "https://news.example.com/1"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`import: ${page}: drafted article "saudi-deal": 4 paragraphs, 4 candidate facts; removed `);
    expect(r.stdout).toContain("wrote data/raw/saudi.txt\nwrote data/articles/saudi-deal.md\nwrote data/facts/saudi-deal.yaml\n");
    expect(r.stdout).toMatch(/\nok: version [0-9a-f]{12}: \d+ articles, \d+ facts \(\d+ candidates awaiting review\)/u);
  });

  it("exits 1 with the reason and writes nothing when the page is already imported", async () => {
    const before = await snapshot(ws.dataDir);
    const raw = ARTICLES.find((a) => a.article.id === "china-approves-h200-imports")?.rawPath ?? "";
    const r = kb(["import", raw]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`import: ${raw}: the page's text is already in the knowledge base as article "china-approves-h200-imports"`);
    expect(await snapshot(ws.dataDir)).toEqual(before);
  });

  it.each([[["import"]], [["import", "a.txt", "b.txt"]], [["import", "a.txt", "--bogus"]]])("exits 2 with usage for %j", (args) => {
    const r = kb(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: npm run kb -- check\n       npm run kb -- import <raw-page.txt>");
  });
});
