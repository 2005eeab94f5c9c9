// The knowledge base that ships in data/: it loads cleanly and holds only article text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { normalizeSpace, quoteOccursIn } from "../../src/knowledge/text.ts";

const DATA = join(import.meta.dirname, "..", "..", "data");
const result = await loadKnowledge(DATA);
const data = result.data!;

describe("bundled data", () => {
  it("loads with no errors", () => {
    expect(result.errors).toEqual([]);
    expect(data.articles).toHaveLength(5);
  });

  it.each(data.articles.map((a) => [a.id, a] as const))("%s has 10–25 facts with verbatim quotes", (id, article) => {
    const facts = data.facts.filter((f) => f.article === id);
    expect(facts.length).toBeGreaterThanOrEqual(10);
    expect(facts.length).toBeLessThanOrEqual(25);
    for (const f of facts) expect(quoteOccursIn(f.quote, article.body), f.id).toBe(true);
  });

  it.each(data.articles.map((a) => [a.id, a] as const))("%s body is the raw page's own text, free of page furniture", (_id, article) => {
    const raw = normalizeSpace(readFileSync(join(DATA, "raw", article.raw!), "utf8"));
    for (const para of article.body.split(/\n\s*\n/u)) expect(raw.includes(normalizeSpace(para)), para).toBe(true);
    for (const furniture of ["비트코인", "암호화폐", "좋아요", "화나요", "기사 듣기", "가장작게", "저작권자", "Copyright", "무단전재", "관련기사", "주요 뉴스", "랭크뉴스", "▲", "newsimg", "글자크기", "메뉴 건너뛰기", "@"]) {
      expect(article.body, furniture).not.toContain(furniture);
    }
  });

  it("gives every article its metadata, marking inferred dates approximate", () => {
    for (const a of data.articles) {
      expect(a.outlet.length).toBeGreaterThan(0);
      expect(a.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (!a.raw) continue;
      const raw = readFileSync(join(DATA, "raw", a.raw), "utf8");
      if (!raw.includes(`입력 ${a.publishedAt}`)) expect(a.dateApproximate, a.id).toBe(true);
    }
  });
});
