// The worker thread of a reload: reads and validates the data directory, builds the search
// index and the version's comparison keys, then hands everything to the serving thread in
// batches small enough to take over between two questions (prepare.ts). Every allocation
// of parsing and analysis happens here, on this thread's heap, so the serving thread's
// garbage collector never meets it.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { loadKnowledge } from "../knowledge/load.ts";
import { keySteps } from "../knowledge/changes.ts";
import { runSteps } from "../knowledge/steps.ts";
import { buildSearchIndex, indexParts, transferablesOf } from "../search/search-index.ts";
import { BATCH, type Batch, type PrepareRequest, type WorkerReport } from "./prepare-protocol.ts";

const { dataDir, port } = workerData as PrepareRequest & { port: MessagePort };

/**
 * On a machine with few cores this thread competes with the serving one for a core: it takes
 * the lowest priority, so the answers, heartbeats and acks come first. Linux sets priorities
 * per thread (by thread id); elsewhere, or when not allowed, the thread keeps the default
 * (null).
 */
function lowerPriority(): number | null {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    setPriority(tid, 19);
    return getPriority(tid);
  } catch {
    return null;
  }
}

const priority = lowerPriority();

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let from = 0; from < items.length; from += size) yield items.slice(from, from + size);
}

async function prepare(): Promise<WorkerReport> {
  const result = await loadKnowledge(dataDir);
  if (!result.data) return { kind: "failed", errors: result.errors, warnings: result.warnings };
  const data = result.data;
  const index = buildSearchIndex(data);
  const keys = runSteps(keySteps(data));
  const { parts, tokens, sentences } = indexParts(index, data);
  let batches = 0;
  const send = (batch: Batch, transfer: ArrayBuffer[] = []) => {
    port.postMessage(batch, transfer);
    batches += 1;
  };
  send({ kind: "head", version: data.version, terms: data.terms, examples: data.examples, warnings: result.warnings });
  for (const items of chunks(data.articles, BATCH.articles)) send({ kind: "articles", items });
  for (const items of chunks(data.facts, BATCH.facts)) send({ kind: "facts", items });
  for (const items of chunks(tokens, BATCH.tokens)) send({ kind: "tokens", items });
  for (const items of chunks(sentences, BATCH.sentences)) send({ kind: "sentences", items });
  const transfer = [...transferablesOf(parts), keys.articles.fingerprints.buffer as ArrayBuffer, keys.facts.fingerprints.buffer as ArrayBuffer];
  send({ kind: "index", parts, keys }, transfer);
  return { kind: "ready", batches, priority };
}

prepare().then(
  (report) => parentPort!.postMessage(report),
  (err: unknown) => parentPort!.postMessage({ kind: "crashed", message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerReport),
);
