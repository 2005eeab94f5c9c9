// npm run bench:restart [-- --articles=10000]: time to the first answer after a start, with
// and without the index snapshot (engine/index-snapshot.ts). A synthetic archive is written
// to a scratch directory; the first start builds the index and writes its snapshot, the
// next ones load it. Each start is a process of its own (restart-peer.ts), timed from the
// process's own start, so the figure includes Node, tsx and the knowledge thread starting.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { toDataFiles, writeDataFiles } from "./serialize.ts";
import { DEFAULT_SEED, generateKnowledge } from "./synth.ts";

const ROOT = join(import.meta.dirname, "..");
const PEER = join(import.meta.dirname, "restart-peer.ts");
const arg = process.argv.find((a) => a.startsWith("--articles="));
const articles = arg ? Number(arg.split("=")[1]) : 10_000;
const runs = 3;

interface Start {
  readyMs: number;
  firstAnswerMs: number;
  answered: boolean;
  startup: { from: string; ms: number; reason?: string } | null;
}

function start(dataDir: string, snapshotDir: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const peer = spawn(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", PEER, dataDir, snapshotDir, "What is the H20?"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    peer.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    peer.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Start) : reject(new Error(`bench: restart peer exited with ${code}`))));
  });
}

const base = await loadKnowledge(join(ROOT, "data"));
if (!base.data) throw new Error("bench: the bundled data has errors");
const dir = await mkdtemp(join(tmpdir(), "chokepoint-restart-"));
try {
  const dataDir = join(dir, "data");
  const snapshotDir = join(dir, "index");
  await writeDataFiles(toDataFiles(generateKnowledge(base.data, { articles, seed: DEFAULT_SEED }).data), dataDir);
  process.stderr.write(`restart: ${articles} articles written; first start (builds the index)…\n`);
  const cold = await start(dataDir, snapshotDir);
  if (!existsSync(snapshotDir) || !(await readdir(snapshotDir)).some((n) => n.endsWith(".snapshot"))) throw new Error("bench: the first start wrote no snapshot");
  const warm: Start[] = [];
  for (let i = 0; i < runs; i++) warm.push(await start(dataDir, snapshotDir));
  const result = { articles, cold, warm };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(
    `restart: without snapshot first answer at ${cold.firstAnswerMs} ms; with it ${warm.map((w) => w.firstAnswerMs).join(", ")} ms (${warm.map((w) => w.startup?.from).join(", ")})\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
