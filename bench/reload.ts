// The event loop while the knowledge base reloads: questions keep arriving (one every 25 ms,
// answered on the snapshot current when asked) while a worker thread parses the data files
// and builds the next index, this thread takes them over, and the store compares the two
// versions. The loop's worst delay is how long a Slack
// ack or a Discord heartbeat could wait. It is also split by phase, and with and without the
// delays during which a question was being answered (an answer holds the loop too).
import { setTimeout as sleep } from "node:timers/promises";
import type { Engine } from "../src/answer/engine-types.ts";
import { summarize, watchEventLoop, type LatencySummary, type LoopDelay, type LoopGap } from "./measure.ts";

export interface ReloadFigures {
  /** Wall time of the reload, ms. */
  durationMs: number;
  ok: boolean;
  /** The reload's errors, when it failed (file: message). */
  errors: string[];
  delay: LoopDelay;
  /**
   * Worst loop delay leaving out the delays during which a question was being answered: what
   * the reload itself (and the garbage collector) held the loop for, ms.
   */
  reloadOnlyMaxMs: number;
  /** Worst loop delay that ended while the worker parsed the files and built the index, ms. */
  workerMaxMs: number;
  /** … while this thread took the data and the index over from the worker, ms. */
  handoverMaxMs: number;
  /** … after the handover (swapping the versions, comparing them), ms. */
  afterMaxMs: number;
  /** Time the worker took (parse and index), and the handover, ms. */
  workerMs: number;
  handoverMs: number;
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
  /** When the worker finished and when the handover did (performance.now()), for the split by phase. */
  workerEndedAt?: () => number | null;
  handoverEndedAt?: () => number | null;
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
  const workedAt = options.workerEndedAt?.() ?? startedAt;
  const handedAt = options.handoverEndedAt?.() ?? Infinity;
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
    errors: report.errors.map((e) => `${e.file}${e.path ? `: ${e.path}` : ""}: ${e.message}`),
    delay,
    reloadOnlyMaxMs: worst(gaps.filter((g) => !withAnswer(g))),
    workerMaxMs: worst(gaps.filter((g) => g.endedAt <= workedAt)),
    handoverMaxMs: worst(gaps.filter((g) => g.endedAt > workedAt && g.endedAt <= handedAt)),
    afterMaxMs: worst(gaps.filter((g) => g.endedAt > handedAt)),
    workerMs: Math.round(workedAt - startedAt),
    handoverMs: Number.isFinite(handedAt) ? Math.round(handedAt - workedAt) : 0,
    longestAnswerMs: Math.round(Math.max(0, ...answering.map(([a, b]) => b - a)) * 10) / 10,
    askEveryMs: every,
    asked: latencies.length,
    askLatency: summarize(latencies),
  };
}
