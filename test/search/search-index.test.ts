import { describe, expect, it } from "vitest";
import { loadBase } from "../../bench/suite.ts";
import { buildSearchIndex, buildSearchIndexAsync } from "../../src/search/search-index.ts";
import { DATA_DIR } from "../helpers/engine.ts";

const data = await loadBase(DATA_DIR);

describe("search index", () => {
  it("groups the dated facts by each entity they name while building, in data order", async () => {
    const expected = new Map<string, string[]>();
    for (const f of data.facts) {
      if (!f.date) continue;
      for (const id of f.entities) expected.set(id, [...(expected.get(id) ?? []), f.id]);
    }
    for (const index of [buildSearchIndex(data), await buildSearchIndexAsync(data, { chunkSize: 7 })]) {
      const grouped = new Map([...index.datedFactsByEntity].map(([id, facts]) => [id, facts.map((f) => f.id)]));
      expect(grouped).toEqual(expected);
      expect(index.datedFactsByEntity.get("h20")?.length).toBeGreaterThan(3);
    }
  });
});
