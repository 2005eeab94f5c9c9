import { describe, expect, it } from "vitest";
import { runSteps, runStepsSliced, type Steps } from "../../src/knowledge/steps.ts";

/** A job of `n` steps, each busy for `stepMs`, that returns how many steps it took. */
function* busy(n: number, stepMs: number): Steps<number> {
  for (let i = 0; i < n; i++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) {
      // busy, like parsing a file
    }
    yield;
  }
  return n;
}

describe("runSteps", () => {
  it("runs every step and returns the job's result", () => {
    expect(runSteps(busy(5, 0))).toBe(5);
  });
});

describe("runStepsSliced", () => {
  it("returns the same result as running the steps at once", async () => {
    expect(await runStepsSliced(busy(5, 0))).toBe(5);
  });

  it("gives the event loop a turn between slices, so timers run while a long job goes on", async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const started = performance.now();
    await runStepsSliced(busy(40, 2), 8);
    clearInterval(timer);
    // About 80 ms of work in slices of 8 ms: the timer ran between them.
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it("never yields for a job shorter than one slice", async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    await runStepsSliced(busy(3, 0), 1_000);
    expect(ran).toBe(false);
  });
});
