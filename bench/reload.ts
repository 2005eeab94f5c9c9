// The event loop while the knowledge base reloads: questions keep arriving (one every 25 ms,
// answered on the snapshot current when asked) while the store builds the next index. The
// loop's worst delay is how long a Slack ack or a Discord heartbeat could wait. The worst
// delay is also split by phase: while the index builds, and after (the store's own work:
// comparing the two versions, swapping them).
import { setTimeout as sleep } from "node:timers/promises";
import type { Engine } from "../src/answer/engine-types.ts";
import { summarize, watchEventLoop, type LatencySummary, type LoopDelay, type LoopGap } from "./measure.ts";

export interface ReloadFigures {
  /** Wall time of the reload, ms. */
  durationMs: number;
  ok: boolean;
  delay: LoopDelay;
  /** Worst loop delay that ended while the index was being built, ms. */
  buildMaxMs: number;
  /**
   * The same, leaving out delays during which a question was being answered: what the build
   * itself (and the garbage collector) held the loop for, ms.
   */
  buildOnlyMaxMs: number;
  /** Longest single answer while the reload ran, ms (answers hold the loop too). */
  longestAnswerMs: number;
  /** Worst loop delay that ended after the index was built (the store's work), ms. */
  afterBuildMaxMs: number;
  /** Questions answered while the reload ran. */
  asked: number;
  /** From the moment a question was due to its answer: waiting for the loop plus answering. */
  askLatency: LatencySummary;
}

export interface ReloadOptions {
  /** A question is due every this many ms. Default 25. */
  askEveryMs?: number;
  /** When the index build finished (performance.now()), for the split by phase. */
  buildEndedAt?: () => number | null;
}

export async function measureReload(engine: Engine, questions: readonly string[], options: ReloadOptions = {}): Promise<ReloadFigures> {
  const every = options.askEveryMs ?? 25;
  const latencies: number[] = [];
  /** When each answer started and ended. */
  const answering: Array<[number, number]> = [];
  /** When the reload ended; every question due before then is asked and counted. */
  let endedAt = Infinity;
  let i = 0;
  const asker = (async () => {
    let due = performance.now() + every;
    while (due < endedAt) {
      await sleep(Math.max(0, due - performance.now()));
      if (due >= endedAt) break;
      const start = performance.now();
      engine.ask(questions[i % questions.length] ?? "H20");
      answering.push([start, performance.now()]);
      i += 1;
      latencies.push(performance.now() - due);
      // After a stall, the questions that fell due meanwhile are one late question, not a backlog.
      due = Math.max(due + every, performance.now());
    }
  })();
  const { value: report, delay, gaps, ms } = await watchEventLoop(async () => {
    try {
      return await engine.reload("bench");
    } finally {
      endedAt = performance.now();
    }
  });
  await asker;
  const builtAt = options.buildEndedAt?.() ?? Infinity;
  const worst = (list: LoopGap[]) => Math.round(Math.max(0, ...list.map((g) => g.ms)) * 10) / 10;
  // Answers come one after another, so their intervals are sorted and disjoint.
  const withAnswer = (g: LoopGap) => {
    const from = g.endedAt - g.ms;
    let lo = 0;
    let hi = answering.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const [a, b] = answering[mid]!;
      if (b <= from) lo = mid + 1;
      else if (a >= g.endedAt) hi = mid - 1;
      else return true;
    }
    return false;
  };
  const inBuild = gaps.filter((g) => g.endedAt <= builtAt);
  return {
    durationMs: Math.round(ms),
    ok: report.ok,
    delay,
    buildMaxMs: worst(inBuild),
    buildOnlyMaxMs: worst(inBuild.filter((g) => !withAnswer(g))),
    longestAnswerMs: Math.round(Math.max(0, ...answering.map(([a, b]) => b - a)) * 10) / 10,
    afterBuildMaxMs: worst(gaps.filter((g) => g.endedAt > builtAt)),
    asked: latencies.length,
    askLatency: summarize(latencies),
  };
}
