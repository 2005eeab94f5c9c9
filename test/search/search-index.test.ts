import { describe, expect, it } from "vitest";
import { loadBase } from "../../bench/suite.ts";
import { compareDatedFacts } from "../../src/knowledge/dates.ts";
import { buildSearchIndex, buildSearchIndexAsync } from "../../src/search/search-index.ts";
import { DATA_DIR } from "../helpers/engine.ts";

const data = await loadBase(DATA_DIR);

describe("search index", () => {
  it("groups the dated facts by each entity they name while building, in time order and of equals in data order", async () => {
    const expected = new Map<string, string[]>();
    // Sorted by hand (no sort call): each fact goes after every fact it does not precede.
    for (const f of data.facts) {
      if (!f.date) continue;
      for (const id of f.entities) {
        const ids = expected.get(id) ?? [];
        const facts = ids.map((x) => data.facts.find((g) => g.id === x)!);
        let at = facts.length;
        while (at > 0 && compareDatedFacts(facts[at - 1]!, f) > 0) at--;
        ids.splice(at, 0, f.id);
        expected.set(id, ids);
      }
    }
    for (const index of [buildSearchIndex(data), await buildSearchIndexAsync(data, { chunkSize: 7 })]) {
      const grouped = new Map([...index.datedFactsByEntity].map(([id, facts]) => [id, facts.map((f) => f.id)]));
      expect(grouped).toEqual(expected);
      const h20 = index.datedFactsByEntity.get("h20") ?? [];
      expect(h20.length).toBeGreaterThan(3);
      // The real data holds several dates per subject, so the order is not data order.
      expect(new Set(h20.map((f) => f.date)).size).toBeGreaterThan(1);
    }
  });
});
