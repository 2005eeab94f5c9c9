// The state directory's JSON-lines logs lose nothing silently: torn lines (a crash, a full
// disk), unreadable lines and rotations are repaired, reported and counted.
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createJsonlLog, describeUnreadable } from "../../../src/bots/shared/jsonl-log.ts";
import { createLogger } from "../../../src/log.ts";
import { createMetrics } from "../../../src/health/metrics.ts";
import { openInProcessState } from "../../../src/shared/shared-state.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");

interface Row {
  n: number;
  text: string;
}

function memoryLogger() {
  const raw: string[] = [];
  return { logger: createLogger({ level: "debug", write: (l) => raw.push(l) }), lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const row = (n: number): Row => ({ n, text: `record ${n} ${"x".repeat(40)}` });

describe("JSON-lines log", () => {
  it("ends a torn last line before the next record, and the reader reports the torn one by file and line", async () => {
    const dir = await tempDir("jsonl-torn");
    const file = join(dir, "refusals.jsonl");
    await writeFile(file, `${JSON.stringify(row(1))}\n${JSON.stringify(row(2))}\n{"n":3,"text":"rec`);
    const memory = memoryLogger();
    const log = createJsonlLog<Row>({ stateDir: dir, name: "refusals", logger: memory.logger });

    await log.append(row(4));
    const read = await log.read();
    expect(read.entries.map((r) => r.n)).toEqual([1, 2, 4]);
    expect(read.unreadable).toEqual([{ file, line: 3 }]);
    expect(describeUnreadable(read.unreadable)).toEqual(["skipped 1 unreadable line in refusals.jsonl:3"]);
    expect(memory.lines().map((l) => [l.level, l.msg, l.file, l.line])).toEqual([
      ["warn", "state: ended a torn last line before appending", file, undefined],
      ["warn", "state: skipped an unreadable line", file, 3],
    ]);
  });

  it("cuts a write stopped by a full disk back to the last whole record", async () => {
    const dir = await tempDir("jsonl-full");
    // A file size limit (ulimit -f, 512-byte blocks) fails a write part-way, as a full disk does.
    const script = `
      import { createJsonlLog } from ${JSON.stringify(join(ROOT, "src/bots/shared/jsonl-log.ts"))};
      const log = createJsonlLog({ stateDir: ${JSON.stringify(dir)}, name: "refusals" });
      const written = [];
      let failure = null;
      for (let n = 1; n <= 40 && failure === null; n += 1) {
        try { await log.append({ n, text: "record " + n + " " + "x".repeat(40) }); written.push(n); } catch (err) { failure = err.message; }
      }
      console.log(JSON.stringify({ written, failure }));`;
    const child = spawnSync("sh", ["-c", `ulimit -f 2 && exec node --import tsx --input-type=module -e "$0"`, script], { cwd: ROOT, encoding: "utf8" });
    expect(child.stderr).toBe("");
    const { written, failure } = JSON.parse(child.stdout) as { written: number[]; failure: string | null };
    expect(failure).toMatch(/^state: .*refusals\.jsonl: could not write: EFBIG/);
    expect(written.length).toBeGreaterThan(5);

    const text = await readFile(join(dir, "refusals.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const after = createJsonlLog<Row>({ stateDir: dir, name: "refusals" });
    await after.append(row(100));
    expect(await after.read()).toEqual({ entries: [...written.map(row), row(100)], unreadable: [] });
  });

  it("logs each rotation with the records it dropped", async () => {
    const dir = await tempDir("jsonl-rotate");
    const memory = memoryLogger();
    const dropped: number[] = [];
    const log = createJsonlLog<Row>({ stateDir: dir, name: "feedback", maxBytes: 300, logger: memory.logger, onDropped: (n) => dropped.push(n) });
    for (let n = 1; n <= 20; n += 1) await log.append(row(n));

    const kept = (await log.readAll()).map((r) => r.n);
    const rotations = memory.lines().filter((l) => l.msg === "state: log rotated");
    expect(rotations.length).toBeGreaterThan(2);
    expect(rotations[0]).toMatchObject({ level: "info", file: log.file, rotatedTo: log.rotatedFile, maxBytes: 300, dropped: 0 });
    // Every record is either still kept or counted as dropped, oldest first.
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(20 - kept.length);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 21 - kept.length + i));
    expect(rotations.slice(1).map((l) => l.dropped)).toEqual(dropped);
  });

  it("counts the records rotations dropped in /metrics, by log", async () => {
    const dir = await tempDir("jsonl-metrics");
    const metrics = createMetrics({ defaultMetrics: false });
    const state = openInProcessState({ stateDir: dir, logger: memoryLogger().logger, perMinute: 0, registry: metrics.registry });
    for (let n = 1; n <= 3_000; n += 1) {
      await state.logs.refusals.append({ at: "2025-01-01T00:00:00.000Z", platform: "slack", question: "q".repeat(4_000), lang: "en", refusal: "no-support", kbVersion: `v${n}` });
    }
    const kept = (await state.logs.refusals.readAll()).length;
    const body = (await metrics.render()).body;
    expect(body).toContain("# TYPE chokepoint_log_records_dropped_total counter");
    expect(body).toContain(`chokepoint_log_records_dropped_total{log="refusals"} ${3_000 - kept}`);
  });
});
