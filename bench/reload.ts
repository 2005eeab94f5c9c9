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
  /** When the reload ended; every question due before then is asked and counted. */
  let endedAt = Infinity;
  let i = 0;
  const asker = (async () => {
    let due = performance.now() + every;
    while (due < endedAt) {
      await sleep(Math.max(0, due - performance.now()));
      if (due >= endedAt) break;
      engine.ask(questions[i % questions.length] ?? "H20");
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
  return {
    durationMs: Math.round(ms),
    ok: report.ok,
    delay,
    buildMaxMs: worst(gaps.filter((g) => g.endedAt <= builtAt)),
    afterBuildMaxMs: worst(gaps.filter((g) => g.endedAt > builtAt)),
    asked: latencies.length,
    askLatency: summarize(latencies),
  };
}
