// Graceful shutdown: on SIGTERM or SIGINT, stop taking new events, let the work in flight
// finish (bounded), close connections. A second signal exits at once; a copy of the first
// arriving within a second does not count as one.
import type { Logger } from "../log.ts";
import type { InflightTracker } from "./inflight.ts";

export type ShutdownSignal = "SIGTERM" | "SIGINT";

/**
 * Signals within this long of the first are the same request to stop: Ctrl-C or systemd
 * signal the whole process group, and a parent that relays signals (npm) sends its copy
 * a few milliseconds after the kernel's.
 */
export const REPEATED_SIGNAL_MS = 1_000;

export interface ShutdownSignalOptions {
  /** Exits on a second signal; process.exit by default. */
  exit?: (code: number) => void;
  /** Where the signals come from; the process by default. */
  source?: Pick<NodeJS.EventEmitter, "on">;
  now?: () => number;
}

/**
 * Resolves with the first SIGTERM or SIGINT. Installed early, so a signal that arrives
 * during start-up is kept, not lost to the default handler (which kills the process).
 */
export function waitForShutdownSignal(logger: Logger, options: ShutdownSignalOptions = {}): Promise<ShutdownSignal> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const source = options.source ?? process;
  const now = options.now ?? (() => performance.now());
  return new Promise((resolve) => {
    let received: { signal: ShutdownSignal; at: number } | null = null;
    const onSignal = (signal: ShutdownSignal) => {
      if (received === null) {
        received = { signal, at: now() };
        resolve(signal);
        return;
      }
      if (now() - received.at < REPEATED_SIGNAL_MS) {
        logger.debug(`shutdown: repeated signal within ${REPEATED_SIGNAL_MS} ms, counted once`, { signal, first: received.signal });
        return;
      }
      logger.warn("shutdown: second signal, exiting without waiting", { signal, first: received.signal });
      exit(1);
    };
    source.on("SIGTERM", onSignal);
    source.on("SIGINT", onSignal);
  });
}

export interface DrainOptions {
  /** Stops receiving: the adapters' stop(), closing the terminal's input. */
  stopReceiving: () => Promise<unknown>;
  inflight: InflightTracker;
  /** Closed last: the health server answers (503) until the work is done. */
  closeLast?: () => Promise<unknown>;
  /** Bound on stopping and draining together. */
  timeoutMs: number;
  logger: Logger;
  now?: () => number;
}

/** What a shutdown did: whether it drained in time, and how long it took. */
export interface DrainResult {
  drained: boolean;
  ms: number;
}

function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, ms));
    void promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

/**
 * Stops receiving, waits until nothing is in flight (or the time is up), then closes the
 * rest. Never throws: a shutdown that hits its bound logs what was still running.
 */
export async function drain(options: DrainOptions): Promise<DrainResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const left = () => options.timeoutMs - (now() - started);

  const stopped = await within(options.stopReceiving(), left());
  if (!stopped) options.logger.warn("shutdown: adapters did not stop in time", { timeoutMs: options.timeoutMs });
  const drained = stopped && (await options.inflight.whenIdle({ timeoutMs: Math.max(0, left()) }));
  if (!drained) {
    options.logger.warn("shutdown: work still in flight at the time limit", {
      timeoutMs: options.timeoutMs,
      pending: options.inflight.pending(),
    });
  }
  if (options.closeLast) await within(options.closeLast(), 1_000);
  return { drained, ms: Math.round(now() - started) };
}
