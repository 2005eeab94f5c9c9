// One start of the engine `npm start` runs, in a fresh process: the knowledge thread loads the
// data directory (from its index snapshot when there is one of the data's version), then one
// question is answered. Prints, as one JSON line, the milliseconds from the process's start
// to the engine being ready and to the first answer, and how the load went.
import { existsSync } from "node:fs";
import { snapshotFile } from "../src/engine/index-snapshot.ts";
import { createThreadEngine } from "../src/engine/thread-engine.ts";
import type { StartupLoad } from "../src/engine/engine-thread-protocol.ts";

const [dataDir, snapshotDir, question] = process.argv.slice(2) as [string, string, string];
let startup: StartupLoad | null = null;
const engine = await createThreadEngine({ dataDir, snapshotDir, rememberAnswers: 0, onStartupLoad: (info) => (startup = info) });
const readyMs = performance.now();
const answer = await engine.ask(question);
const firstAnswerMs = performance.now();
// A built index's snapshot is written after the load: wait for it before exiting (2 min at most).
const built = startup as StartupLoad | null;
if (built?.from === "built" && built.version) {
  const file = snapshotFile(snapshotDir, built.version);
  for (let i = 0; i < 1_200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
}
await engine.close();
process.stdout.write(`${JSON.stringify({ readyMs: Math.round(readyMs), firstAnswerMs: Math.round(firstAnswerMs), answered: answer.refusal === null, startup })}\n`);
