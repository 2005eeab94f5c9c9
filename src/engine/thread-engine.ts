// The engine the bots use: the knowledge base lives on a thread of its own (engine-thread.ts)
// and this, the serving thread, only passes calls to it. The serving thread's event loop then
// carries the platforms' traffic alone: a reload's garbage collection (its heap holds two
// versions for a while) or a long answer no longer holds up Slack acknowledgements and
// Discord heartbeats, and on a machine with more than one core an answer is computed while
// the next event is received.
import { getHeapStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import type { ReloadReport } from "../knowledge/report.ts";
import { KnowledgeLoadError } from "../knowledge/store.ts";
import { snapshotView, type StartupLoad, type Call, type SnapshotMeta, type SnapshotView, type ThreadMessage, type ThreadRequestData } from "./engine-thread-protocol.ts";
import type { Engine, GapGroup, Timeline } from "./engine-types.ts";
import type { Answer } from "../answer/types.ts";

const THREAD = new URL("./engine-thread.mjs", import.meta.url);

/** Restarts of a thread that stopped, at most this many in a row before calls fail for good. */
const MAX_RESTARTS = 3;

export interface ThreadEngineOptions extends ThreadRequestData {
  /** Told when the knowledge thread stopped unexpectedly, and whether it is being restarted. */
  onThreadExit?: (info: { reason: string; restarting: boolean }) => void;
  /** Told how each knowledge thread's start-up load went (from a snapshot, or built). */
  onStartupLoad?: (info: StartupLoad) => void;
  /** The thread's entry module; a wrapper of engine-thread.mjs in tests. */
  entry?: URL;
}

export interface ThreadEngine extends Engine {
  /** Stops the knowledge thread; calls made afterwards fail. */
  close(): Promise<void>;
  /** The knowledge thread's id, for logs and tests (it changes when the thread is restarted). */
  threadId(): number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Starts a knowledge thread and waits until its data is loaded; rejects with KnowledgeLoadError when the data has errors. */
function startThread(entry: URL, request: ThreadRequestData, onMessage: (thread: Thread, message: ThreadMessage) => void, onExit: (thread: Thread, reason: string) => void): Promise<{ thread: Thread; meta: SnapshotMeta; startup?: StartupLoad }> {
  // The knowledge thread needs the heap this process was given (a large archive, two versions during a reload).
  const heapMb = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  const worker = new Worker(entry, {
    workerData: request satisfies ThreadRequestData,
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  const thread: Thread = { worker, pending: new Map() };
  return new Promise((resolve, reject) => {
    let started = false;
    worker.on("message", (message: ThreadMessage) => {
      if (started) return onMessage(thread, message);
      if (message.kind === "ready") {
        started = true;
        worker.unref();
        resolve({ thread, meta: message.meta, ...(message.startup ? { startup: message.startup } : {}) });
      } else if (message.kind === "failed") {
        reject(new KnowledgeLoadError(message.report));
      }
    });
    const stopped = (reason: string) => {
      if (started) onExit(thread, reason);
      else reject(new Error(`engine: the knowledge thread stopped while loading ${request.dataDir}: ${reason}`));
    };
    worker.on("error", (err) => stopped(err.message));
    worker.on("exit", (code) => stopped(`exited with code ${code}`));
  });
}

/**
 * Loads `dataDir` on a knowledge thread and returns the engine that talks to it. Throws
 * KnowledgeLoadError when the data has errors. A thread that stops unexpectedly fails the
 * calls it was answering and is started again from the data directory.
 */
export async function createThreadEngine(options: ThreadEngineOptions): Promise<ThreadEngine> {
  const request: ThreadRequestData = {
    dataDir: options.dataDir,
    ...(options.rememberAnswers !== undefined ? { rememberAnswers: options.rememberAnswers } : {}),
    ...(options.snapshotDir !== undefined ? { snapshotDir: options.snapshotDir } : {}),
  };
  const entry = options.entry ?? THREAD;
  let snapshot: SnapshotView;
  let closed = false;
  let restarts = 0;
  let nextId = 1;

  const onMessage = (thread: Thread, message: ThreadMessage) => {
    if (message.kind !== "reply") return;
    const waiting = thread.pending.get(message.id);
    if (!waiting) return;
    thread.pending.delete(message.id);
    if (thread.pending.size === 0) thread.worker.unref();
    if (!message.ok) return waiting.reject(new Error(`engine: ${message.message}`));
    restarts = 0;
    if (message.meta) snapshot = snapshotView(message.meta);
    waiting.resolve(message.value);
  };

  let current: Promise<Thread>;
  let live: Thread;
  const onExit = (thread: Thread, reason: string) => {
    const failure = new Error(`engine: the knowledge thread stopped (${reason}) before answering; ask again`);
    for (const waiting of thread.pending.values()) waiting.reject(failure);
    thread.pending.clear();
    if (closed) return;
    const restarting = restarts < MAX_RESTARTS;
    options.onThreadExit?.({ reason, restarting });
    if (!restarting) {
      current = Promise.reject(new Error(`engine: the knowledge thread stopped ${restarts + 1} times in a row (${reason})`));
      current.catch(() => {});
      return;
    }
    restarts += 1;
    current = startThread(entry, request, onMessage, onExit).then(({ thread: next, meta: fresh, startup }) => {
      if (startup) options.onStartupLoad?.(startup);
      snapshot = snapshotView(fresh);
      live = next;
      return next;
    });
    current.catch(() => {});
  };

  const first = await startThread(entry, request, onMessage, onExit);
  if (first.startup) options.onStartupLoad?.(first.startup);
  snapshot = snapshotView(first.meta);
  live = first.thread;
  current = Promise.resolve(live);

  const call = async <T>(method: Call["method"], args: Call["args"]): Promise<T> => {
    if (closed) throw new Error("engine: closed");
    const thread = await current;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A call in flight keeps the process alive until it is answered.
      thread.worker.ref();
      thread.worker.postMessage({ id, method, args } as Call);
    });
  };

  return {
    ask: (question) => call<Answer>("ask", [question]),
    timeline: (topic, lang) => call<Timeline>("timeline", [topic, lang]),
    gaps: (records, gapOptions) => call<GapGroup[]>("gaps", [records, gapOptions]),
    reload: (actor) => call<ReloadReport>("reload", [actor]),
    rollback: (actor) => call<ReloadReport>("rollback", [actor]),
    status: () => snapshot.status(),
    sources: () => snapshot.sources(),
    usage: (lang) => snapshot.usage(lang),
    threadId: () => live.worker.threadId,
    async close() {
      if (closed) return;
      closed = true;
      const thread = await current.catch(() => null);
      await thread?.worker.terminate();
    },
  };
}
