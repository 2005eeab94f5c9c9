// A chat adapter that failed to start while another serves: started again with backoff until
// it comes up or the process stops, its failure shown on /healthz meanwhile. One platform's
// outage (a refused token, an unreachable gateway) then leaves the other answering.
import { backoffDelay, type Backoff } from "../backoff.ts";
import type { Logger } from "../log.ts";
import type { AdapterProbe } from "./health.ts";

/** Waits between tries: 1 s, doubling up to a minute. */
export const ADAPTER_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

export interface RetryAdapterOptions<B> {
  /** "slack", "discord": for logs and the reason shown. */
  name: string;
  start: () => Promise<B>;
  /** Why the first start failed. */
  firstError: unknown;
  /** Told once the adapter has started (never after stop()). */
  onStarted: (bot: B) => void;
  logger: Logger;
  backoff?: Backoff;
}

export interface RetryingAdapter extends AdapterProbe {
  /** "failed" until started. */
  state(): "failed";
  /** The last failure, and when the next try is. */
  reason(): string;
  /** Stops trying; an adapter that started meanwhile is stopped. */
  stop(): Promise<void>;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function retryAdapter<B extends { stop(): Promise<unknown> }>(options: RetryAdapterOptions<B>): RetryingAdapter {
  const backoff = options.backoff ?? ADAPTER_BACKOFF;
  let failures = 1;
  let lastError = messageOf(options.firstError);
  let retryAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let attempt: Promise<void> | null = null;
  let stopped = false;

  const schedule = () => {
    // A start that just failed would fail again at once: the first retry waits too.
    const delayMs = backoffDelay(failures + 1, backoff);
    retryAt = Date.now() + delayMs;
    options.logger.warn(`${options.name}: could not start, retrying`, { reason: lastError, failures, retryInMs: delayMs });
    timer = setTimeout(() => {
      timer = null;
      attempt = tryStart();
    }, delayMs);
  };

  const tryStart = async () => {
    try {
      const bot = await options.start();
      if (stopped) {
        await bot.stop();
        return;
      }
      options.logger.info(`${options.name}: started after ${failures} failed ${failures === 1 ? "try" : "tries"}`);
      options.onStarted(bot);
    } catch (err) {
      if (stopped) return;
      failures += 1;
      lastError = messageOf(err);
      schedule();
    } finally {
      attempt = null;
    }
  };

  schedule();
  return {
    state: () => "failed",
    reason: () => `${lastError}; ${timer === null ? "retrying now" : `retrying in ${Math.max(0, retryAt - Date.now())} ms`}`,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await attempt;
    },
  };
}
