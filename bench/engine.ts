// An Engine over an in-memory knowledge base: the real snapshot store and answer core, wired
// as src/answer/engine.ts wires them, with a loader that hands over the given data instead
// of reading a data directory.
import { answer } from "../src/answer/answer.ts";
import { sourcesOf, usageOf } from "../src/answer/engine.ts";
import type { Engine } from "../src/answer/engine-types.ts";
import { groupGaps } from "../src/answer/gaps.ts";
import type { SearchIndex } from "../src/answer/search-index.ts";
import { buildTimeline } from "../src/answer/timeline.ts";
import type { KnowledgeData } from "../src/knowledge/parse.ts";
import { createKnowledgeStore, type KnowledgeStore } from "../src/knowledge/store.ts";

export interface MemoryEngine extends Engine {
  store: KnowledgeStore<SearchIndex>;
}

/** Builds the first snapshot with `build`; every reload builds a new index of the same data. */
export async function createMemoryEngine(
  data: KnowledgeData,
  build: (data: KnowledgeData) => SearchIndex | Promise<SearchIndex>,
): Promise<MemoryEngine> {
  const store = await createKnowledgeStore<SearchIndex>({
    load: async () => ({ data, errors: [], warnings: [] }),
    build,
  });
  return {
    store,
    ask(question) {
      const snap = store.current();
      return answer(question, { index: snap.index, version: snap.data.version });
    },
    timeline: (topic, lang) => buildTimeline(topic, store.current().index, lang),
    reload: (actor) => store.reload(actor),
    rollback: (actor) => store.rollback(actor),
    gaps: (records, options) => groupGaps(records, store.current().index.glossary, options),
    status: () => store.status(),
    sources: () => sourcesOf(store.current().data),
    usage: (lang) => usageOf(store.current().data, lang),
  };
}
