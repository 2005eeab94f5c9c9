// When Redis cannot be asked, the shared checks let the question through: a user answered
// twice, or once over the limit, is better than a bot that stops answering. Each such pass
// is logged and counted, so that /metrics shows how often it happened. Conversations fall back
// to this process's memory alike.
import { Counter, type Registry } from "prom-client";
import type { Logger } from "../log.ts";

export type SharedCheck = "dedupe" | "rate-limit" | "log" | "conversation";

export interface FailOpen {
  /** Records that `check` let a request through because Redis failed. */
  passed(check: SharedCheck, err: unknown): void;
}

export function createFailOpen(logger: Logger, registry?: Registry): FailOpen {
  const counter = registry
    ? new Counter({
        name: "chokepoint_redis_fail_open_total",
        help: "Requests let through (dedupe, rate limit), records not kept (log) or conversations kept in this process only (conversation) because Redis could not be reached.",
        labelNames: ["check"] as const,
        registers: [registry],
      })
    : null;
  let lastLogged = 0;
  let suppressed = 0;
  return {
    passed(check, err) {
      counter?.inc({ check });
      // One line a second at most: during an outage every question would log one.
      const now = Date.now();
      if (now - lastLogged < 1_000) {
        suppressed += 1;
        return;
      }
      logger.warn("redis: unavailable, letting the request through", { check, error: err instanceof Error ? err.message : String(err), ...(suppressed ? { alsoSince: suppressed } : {}) });
      lastLogged = now;
      suppressed = 0;
    },
  };
}
