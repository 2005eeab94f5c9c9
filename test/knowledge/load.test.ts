import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toDataFiles, writeDataFiles } from "../../bench/serialize.ts";
import { loadBase } from "../../bench/suite.ts";
import { generateKnowledge } from "../../bench/synth.ts";
import { hashDataDir, loadKnowledge } from "../../src/knowledge/load.ts";
import { formatDataError } from "../../src/knowledge/report.ts";
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
    // Generating 300 articles and loading them in a child takes ~10 s alone, over 20 s on a busy machine.
  }, 60_000);
});

describe("loadKnowledge refuses what it cannot read, naming the file", () => {
  const withData = async (change: (dir: string) => Promise<void>) => {
    const root = await mkdtemp(join(tmpdir(), "chokepoint-load-"));
    const dir = join(root, "data");
    await cp(DATA_DIR, dir, { recursive: true });
    await change(dir);
    try {
      return (await loadKnowledge(dir)).errors.map(formatDataError);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };

  it("refuses a file over the size limit, naming it and the limit", async () => {
    const errors = await withData(async (dir) => {
      const file = join(dir, "articles", "why-trump-allowed-h20.md");
      await writeFile(file, (await readFile(file, "utf8")) + "가".repeat(3 * 2 ** 20));
    });
    expect(errors).toEqual(["knowledge: data/articles/why-trump-allowed-h20.md: 9.0 MB, over the 4 MB limit of a data file"]);
  });

  it("names a facts path that is a directory", async () => {
    const errors = await withData((dir) => mkdir(join(dir, "facts", "stray.yaml")));
    expect(errors).toEqual(["knowledge: data/facts/stray.yaml: cannot read: EISDIR (a directory, not a file)"]);
  });

  it("says so when the data directory is missing", async () => {
    const errors = await withData((dir) => rm(dir, { recursive: true }));
    expect(errors).toEqual(["knowledge: data: data directory not found"]);
  });

  it("hashes a data directory, one file at a time, to the version loading it gives", async () => {
    const dir = await mkdtemp(join(tmpdir(), "chokepoint-hash-"));
    try {
      const data = join(dir, "data");
      await cp(join(import.meta.dirname, "..", "..", "data"), data, { recursive: true });
      const version = (await loadKnowledge(data)).data!.version;
      expect(await hashDataDir(data)).toBe(version);
      await writeFile(join(data, "articles", "zz-extra.md"), "not an article");
      expect(await hashDataDir(data)).not.toBe(version);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
