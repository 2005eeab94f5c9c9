// Prepares the next snapshot of a data directory in a worker thread (prepare-worker.ts) and
// takes it over on this, the serving thread, in slices. Parsing and indexing a large
// archive allocates gigabytes of short-lived strings and maps; on the serving heap the
// garbage collector's marking of it held the event loop for hundreds of milliseconds at a
// time. Here this thread only copies in the finished data, batch by batch, receives the
// index's typed arrays without a copy, and rebuilds the few maps that cannot cross.
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { rememberKeys } from "../knowledge/changes.ts";
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { Article, Fact, Term } from "../knowledge/schema.ts";
import { runStepsSliced, yieldToLoop } from "../knowledge/steps.ts";
import type { Loaded } from "../knowledge/store.ts";
import type { Batch, PrepareRequest, WorkerReport } from "./prepare-protocol.ts";
import { assembleIndex, type IndexParts, type SearchIndex } from "../search/search-index.ts";
import { workerEntry } from "./worker-entry.ts";

const WORKER = workerEntry("prepare-worker", import.meta.url);

/** Work on this thread between two yields to the event loop, ms. */
const SLICE_MS = 8;

export interface PrepareHooks {
  /**
   * Called when the worker is done and this thread starts taking the snapshot over, with the
   * priority the worker ran at (null where it kept the default).
   */
  onHandover?: (worker: { priority: number | null }) => void;
}

function waitForReport(worker: Worker): Promise<WorkerReport> {
  return new Promise((resolve) => {
    worker.once("message", (report: WorkerReport) => resolve(report));
    worker.once("error", (err) => resolve({ kind: "crashed", message: err.stack ?? err.message }));
    worker.once("exit", (code) => resolve({ kind: "crashed", message: `exited with code ${code} before it was done` }));
  });
}

/** Copies the batches in, one per message, yielding between slices. */
async function receive(port: MessagePort, count: number) {
  let head: Extract<Batch, { kind: "head" }> | null = null;
  let index: Extract<Batch, { kind: "index" }> | null = null;
  const lists = { articles: [] as Article[], facts: [] as Fact[], tokens: [] as string[], sentences: [] as string[] };
  let sliceStart = performance.now();
  for (let i = 0; i < count; i++) {
    const received = receiveMessageOnPort(port);
    if (!received) throw new Error(`prepare: batch ${i + 1} of ${count} is missing`);
    const batch = received.message as Batch;
    if (batch.kind === "head") head = batch;
    else if (batch.kind === "index") index = batch;
    else {
      const list: unknown[] = lists[batch.kind];
      for (const item of batch.items) list.push(item);
    }
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
  if (!head || !index) throw new Error("prepare: the worker sent no head or no index");
  return { head, index, ...lists };
}

/**
 * Loads `dataDir` and builds its index in a worker thread: the same result as loading it
 * here and building with buildSearchIndex, with the keys the store compares versions by.
 * Never throws: a worker that fails is reported as an error of the load.
 */
export async function prepareInWorker(dataDir: string, hooks: PrepareHooks = {}): Promise<Loaded<SearchIndex>> {
  const { port1, port2 } = new MessageChannel();
  const request: PrepareRequest = { dataDir };
  let worker: Worker | null = null;
  try {
    // execArgv: the worker registers its own TypeScript loader (prepare-worker.mjs).
    worker = new Worker(WORKER, { workerData: { ...request, port: port2 }, transferList: [port2], execArgv: [] });
    const report = await waitForReport(worker);
    if (report.kind === "failed") return { data: null, errors: report.errors, warnings: report.warnings };
    if (report.kind === "crashed") throw new Error(report.message);
    hooks.onHandover?.({ priority: report.priority });
    const got = await receive(port1, report.batches);
    // The worker's heap goes with it; nothing of it is needed any more.
    void worker.terminate();
    worker = null;
    const data: KnowledgeData = {
      version: got.head.version,
      articles: got.articles,
      facts: got.facts,
      terms: got.head.terms as Term[],
      examples: got.head.examples,
    };
    rememberKeys(data, got.index.keys);
    const index = await runStepsSliced(assembleIndex(data, got.index.parts as IndexParts, got.tokens, got.sentences), SLICE_MS);
    return { data, errors: [], warnings: got.head.warnings, index };
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    return { data: null, errors: [{ file: dataDir, path: "", message: `reload worker failed: ${message}` }], warnings: [] };
  } finally {
    if (worker) void worker.terminate();
    port1.close();
  }
}
