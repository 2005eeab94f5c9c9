// Building an index from the data: at once, or in chunks that yield to the event loop.
import type { KnowledgeData } from "../knowledge/parse.ts";
import { runSteps, yieldToLoop } from "../knowledge/steps.ts";
import { analyzedDocuments, type AnalyzedDoc, type IndexedDoc } from "./documents.ts";
import { SEGMENT_BITS, type Postings } from "./postings.ts";
import { PostingsBuilder } from "./postings-builder.ts";
import { startSnapshot, type SearchIndex } from "./snapshot.ts";

export interface BuildOptions {
  /**
   * buildSearchIndexAsync: most documents analyzed between two yields to the event loop.
   * Smaller chunks keep the loop more responsive and make the build a little slower.
   * Default 64 (about 10 ms of analysis on a 2-core server).
   */
  chunkSize?: number;
  /**
   * buildSearchIndexAsync: a chunk also ends after this many milliseconds, however many
   * documents it holds (long facts, a slow machine). Default 8.
   */
  sliceMs?: number;
  /** Documents per postings segment, as a power of two (1 to 16). Default 16; small values are for tests. */
  segmentBits?: number;
}

function startBuild(data: KnowledgeData, options: BuildOptions) {
  const segmentBits = options.segmentBits ?? SEGMENT_BITS;
  if (!Number.isInteger(segmentBits) || segmentBits < 1 || segmentBits > 16) {
    throw new Error(`search-index: segmentBits must be an integer from 1 to 16, got ${segmentBits}`);
  }
  const snapshot = startSnapshot(data);
  const docs: IndexedDoc[] = [];
  const builder = new PostingsBuilder(segmentBits);
  const add = (a: AnalyzedDoc) => {
    builder.add(a.fields);
    docs.push(a.doc);
  };
  const finish = ({ postings, df }: { postings: Postings; df: ReadonlyMap<string, number> }): SearchIndex =>
    snapshot.finish(docs, postings, df);
  return { setup: snapshot.setup, documents: analyzedDocuments(data, snapshot.glossary, snapshot.articles), add, finish, builder };
}

export function buildSearchIndex(data: KnowledgeData, options: Pick<BuildOptions, "segmentBits"> = {}): SearchIndex {
  const build = startBuild(data, options);
  runSteps(build.setup);
  for (const a of build.documents) build.add(a);
  return build.finish(runSteps(build.builder.finish()));
}

/**
 * Builds the same index as buildSearchIndex without holding the event loop: documents are
 * analyzed and indexed in chunks of at most `chunkSize` documents and `sliceMs`
 * milliseconds, a full segment's postings are sorted in blocks, with a yield (setImmediate)
 * after each step, so questions, heartbeats and acks keep being served while a large
 * knowledge base reloads.
 */
export async function buildSearchIndexAsync(data: KnowledgeData, options: BuildOptions = {}): Promise<SearchIndex> {
  const chunkSize = options.chunkSize ?? 64;
  const sliceMs = options.sliceMs ?? 8;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`search-index: chunkSize must be a positive integer, got ${chunkSize}`);
  if (!(sliceMs > 0)) throw new Error(`search-index: sliceMs must be a positive number, got ${sliceMs}`);
  // The setup (glossary, article and fact maps) is linear in the data but light.
  const build = startBuild(data, options);
  const closeSegment = async () => {
    for (const _ of build.builder.closeSegment()) await yieldToLoop();
    await yieldToLoop();
  };
  const finish = async () => {
    const steps = build.builder.finish();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return build.finish(step.value);
      await yieldToLoop();
    }
  };
  for (const _ of build.setup) await yieldToLoop();
  let inChunk = 0;
  let sliceStart = performance.now();
  for (const a of build.documents) {
    if (build.builder.segmentFull) await closeSegment();
    build.add(a);
    if (++inChunk === chunkSize || performance.now() - sliceStart >= sliceMs) {
      await yieldToLoop();
      inChunk = 0;
      sliceStart = performance.now();
    }
  }
  return finish();
}
