import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createInflightTracker } from "../../src/health/inflight.ts";
import { drain, waitForShutdownSignal } from "../../src/health/shutdown.ts";
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

describe("waitForShutdownSignal", () => {
  function listen() {
    const source = new EventEmitter();
    const exits: number[] = [];
    let clock = 0;
    const { logger, lines } = keepLines();
    const signalled = waitForShutdownSignal(logger, { source, exit: (code) => exits.push(code), now: () => clock });
    return { source, exits, lines, signalled, tick: (ms: number) => (clock += ms) };
  }

  it("counts a signal repeated within a second once: the group's and the relayed copy", async () => {
    const { source, exits, lines, signalled, tick } = listen();
    source.emit("SIGINT", "SIGINT");
    tick(999);
    source.emit("SIGINT", "SIGINT");
    source.emit("SIGTERM", "SIGTERM");
    await expect(signalled).resolves.toBe("SIGINT");
    expect(exits).toEqual([]);
    expect(lines).toMatchObject([
      { level: "debug", msg: "shutdown: repeated signal within 1000 ms, counted once", signal: "SIGINT", first: "SIGINT" },
      { level: "debug", msg: "shutdown: repeated signal within 1000 ms, counted once", signal: "SIGTERM", first: "SIGINT" },
    ]);
  });

  it("exits 1 without waiting on a second signal a second or more after the first", async () => {
    const { source, exits, lines, signalled, tick } = listen();
    source.emit("SIGTERM", "SIGTERM");
    await expect(signalled).resolves.toBe("SIGTERM");
    tick(1_000);
    source.emit("SIGTERM", "SIGTERM");
    expect(exits).toEqual([1]);
    expect(lines).toMatchObject([{ level: "warn", msg: "shutdown: second signal, exiting without waiting", signal: "SIGTERM", first: "SIGTERM" }]);
  });
});
