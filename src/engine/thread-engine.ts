// The engine the bots use: the knowledge base lives on a thread of its own (engine-thread.ts)
// and this, the serving thread, only passes calls to it. The serving thread's event loop then
// carries the platforms' traffic alone: a reload's garbage collection (its heap holds two
// versions for a while) or a long answer no longer holds up Slack acknowledgements and
// Discord heartbeats, and on a machine with more than one core an answer is computed while
// the next event is received.
import { getHeapStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import { backoffDelay, type Backoff } from "../backoff.ts";
import { formatDataError, type ReloadReport } from "../knowledge/report.ts";
import { KnowledgeLoadError } from "../knowledge/store.ts";
import { snapshotView, type StartupLoad, type Call, type SnapshotMeta, type SnapshotView, type ThreadMessage, type ThreadRequestData } from "./engine-thread-protocol.ts";
import type { Engine, GapGroup, Timeline } from "./engine-types.ts";
import type { Answer } from "../answer/types.ts";
import { workerEntry } from "./worker-entry.ts";

const THREAD = workerEntry("engine-thread", import.meta.url);

/** Waits between restarts of a knowledge thread that keeps stopping or cannot start. */
export const RESTART_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

export interface ThreadEngineOptions extends ThreadRequestData {
  /** Told when the knowledge thread stopped unexpectedly, and how long until it is started again. */
  onThreadExit?: (info: { reason: string; retryInMs: number }) => void;
  /** Told when a new knowledge thread could not start (the data unreadable, the thread stopped while loading). */
  onRestartFailed?: (info: { reason: string; failures: number; retryInMs: number }) => void;
  /** Told when a knowledge thread started after a stop serves again. */
  onRestarted?: () => void;
  /** Told how each knowledge thread's start-up load went (from a snapshot, or built). */
  onStartupLoad?: (info: StartupLoad) => void;
  /** Waits between restarts; RESTART_BACKOFF by default (short ones in tests). */
  backoff?: Backoff;
  /** The thread's entry module; a wrapper of engine-thread.mjs in tests. */
  entry?: URL;
}

/** Whether the engine can answer now, and if not, why not (for /healthz). */
export type EngineHealth = { ok: true } | { ok: false; reason: string };

export interface ThreadEngine extends Engine {
  followUps(answer: Answer): Promise<string[]>;
  /** Stops the knowledge thread; calls made afterwards fail. */
  close(): Promise<void>;
  /** The knowledge thread's id, for logs and tests (it changes when the thread is restarted). */
  threadId(): number;
  /** Ready, or restarting a knowledge thread that stopped, with the reason. */
  health(): EngineHealth;
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

/** A start-up failure in one line: the data's errors (the first few), or why the thread stopped. */
function describeFailure(err: unknown): string {
  if (!(err instanceof KnowledgeLoadError)) return err instanceof Error ? err.message : String(err);
  const errors = err.report.errors;
  const shown = errors.slice(0, 3).map(formatDataError).join("; ");
  return errors.length > 3 ? `${shown}; and ${errors.length - 3} more` : shown;
}

/** Why the engine is not serving, and what it does about it. */
interface Cause {
  text: string;
  verb: "restarting" | "retrying";
}

type Phase =
  | { kind: "ready"; thread: Thread }
  | { kind: "starting"; attempt: Promise<Thread>; cause: Cause }
  | { kind: "waiting"; cause: Cause; retryAt: number; timer: NodeJS.Timeout }
  | { kind: "closed" };

/**
 * Loads `dataDir` on a knowledge thread and returns the engine that talks to it. Throws
 * KnowledgeLoadError when the data has errors. A thread that stops unexpectedly fails the
 * calls it was answering and is started again from the data directory; a thread that cannot
 * start (the data unreadable for a while, a stop while loading) is tried again with backoff,
 * for as long as it takes, and at once on a reload. Meanwhile calls fail with the reason,
 * and health() says it.
 */
export async function createThreadEngine(options: ThreadEngineOptions): Promise<ThreadEngine> {
  const request: ThreadRequestData = {
    dataDir: options.dataDir,
    ...(options.rememberAnswers !== undefined ? { rememberAnswers: options.rememberAnswers } : {}),
    ...(options.snapshotDir !== undefined ? { snapshotDir: options.snapshotDir } : {}),
  };
  const entry = options.entry ?? THREAD;
  const backoff = options.backoff ?? RESTART_BACKOFF;
  let snapshot: SnapshotView;
  let phase: Phase;
  let live: Thread;
  /** Stops and failed starts since the last answer. */
  let failures = 0;
  let nextId = 1;

  const onMessage = (thread: Thread, message: ThreadMessage) => {
    if (message.kind !== "reply") return;
    const waiting = thread.pending.get(message.id);
    if (!waiting) return;
    thread.pending.delete(message.id);
    if (thread.pending.size === 0) thread.worker.unref();
    if (!message.ok) return waiting.reject(new Error(`engine: ${message.message}`));
    failures = 0;
    if (message.meta) snapshot = snapshotView(message.meta);
    waiting.resolve(message.value);
  };

  const describePhase = (): string => {
    switch (phase.kind) {
      case "ready":
        return "ready";
      case "closed":
        return "closed";
      case "starting":
        return `${phase.cause.text}; ${phase.cause.verb}`;
      case "waiting":
        return `${phase.cause.text}; ${phase.cause.verb} in ${Math.max(0, phase.retryAt - Date.now())} ms`;
    }
  };
  const unavailable = () => new Error(`engine: the knowledge base is unavailable: ${describePhase()}`);

  const wait = (cause: Cause, delayMs: number) => {
    const timer = setTimeout(() => void attemptStart(cause), delayMs);
    // The adapters and servers keep the process alive; a retry alone must not.
    timer.unref();
    phase = { kind: "waiting", cause, retryAt: Date.now() + delayMs, timer };
  };

  const attemptStart = (cause: Cause): Promise<Thread> => {
    const attempt = startThread(entry, request, onMessage, onExit).then(
      async ({ thread, meta, startup }) => {
        if (phase.kind === "closed") {
          await thread.worker.terminate();
          throw new Error("engine: closed");
        }
        if (startup) options.onStartupLoad?.(startup);
        snapshot = snapshotView(meta);
        live = thread;
        phase = { kind: "ready", thread };
        options.onRestarted?.();
        return thread;
      },
      (err: unknown) => {
        if (phase.kind === "closed") throw new Error("engine: closed");
        // A failed start always waits: starting again at once would fail the same way.
        failures = Math.max(failures + 1, 2);
        const reason = describeFailure(err);
        const retryInMs = backoffDelay(failures, backoff);
        wait({ text: `the knowledge thread could not start (${reason})`, verb: "retrying" }, retryInMs);
        options.onRestartFailed?.({ reason, failures, retryInMs });
        throw Object.assign(unavailable(), { cause: err });
      },
    );
    attempt.catch(() => {});
    phase = { kind: "starting", attempt, cause };
    return attempt;
  };

  const onExit = (thread: Thread, reason: string) => {
    const failure = new Error(`engine: the knowledge thread stopped (${reason}) before answering; ask again`);
    for (const waiting of thread.pending.values()) waiting.reject(failure);
    thread.pending.clear();
    // Closed, or a thread no longer served (only the ready one is).
    if (phase.kind !== "ready" || phase.thread !== thread) return;
    failures += 1;
    const retryInMs = backoffDelay(failures, backoff);
    options.onThreadExit?.({ reason, retryInMs });
    const cause: Cause = { text: `the knowledge thread stopped (${reason})`, verb: "restarting" };
    if (retryInMs === 0) void attemptStart(cause);
    else wait(cause, retryInMs);
  };

  const first = await startThread(entry, request, onMessage, onExit);
  if (first.startup) options.onStartupLoad?.(first.startup);
  snapshot = snapshotView(first.meta);
  live = first.thread;
  phase = { kind: "ready", thread: live };

  /** The thread serving, or the one starting; while waiting to retry, `restartNow` starts one at once. */
  const threadFor = async (restartNow: boolean): Promise<Thread> => {
    switch (phase.kind) {
      case "closed":
        throw new Error("engine: closed");
      case "ready":
        return phase.thread;
      case "starting":
        return phase.attempt;
      case "waiting":
        if (!restartNow) throw unavailable();
        clearTimeout(phase.timer);
        return attemptStart(phase.cause);
    }
  };

  const call = async <T>(method: Call["method"], args: Call["args"], restartNow = false): Promise<T> => {
    const thread = await threadFor(restartNow);
    // It may have stopped while this call waited for it.
    if (phase.kind !== "ready" || phase.thread !== thread) throw phase.kind === "closed" ? new Error("engine: closed") : unavailable();
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
    followUps: (answer) => call<string[]>("followUps", [answer]),
    timeline: (topic, lang) => call<Timeline>("timeline", [topic, lang]),
    gaps: (records, gapOptions) => call<GapGroup[]>("gaps", [records, gapOptions]),
    // A reload is how an admin says "the data is fixed": it starts a thread at once, and
    // when the data still cannot be loaded, reports its errors like any failed reload.
    async reload(actor) {
      try {
        return await call<ReloadReport>("reload", [actor], true);
      } catch (err) {
        const load = err instanceof Error && err.cause instanceof KnowledgeLoadError ? err.cause : null;
        if (load) return { ...load.report, actor };
        throw err;
      }
    },
    rollback: (actor) => call<ReloadReport>("rollback", [actor]),
    status: () => snapshot.status(),
    sources: () => snapshot.sources(),
    usage: (lang) => snapshot.usage(lang),
    threadId: () => live.worker.threadId,
    health: () => (phase.kind === "ready" ? { ok: true } : { ok: false, reason: describePhase() }),
    async close() {
      const before = phase;
      if (before.kind === "closed") return;
      phase = { kind: "closed" };
      if (before.kind === "waiting") clearTimeout(before.timer);
      // A thread that finishes starting after this is stopped by attemptStart.
      if (before.kind === "starting") await before.attempt.catch(() => {});
      if (before.kind === "ready") await before.thread.worker.terminate();
    },
  };
}
