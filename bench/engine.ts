// An Engine over an in-memory knowledge base: the real snapshot store and answer core,
// wired by src/answer/engine.ts's engineOver, with a first snapshot handed over from memory
// instead of read from a data directory. Without the answer cache.
import { engineOver, type FullEngine } from "../src/answer/engine.ts";
import { prepareInWorker, type PrepareHooks } from "../src/answer/prepare.ts";
import type { SearchIndex } from "../src/answer/search-index.ts";
import type { KnowledgeData } from "../src/knowledge/parse.ts";
import { createKnowledgeStore } from "../src/knowledge/store.ts";

export type MemoryEngine = FullEngine;

/**
 * Serves `data` with the index `build` makes of it. Every reload loads the data directory
 * `reloadDir` the way the engine does (a worker thread parses and indexes it), or hands over
 * `data` again when none is given.
 */
export async function createMemoryEngine(
  data: KnowledgeData,
  build: (data: KnowledgeData) => SearchIndex | Promise<SearchIndex>,
  reloadDir?: string,
  hooks?: PrepareHooks & { onLoaded?: () => void },
): Promise<MemoryEngine> {
  const store = await createKnowledgeStore<SearchIndex>({
    load: async (current) => {
      if (!current || !reloadDir) return { data, errors: [], warnings: [] };
      const loaded = await prepareInWorker(reloadDir, hooks);
      hooks?.onLoaded?.();
      return loaded;
    },
    build,
  });
  // Every question is answered afresh: the bench asks its questions more than once, and the
  // answers kept for repeated questions would measure a lookup instead of an answer.
  return engineOver(store, 0);
}
