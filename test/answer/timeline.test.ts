import { describe, expect, it } from "vitest";
import { TIMELINE_LIMIT } from "../../src/answer/timeline.ts";
import { dateKey } from "../../src/knowledge/dates.ts";
import { quoteOccursIn } from "../../src/knowledge/text.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const data = engine.store.current().data;
const body = (id: string) => data.articles.find((a) => a.id === id)!.body;

describe("timeline", () => {
  it("lists the key events in date order, within the limit, with a hint to narrow", () => {
    const t = engine.timeline(null, "en");
    expect(t.entries.length).toBeGreaterThan(5);
    expect(t.entries.length).toBeLessThanOrEqual(TIMELINE_LIMIT);
    const keys = t.entries.map((e) => dateKey(e.date));
    expect(keys).toEqual([...keys].sort());
    expect(t.hint).toMatch(/\/timeline/);
  });

  it.each([
    ["H20", "h20", "en"],
    ["H200", "h200", "en"],
    ["희토류", "rare-earths", "ko"],
    ["Huawei", "huawei", "en"],
    ["AI 확산 프레임워크", "ai-diffusion-framework", "ko"],
  ])("matches the topic %j with the question analysis", (topic, entity, lang) => {
    const t = engine.timeline(topic, "en");
    expect(t.lang).toBe(lang);
    expect(t.entries.length).toBeGreaterThan(0);
    for (const e of t.entries) {
      const fact = data.facts.find((f) => f.id === e.factId)!;
      expect(fact.entities).toContain(entity);
      expect(quoteOccursIn(e.citation.quote, body(e.citation.articleId))).toBe(true);
    }
  });

  it("keeps each event's date precision and approximation", () => {
    const t = engine.timeline("H20", "en");
    const lic = t.entries.find((e) => e.factId === "why-trump-allowed-h20-25");
    expect(lic).toMatchObject({ date: "2025-04", precision: "month", approximate: true, when: "around April 2025" });
    const cctv = t.entries.find((e) => e.factId === "us-approves-h20-exports-05");
    expect(cctv).toMatchObject({ date: "2025-07-18", precision: "day", approximate: false, when: "July 18, 2025" });
  });

  it("writes the claims in the topic's language", () => {
    expect(engine.timeline("희토류", "en").entries[0]?.text).toMatch(/[\uAC00-\uD7A3]/u);
    expect(engine.timeline("rare earths", "ko").entries[0]?.text).not.toMatch(/[\uAC00-\uD7A3]/u);
  });

  it("says so when a topic has no dated events", () => {
    const t = engine.timeline("kimchi recipes", "en");
    expect(t.entries).toEqual([]);
    expect(t.hint).toMatch(/No dated events/);
  });
});

describe("relative dates in the bundled facts", () => {
  const monthOf = (d: string | null) => (d && d.length >= 7 ? Number(d.slice(5, 7)) : null);
  it("resolves \"지난 N월\" against the article's date", () => {
    const checked = data.facts.filter((f) => /지난\s?(\d{1,2})월/u.test(f.quote) && !/지난\s?\d{1,2}월.*지난\s?\d{1,2}월/u.test(f.quote));
    expect(checked.length).toBeGreaterThan(0);
    for (const f of checked) {
      const n = Number(/지난\s?(\d{1,2})월/u.exec(f.quote)![1]);
      if (monthOf(f.date) === null) continue;
      const article = data.articles.find((a) => a.id === f.article)!;
      const year = Number(article.publishedAt.slice(0, 4)) - (n > Number(article.publishedAt.slice(5, 7)) ? 1 : 0);
      expect(f.date!.startsWith(`${year}-${String(n).padStart(2, "0")}`) || f.date!.startsWith(String(year)), f.id).toBe(true);
    }
  });

  it("resolves a bare day (\"18일\") in the article's month", () => {
    const cctv = data.facts.find((f) => f.id === "us-approves-h20-exports-05")!;
    expect(cctv.quote).toMatch(/^18일/u);
    expect(cctv.date).toBe("2025-07-18");
  });
});
