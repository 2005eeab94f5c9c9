import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toDataFiles, writeDataFiles } from "../../bench/serialize.ts";
import { loadBase } from "../../bench/suite.ts";
import { generateKnowledge } from "../../bench/synth.ts";
import { DATA_DIR } from "../helpers/engine.ts";

const LOAD = join(import.meta.dirname, "..", "..", "src", "knowledge", "load.ts");

describe("loadKnowledge", () => {
  it("reads an archive of more files than the process may open at once", async () => {
    const sk = generateKnowledge(await loadBase(DATA_DIR), { articles: 300 });
    const root = await mkdtemp(join(tmpdir(), "chokepoint-load-"));
    try {
      const dir = join(root, "data");
      await writeDataFiles(toDataFiles(sk.data, "data"), dir);
      // About 600 files under a limit of 128 open files (node itself holds a few dozen).
      const script = `const { loadKnowledge } = await import(${JSON.stringify(LOAD)}); const r = await loadKnowledge(${JSON.stringify(dir)}); console.log(JSON.stringify({ errors: r.errors, articles: r.data?.articles.length }));`;
      const run = spawnSync("bash", ["-c", `ulimit -n 128 && exec node --import tsx --input-type=module -e "$0"`, script], { encoding: "utf8" });
      expect(run.stderr).not.toMatch(/Error/);
      expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toEqual({ errors: [], articles: 300 });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
