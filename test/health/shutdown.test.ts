import { describe, expect, it } from "vitest";
import { createInflightTracker } from "../../src/health/inflight.ts";
import { drain } from "../../src/health/shutdown.ts";
import { createLogger } from "../../src/log.ts";

function keepLines() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: "debug", write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

describe("drain", () => {
  it("stops receiving, waits for the work in flight, then closes the rest", async () => {
    const steps: string[] = [];
    const inflight = createInflightTracker();
    const done = inflight.begin("POST slack.com");
    const { logger, lines } = keepLines();
    const result = await drain({
      stopReceiving: async () => {
        steps.push("stop");
        setTimeout(() => {
          steps.push("reply sent");
          done();
        }, 40);
      },
      inflight,
      closeLast: async () => steps.push("close health"),
      timeoutMs: 2_000,
      logger,
    });
    expect(steps).toEqual(["stop", "reply sent", "close health"]);
    expect(result.drained).toBe(true);
    expect(lines).toEqual([]);
  });

  it("gives up at the time limit, logging what was still in flight, and still closes", async () => {
    const inflight = createInflightTracker();
    inflight.begin("POST discord.com");
    const { logger, lines } = keepLines();
    let closed = false;
    const started = performance.now();
    const result = await drain({
      stopReceiving: async () => {},
      inflight,
      closeLast: async () => {
        closed = true;
      },
      timeoutMs: 60,
      logger,
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.drained).toBe(false);
    expect(closed).toBe(true);
    expect(lines).toMatchObject([{ level: "warn", msg: "shutdown: work still in flight at the time limit", timeoutMs: 60, pending: ["POST discord.com"] }]);
  });

  it("bounds an adapter that does not stop, and survives one whose stop fails", async () => {
    const { logger, lines } = keepLines();
    const hanging = await drain({ stopReceiving: () => new Promise(() => {}), inflight: createInflightTracker(), timeoutMs: 50, logger });
    expect(hanging.drained).toBe(false);
    expect(lines[0]).toMatchObject({ level: "warn", msg: "shutdown: adapters did not stop in time" });

    const failing = await drain({ stopReceiving: () => Promise.reject(new Error("boom")), inflight: createInflightTracker(), timeoutMs: 1_000, logger });
    expect(failing.drained).toBe(true);
  });
});
