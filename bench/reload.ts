// The event loop while the knowledge base reloads: questions keep arriving (one every 25 ms,
// answered on the snapshot current when asked) while the store parses the data files, builds
// the next index and compares the two versions. The loop's worst delay is how long a Slack
// ack or a Discord heartbeat could wait. It is also split by phase, and with and without the
// delays during which a question was being answered (an answer holds the loop too).
import { setTimeout as sleep } from "node:timers/promises";
import type { Engine } from "../src/answer/engine-types.ts";
import { summarize, watchEventLoop, type LatencySummary, type LoopDelay, type LoopGap } from "./measure.ts";

export interface ReloadFigures {
  /** Wall time of the reload, ms. */
  durationMs: number;
  ok: boolean;
  delay: LoopDelay;
  /**
   * Worst loop delay leaving out the delays during which a question was being answered: what
   * the reload itself (and the garbage collector) held the loop for, ms.
   */
  reloadOnlyMaxMs: number;
  /** Worst loop delay that ended while the data files were parsed, ms. */
  parseMaxMs: number;
  /** … while the index was being built, ms. */
  buildMaxMs: number;
  /** … after the index was built (comparing the versions, swapping them), ms. */
  afterBuildMaxMs: number;
  /** Time spent parsing, and building the index, ms. */
  parseMs: number;
  buildMs: number;
  /** Longest single answer while the reload ran, ms. */
  longestAnswerMs: number;
  /** A question was due every this many ms. */
  askEveryMs: number;
  /** Questions answered while the reload ran. */
  asked: number;
  /** From the moment a question was due to its answer: waiting for the loop plus answering. */
  askLatency: LatencySummary;
}

export interface ReloadOptions {
  /** A question is due every this many ms. Default 25. */
  askEveryMs?: number;
  /** When the parse and the index build finished (performance.now()), for the split by phase. */
  parseEndedAt?: () => number | null;
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
  const startedAt = endedAt - ms;
  const parsedAt = options.parseEndedAt?.() ?? startedAt;
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
  return {
    durationMs: Math.round(ms),
    ok: report.ok,
    delay,
    reloadOnlyMaxMs: worst(gaps.filter((g) => !withAnswer(g))),
    parseMaxMs: worst(gaps.filter((g) => g.endedAt <= parsedAt)),
    buildMaxMs: worst(gaps.filter((g) => g.endedAt > parsedAt && g.endedAt <= builtAt)),
    afterBuildMaxMs: worst(gaps.filter((g) => g.endedAt > builtAt)),
    parseMs: Math.round(parsedAt - startedAt),
    buildMs: Number.isFinite(builtAt) ? Math.round(builtAt - parsedAt) : 0,
    longestAnswerMs: Math.round(Math.max(0, ...answering.map(([a, b]) => b - a)) * 10) / 10,
    askEveryMs: every,
    asked: latencies.length,
    askLatency: summarize(latencies),
  };
}
