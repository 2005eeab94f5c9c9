// The bundled articles with their raw pages, a temp copy of data/ to import into, and a
// synthetic news page with furniture around a short body.
import { cp, mkdir, readdir, readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledge } from "../../../src/knowledge/load.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

export const DATA = join(import.meta.dirname, "..", "..", "..", "data");

const bundled = await loadKnowledge(DATA);
if (!bundled.data) throw new Error(`test: data/ does not load: ${JSON.stringify(bundled.errors)}`);
export const KB = bundled.data;

/** Every bundled article cleaned from a raw page, with that page's text. */
export const ARTICLES = KB.articles
  .filter((a) => a.raw !== null)
  .map((a) => ({ article: a, rawPath: join(DATA, "raw", a.raw ?? ""), raw: readFileSync(join(DATA, "raw", a.raw ?? ""), "utf8") }));

/** Paragraphs of a body, trimmed, as the curated files separate them. */
export function paragraphsOf(body: string): string[] {
  return body
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** A fresh temp dir holding `data/` (a copy of the bundled data) and an empty `pages/`. */
export async function tempWorkspace(): Promise<{ root: string; dataDir: string; pagesDir: string }> {
  const root = await tempDir("import");
  const dataDir = join(root, "data");
  await cp(DATA, dataDir, { recursive: true });
  const pagesDir = join(root, "pages");
  await mkdir(pagesDir);
  return { root, dataDir, pagesDir };
}

/** Every file under a directory with its content, to show that nothing was written. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = await readFile(path, "utf8");
  }
  return out;
}

/** A Korean news page as a scraper saves it: headline, widgets, caption, body, byline, lists. */
export const SYNTHETIC_PAGE = `엔비디아, 사우디에 AI 칩 대량 공급 합의

입력 2025-05-14 09:30

기사 듣기
00:00 /
  • 가장작게
  • 크게

중동 국가별 수출 허가 조건 붙어

▲젠슨 황 엔비디아 CEO가 리야드에서 연설하고 있다. /AFP
엔비디아가 사우디아라비아에 AI 칩 1만8000개를 공급하기로 합의했다고 로이터통신이 13일(현지시간) 보도했다.

이번 합의는 트럼프 대통령의 중동 순방 기간에 발표됐다. 미국 상무부는 2025년 5월 13일 수출 허가 조건을 공개했다.

업계에서는 중국으로의 우회 수출을 막는 장치가 핵심이라고 본다.

홍길동 기자 hong@example.com

  • 좋아요3
  • 화나요0

주요 뉴스

  • 다른 기사 제목 하나
  • 다른 기사 제목 둘

저작권자 © 테스트경제 무단전재 및 재배포 금지
`;

export const SYNTHETIC_BODY = [
  "중동 국가별 수출 허가 조건 붙어",
  "엔비디아가 사우디아라비아에 AI 칩 1만8000개를 공급하기로 합의했다고 로이터통신이 13일(현지시간) 보도했다.",
  "이번 합의는 트럼프 대통령의 중동 순방 기간에 발표됐다. 미국 상무부는 2025년 5월 13일 수출 허가 조건을 공개했다.",
  "업계에서는 중국으로의 우회 수출을 막는 장치가 핵심이라고 본다.",
];
