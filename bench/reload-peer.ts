// One reload measured in a process of its own (started by suite.ts), so that the serving
// thread's heap holds what `npm start`'s holds, not the bench's synthetic archives and
// indexes, whose garbage collection would land on the loop being measured. Reads a
// ReloadRun as one JSON line on stdin; writes the ReloadFigures as one JSON line on stdout.
import { rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createThreadEngine } from "../src/engine/thread-engine.ts";
import { measureReload } from "./reload.ts";

export interface ReloadRun {
  /** The serving version's data files; the engine loads them from here. */
  dataDir: string;
  /** The next version's data files, moved into `dataDir` before the reload. */
  nextDir: string;
  questions: string[];
  askEveryMs: number;
}

const line = await createInterface({ input: process.stdin })[Symbol.asyncIterator]().next();
const run = JSON.parse(String(line.value)) as ReloadRun;
const engine = await createThreadEngine({ dataDir: run.dataDir, rememberAnswers: 0 });
try {
  await rm(run.dataDir, { recursive: true, force: true });
  await rename(run.nextDir, run.dataDir);
  const figures = await measureReload(engine, run.questions, { askEveryMs: run.askEveryMs });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await engine.close();
}
