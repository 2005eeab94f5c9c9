// An Engine over an in-memory knowledge base: the real snapshot store and answer core,
// wired by src/answer/engine.ts's engineOver, with a loader that hands over the given data
// (or parses given data files) instead of reading a data directory. Without the answer cache.
import { engineOver, type FullEngine } from "../src/answer/engine.ts";
import type { SearchIndex } from "../src/answer/search-index.ts";
import { parseKnowledgeAsync, type DataFiles, type KnowledgeData } from "../src/knowledge/parse.ts";
import { createKnowledgeStore } from "../src/knowledge/store.ts";

export type MemoryEngine = FullEngine;

/**
 * Builds the first snapshot of `data` with `build`. Every reload parses `reloadFiles` with
 * the real parser (as the loader does once it has read a data directory), or hands over
 * `data` again when none are given.
 */
export async function createMemoryEngine(
  data: KnowledgeData,
  build: (data: KnowledgeData) => SearchIndex | Promise<SearchIndex>,
  reloadFiles?: DataFiles,
): Promise<MemoryEngine> {
  let first = true;
  const store = await createKnowledgeStore<SearchIndex>({
    load: async () => {
      if (first || !reloadFiles) {
        first = false;
        return { data, errors: [], warnings: [] };
      }
      return parseKnowledgeAsync(reloadFiles);
    },
    build,
  });
  // Every question is answered afresh: the bench asks its questions more than once, and the
  // answers kept for repeated questions would measure a lookup instead of an answer.
  return engineOver(store, 0);
}
