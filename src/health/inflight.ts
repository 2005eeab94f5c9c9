// Work in flight, so that a shutdown can let it finish: an answer, and the platform call that
// carries it (chat.postMessage, an interaction reply). The adapters do not report when that
// call ends, so "in flight" counts:
//   - an engine call: `ask` until the macrotask after it settles (the reply is sent by then),
//     `reload` and `rollback` until they settle;
//   - every outgoing HTTP request (node:http, as the Slack Web API client uses, and undici,
//     as discord.js and Slack's Socket Mode use), from its start until its response has been
//     read or it failed. WebSocket upgrades (the Socket Mode and gateway connections) are not
//     work in flight: the adapters' stop() closes them.
// A question received but not yet passed to the engine is not seen; `whenIdle` waits for a
// short quiet period to cover that gap.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import type { Engine } from "../engine/engine-types.ts";

export interface InflightTracker {
  /** Marks the start of some work; call the returned function (once is enough) when it ends. */
  begin(what: string): () => void;
  /** How many pieces of work are in flight. */
  count(): number;
  /** What is in flight, for a log line: "ask", "reload", "POST slack.com" … */
  pending(): string[];
  /**
   * Resolves true once nothing has been in flight for `quietMs` (default 100), or false when
   * `timeoutMs` passes first.
   */
  whenIdle(options: { timeoutMs: number; quietMs?: number }): Promise<boolean>;
}

const POLL_MS = 10;

export function createInflightTracker(now: () => number = () => performance.now()): InflightTracker {
  const open = new Map<number, string>();
  let next = 0;
  let lastChange = now();

  return {
    begin(what) {
      const id = next++;
      open.set(id, what);
      lastChange = now();
      return () => {
        if (open.delete(id)) lastChange = now();
      };
    },
    count: () => open.size,
    pending: () => [...open.values()],
    async whenIdle({ timeoutMs, quietMs = 100 }) {
      const deadline = now() + timeoutMs;
      for (;;) {
        if (open.size === 0 && now() - lastChange >= quietMs) return true;
        const left = deadline - now();
        if (left <= 0) return open.size === 0;
        await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
      }
    },
  };
}

/** An engine whose calls count as work in flight (see the file comment for how long). */
export function withInflight(engine: Engine, tracker: InflightTracker): Engine {
  const settled = <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const done = tracker.begin(what);
    return Promise.resolve()
      .then(work)
      .finally(done);
  };
  return {
    ...engine,
    ask(question) {
      const done = tracker.begin("ask");
      // The adapter sends the reply as soon as the answer is there; the next macrotask comes after.
      return Promise.resolve()
        .then(() => engine.ask(question))
        .finally(() => setImmediate(done));
    },
    reload: (actor) => settled("reload", () => engine.reload(actor)),
    rollback: (actor) => settled("rollback", () => engine.rollback(actor)),
  };
}

interface UndiciRequest {
  method?: string;
  origin?: string | URL;
  upgrade?: string | null;
}

/**
 * Counts the process's outgoing HTTP requests as work in flight, through Node's diagnostics
 * channels. Returns the function that stops counting. Only the method and host are kept:
 * paths can carry secrets (Discord interaction tokens).
 */
export function trackOutgoingRequests(tracker: InflightTracker): () => void {
  const onHttpStart = (message: unknown) => {
    const request = (message as { request?: ClientRequest }).request;
    if (request === undefined || request.getHeader("upgrade") !== undefined) return;
    const host = request.getHeader("host");
    const done = tracker.begin(`${request.method} ${typeof host === "string" ? host : request.host}`);
    request.once("close", done);
  };

  const undiciOpen = new WeakMap<object, () => void>();
  const onUndiciCreate = (message: unknown) => {
    const request = (message as { request?: UndiciRequest }).request;
    if (request === undefined || (request.upgrade ?? null) !== null) return;
    let host = "";
    try {
      host = new URL(String(request.origin)).host;
    } catch {
      // an origin undici accepted but URL does not: the method alone names it
    }
    undiciOpen.set(request, tracker.begin(`${request.method ?? "?"} ${host}`.trim()));
  };
  const onUndiciEnd = (message: unknown) => {
    const request = (message as { request?: object }).request;
    if (request === undefined) return;
    undiciOpen.get(request)?.();
    undiciOpen.delete(request);
  };

  const subscriptions: Array<[string, (message: unknown) => void]> = [
    ["http.client.request.start", onHttpStart],
    ["undici:request:create", onUndiciCreate],
    ["undici:request:trailers", onUndiciEnd],
    ["undici:request:error", onUndiciEnd],
  ];
  for (const [name, listener] of subscriptions) subscribe(name, listener);
  return () => {
    for (const [name, listener] of subscriptions) unsubscribe(name, listener);
  };
}
