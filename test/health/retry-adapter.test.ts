// An adapter that failed to start is tried again with growing waits until it starts, and
// not at all once stopped.
import { describe, expect, it } from "vitest";
import { retryAdapter } from "../../src/health/retry-adapter.ts";
import { silentLogger } from "../../src/log.ts";
import { backoffDelay } from "../../src/backoff.ts";

const BACKOFF = { initialMs: 10, maxMs: 40 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("backoffDelay", () => {
  it.each([
    [1, 0],
    [2, 500],
    [3, 1_000],
    [4, 2_000],
    [8, 30_000],
    [200, 30_000],
  ])("waits %i failures in a row %i ms", (failures, ms) => {
    expect(backoffDelay(failures, { initialMs: 500, maxMs: 30_000 })).toBe(ms);
  });
});

describe("retryAdapter", () => {
  it("tries again with growing waits until the adapter starts, showing the last failure meanwhile", async () => {
    const tries: number[] = [];
    const started: string[] = [];
    const bot = { stop: async () => {} };
    const retry = retryAdapter({
      name: "discord",
      firstError: new Error("discord: login failed: An invalid token was provided."),
      start: async () => {
        tries.push(Date.now());
        if (tries.length < 4) throw new Error(`discord: login failed: try ${tries.length}`);
        return bot;
      },
      onStarted: () => started.push("discord"),
      logger: silentLogger,
      backoff: BACKOFF,
    });
    expect(retry.state()).toBe("failed");
    expect(retry.reason()).toMatch(/^discord: login failed: An invalid token was provided\.; retrying in \d+ ms$/u);
    while (started.length === 0) await sleep(5);
    expect(tries).toHaveLength(4);
    const waits = tries.slice(1).map((t, i) => t - tries[i]!);
    // 20, 40, 40 ms (each wait after a try, plus a little).
    expect(waits.every((w, i) => w >= [20, 40, 40][i]! - 2)).toBe(true);
    expect(retry.reason()).toMatch(/^discord: login failed: try 3; /u);
    expect(started).toEqual(["discord"]);
  });

  it("stops trying once stopped, and stops an adapter that started meanwhile", async () => {
    let stops = 0;
    let tries = 0;
    const retry = retryAdapter({
      name: "slack",
      firstError: new Error("slack: auth.test failed"),
      start: async () => {
        tries += 1;
        await sleep(30);
        return { stop: async () => void (stops += 1) };
      },
      onStarted: () => expect.unreachable("started after stop()"),
      logger: silentLogger,
      backoff: BACKOFF,
    });
    await sleep(15); // the first retry is under way
    await retry.stop();
    expect({ tries, stops }).toEqual({ tries: 1, stops: 1 });
    await sleep(60);
    expect(tries).toBe(1);
  });
});
