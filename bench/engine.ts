// An Engine over an in-memory knowledge base: the real snapshot store and answer core,
// wired by src/answer/engine.ts's engineOver, with a loader that hands over the given data
// instead of reading a data directory.
import { engineOver, type FullEngine } from "../src/answer/engine.ts";
import type { SearchIndex } from "../src/answer/search-index.ts";
import type { KnowledgeData } from "../src/knowledge/parse.ts";
import { createKnowledgeStore } from "../src/knowledge/store.ts";

export type MemoryEngine = FullEngine;

/** Builds the first snapshot with `build`; every reload builds a new index of the same data. */
export async function createMemoryEngine(
  data: KnowledgeData,
  build: (data: KnowledgeData) => SearchIndex | Promise<SearchIndex>,
): Promise<MemoryEngine> {
  const store = await createKnowledgeStore<SearchIndex>({
    load: async () => ({ data, errors: [], warnings: [] }),
    build,
  });
  return engineOver(store);
}
