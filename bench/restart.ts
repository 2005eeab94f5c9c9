// npm run bench:restart [-- --articles=10000] [-- --runs=5] [-- --dir=PATH]: time to the first
// answer after a start, with and without the index snapshot (engine/index-snapshot.ts), on
// the path `npm start` runs: `node dist/main.js` (built first, as `npm start` does), the
// terminal chat on a synthetic archive, one question piped in. The time is from spawning the
// process to the answer's first byte on its stdout, so it includes Node, loading the built
// modules, starting the knowledge thread and the load. The first start builds the index and
// writes its snapshot; the next ones load it. --dir keeps the archive (and its snapshot) in
// PATH for another run instead of a scratch directory removed at the end; with --warm-only a
// snapshot already there is used and the first start left out.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { toDataFiles, writeDataFiles } from "./serialize.ts";
import { DEFAULT_SEED, generateKnowledge } from "./synth.ts";

const ROOT = join(import.meta.dirname, "..");
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const articles = Number(option("articles") ?? 10_000);
const runs = Number(option("runs") ?? 5);
const keep = option("dir");
const warmOnly = process.argv.includes("--warm-only");
const QUESTION = "What is the H20?";

interface Start {
  /** Spawn to the answer's first byte on stdout. */
  firstAnswerMs: number;
  /** How the knowledge thread's start-up load went, from the bot's debug log. */
  startup: { from: string; ms: number; reason?: string } | null;
  /** Load averages (1, 5, 15 min) when the start began. */
  load: number[];
}

/** One `node dist/main.js` in a directory of its own (no .env, no platform settings). */
function start(dataDir: string, stateDir: string, waitFor: (() => boolean) | null): Promise<Start> {
  return new Promise((done, fail) => {
    const load = loadavg().map((l) => Math.round(l * 100) / 100);
    const began = performance.now();
    const bot = spawn(process.execPath, [join(ROOT, "dist", "main.js")], {
      cwd: stateDir,
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, STATE_DIR: stateDir, LOG_LEVEL: "debug" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let firstAnswerMs: number | null = null;
    let err = "";
    bot.stdout.on("data", (c: Buffer) => {
      if (firstAnswerMs === null) {
        firstAnswerMs = performance.now() - began;
        // The cold start writes its snapshot after answering: end the input once it is there.
        void (async () => {
          for (let i = 0; waitFor && i < 1_200 && !waitFor(); i++) await new Promise((r) => setTimeout(r, 100));
          bot.stdin.end();
        })();
      }
    });
    bot.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    bot.stdin.write(`${QUESTION}\n`);
    bot.once("exit", (code) => {
      if (code !== 0 || firstAnswerMs === null) return fail(new Error(`bench: node dist/main.js exited with ${code}: ${err.slice(-2_000)}`));
      const line = err.split("\n").find((l) => l.includes("knowledge base loaded from its index snapshot") || l.includes("knowledge base built"));
      const record = line ? (JSON.parse(line) as { from: string; ms: number; reason?: string }) : null;
      done({ firstAnswerMs: Math.round(firstAnswerMs), startup: record ? { from: record.from, ms: record.ms, ...(record.reason ? { reason: record.reason } : {}) } : null, load });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};

// `npm start` brings dist/ up to date the same way before it starts.
const built = spawnSync(process.execPath, [join(ROOT, "scripts", "ensure-built.mjs")], { cwd: ROOT, stdio: "inherit" });
if (built.status !== 0) throw new Error("bench: dist/ could not be brought up to date");

const dir = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), "chokepoint-restart-"));
try {
  const dataDir = join(dir, "data");
  const stateDir = join(dir, "state");
  const snapshotDir = join(stateDir, "index");
  await mkdir(stateDir, { recursive: true });
  if (!existsSync(dataDir)) {
    const base = await loadKnowledge(join(ROOT, "data"));
    if (!base.data) throw new Error("bench: the bundled data has errors");
    await writeDataFiles(toDataFiles(generateKnowledge(base.data, { articles, seed: DEFAULT_SEED }).data), dataDir);
    process.stderr.write(`restart: ${articles} articles written\n`);
  }
  const written = () => existsSync(snapshotDir) && readdirSync(snapshotDir).some((n) => n.endsWith(".snapshot"));
  let cold: Start | null = null;
  if (!warmOnly || !written()) {
    await rm(snapshotDir, { recursive: true, force: true });
    process.stderr.write("restart: first start (builds the index)…\n");
    cold = await start(dataDir, stateDir, written);
    if (!written()) throw new Error("bench: the first start wrote no snapshot");
  }
  const warm: Start[] = [];
  for (let i = 0; i < runs; i++) {
    warm.push(await start(dataDir, stateDir, null));
    process.stderr.write(`restart: start ${i + 1}: ${warm[i]!.firstAnswerMs} ms (load ${warm[i]!.startup?.ms} ms, ${warm[i]!.startup?.from}; load average ${warm[i]!.load.join(" ")})\n`);
  }
  const result = {
    articles,
    path: "node dist/main.js",
    cold,
    warm,
    median: { firstAnswerMs: median(warm.map((w) => w.firstAnswerMs)), loadMs: median(warm.map((w) => w.startup?.ms ?? 0)) },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`restart: without snapshot first answer at ${cold ? `${cold.firstAnswerMs} ms` : "(not run)"}; with it ${warm.map((w) => w.firstAnswerMs).join(", ")} ms, median ${result.median.firstAnswerMs} ms\n`);
} finally {
  if (!keep) await rm(dir, { recursive: true, force: true });
}
