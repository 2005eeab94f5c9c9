// The serving thread's event loop while the knowledge base reloads. The engine is the one
// `npm start` runs: the knowledge lives on a thread of its own, which parses the data files
// (in a worker of its own), builds the next index, takes the result over and compares the
// versions. Meanwhile a question is asked every 25 ms. The serving loop's worst delay is how
// long a Slack ack or a Discord heartbeat could wait; the questions' latency, from the moment
// each was due to its answer, is what the reload costs the askers.
import { setTimeout as sleep } from "node:timers/promises";
import type { Engine } from "../src/engine/engine-types.ts";
import { summarize, watchEventLoop, type LatencySummary, type LoopDelay } from "./measure.ts";

export interface ReloadFigures {
  /** Wall time of the reload, ms. */
  durationMs: number;
  ok: boolean;
  /** The reload's errors, when it failed (file: message). */
  errors: string[];
  /** The serving thread's event loop during the reload. */
  delay: LoopDelay;
  /** A question was due every this many ms. */
  askEveryMs: number;
  /** Questions answered while the reload ran. */
  asked: number;
  /** From the moment a question was due to its answer: waiting for the knowledge thread plus answering. */
  askLatency: LatencySummary;
}

export interface ReloadOptions {
  /** A question is due every this many ms. Default 25. */
  askEveryMs?: number;
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
      await engine.ask(questions[i % questions.length] ?? "H20");
      i += 1;
      latencies.push(performance.now() - due);
      // After a stall, the questions that fell due meanwhile are one late question, not a backlog.
      due = Math.max(due + every, performance.now());
    }
  })();
  const { value: report, delay, ms } = await watchEventLoop(async () => {
    try {
      return await engine.reload("bench");
    } finally {
      endedAt = performance.now();
    }
  });
  await asker;
  return {
    durationMs: Math.round(ms),
    ok: report.ok,
    errors: report.errors.map((e) => `${e.file}${e.path ? `: ${e.path}` : ""}: ${e.message}`),
    delay,
    askEveryMs: every,
    asked: latencies.length,
    askLatency: summarize(latencies),
  };
}
