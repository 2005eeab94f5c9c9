// Prometheus metrics for GET /metrics, in a registry of their own (never prom-client's global
// one, so tests and embedders get independent counts). The engine wrapper counts questions,
// refusals, answer latency, reloads and rollbacks; the rate limiter's hook counts refusals
// for asking too often.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { Engine } from "../engine/engine-types.ts";
import type { ReloadReport } from "../knowledge/report.ts";

/** Answers take milliseconds: buckets from 1 ms to 1 s. */
export const ANSWER_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export interface Metrics {
  readonly registry: Registry;
  /** Questions answered or refused by the engine, by platform and detected language. */
  readonly questions: Counter<"platform" | "lang">;
  /** Refusals by platform and reason ("empty", "no-support"). */
  readonly refusals: Counter<"platform" | "reason">;
  /** Time the engine took to answer, by platform. */
  readonly answerSeconds: Histogram<"platform">;
  /** Reloads and rollbacks of the knowledge base, by action and result ("ok", "failed"). */
  readonly reloads: Counter<"action" | "result">;
  /** Questions turned away by the per-user rate limit, by platform. */
  readonly rateLimited: Counter<"platform">;
  /** For `createRateLimiter({ onLimited })`: counts under the key's platform ("slack:U1" → slack). */
  countRateLimited(key: string): void;
  /** The exposition text, and the content type to serve it with. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Also collect the process metrics (CPU, memory, event loop, GC). Default true. */
  defaultMetrics?: boolean;
}

export const LOG_RECORDS_DROPPED = "chokepoint_log_records_dropped_total";

/**
 * For the logs' `onDropped` (bots/shared/jsonl-log.ts): counts under the log's name in the
 * registry's counter, which `createMetrics` registers; a no-op in a registry without it.
 */
export function countDroppedRecords(registry: Registry): (log: string, records: number) => void {
  return (log, records) => (registry.getSingleMetric(LOG_RECORDS_DROPPED) as Counter<"log"> | undefined)?.inc({ log }, records);
}

/** The platform part of a rate-limit key: "slack:U1" → "slack"; "unknown" without one. */
export function platformOfKey(key: string): string {
  const at = key.indexOf(":");
  return at > 0 ? key.slice(0, at) : "unknown";
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const questions = new Counter({
    name: "chokepoint_questions_total",
    help: "Questions the engine answered or refused, by platform and language.",
    labelNames: ["platform", "lang"] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: "chokepoint_refusals_total",
    help: "Questions refused, by platform and reason.",
    labelNames: ["platform", "reason"] as const,
    registers: [registry],
  });
  const answerSeconds = new Histogram({
    name: "chokepoint_answer_seconds",
    help: "Time the engine took to answer a question, in seconds.",
    labelNames: ["platform"] as const,
    buckets: ANSWER_SECONDS_BUCKETS,
    registers: [registry],
  });
  const reloads = new Counter({
    name: "chokepoint_reloads_total",
    help: "Knowledge base reloads and rollbacks, by action and result.",
    labelNames: ["action", "result"] as const,
    registers: [registry],
  });
  new Counter({
    name: LOG_RECORDS_DROPPED,
    help: "Records dropped from the state directory's logs when a rotation replaced the previous file, by log.",
    labelNames: ["log"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "chokepoint_rate_limited_total",
    help: "Questions turned away by the per-user rate limit, by platform.",
    labelNames: ["platform"] as const,
    registers: [registry],
  });

  return {
    registry,
    questions,
    refusals,
    answerSeconds,
    reloads,
    rateLimited,
    countRateLimited: (key) => rateLimited.inc({ platform: platformOfKey(key) }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

/** An engine that measures every answer and counts questions, refusals, reloads and rollbacks. */
export function withMetrics(engine: Engine, metrics: Metrics, platform: string): Engine {
  const counted = (action: "reload" | "rollback", report: Promise<ReloadReport>) =>
    report.then(
      (r) => {
        metrics.reloads.inc({ action, result: r.ok ? "ok" : "failed" });
        return r;
      },
      (err: unknown) => {
        metrics.reloads.inc({ action, result: "failed" });
        throw err;
      },
    );

  return {
    ...engine,
    async ask(question) {
      const stopTimer = metrics.answerSeconds.startTimer({ platform });
      let answer;
      try {
        answer = await engine.ask(question);
      } finally {
        stopTimer();
      }
      metrics.questions.inc({ platform, lang: answer.lang });
      if (answer.refusal !== null) metrics.refusals.inc({ platform, reason: answer.refusal });
      return answer;
    },
    reload: (actor) => counted("reload", engine.reload(actor)),
    rollback: (actor) => counted("rollback", engine.rollback(actor)),
  };
}
