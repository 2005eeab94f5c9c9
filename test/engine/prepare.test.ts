// A reload prepared in a worker thread serves exactly what a load on this thread would.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateQuestions } from "../../bench/questions.ts";
import { toDataFiles, writeDataFiles } from "../../bench/serialize.ts";
import { loadBase } from "../../bench/suite.ts";
import { generateKnowledge } from "../../bench/synth.ts";
import { analyzeQuery } from "../../src/search/analysis.ts";
import { prepareInWorker } from "../../src/engine/prepare.ts";
import { buildSearchIndex, searchIndex } from "../../src/search/search-index.ts";
import { diffData } from "../../src/knowledge/changes.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { DATA_DIR } from "../helpers/engine.ts";

const base = await loadBase(DATA_DIR);
const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "chokepoint-prepare-")), "data");
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((d) => rm(join(d, ".."), { recursive: true, force: true }))));

describe("prepareInWorker", () => {
  it("hands over the data, index and comparison keys that loading here would make", async () => {
    const sk = generateKnowledge(base, { articles: 30 });
    const dir = await dataDir();
    await writeDataFiles(toDataFiles(sk.data, "data"), dir);
    let handedOver = false;
    const prepared = await prepareInWorker(dir, { onHandover: () => (handedOver = true) });
    const local = await loadKnowledge(dir);
    expect(prepared.errors).toEqual([]);
    expect(handedOver).toBe(true);
    expect(prepared.data).toEqual(local.data);
    expect(prepared.warnings).toEqual(local.warnings);

    const built = buildSearchIndex(local.data!);
    const index = prepared.index!;
    expect(index.docs).toEqual(built.docs);
    expect([...index.df]).toEqual([...built.df]);
    expect(index.postings.segments).toEqual(built.postings.segments);
    for (const q of generateQuestions(sk, 30).map((x) => x.q)) {
      const tokens = analyzeQuery(q, built.glossary).tokens;
      expect(searchIndex(index, tokens, { limit: 20 })).toEqual(searchIndex(built, tokens, { limit: 20 }));
    }
    // The keys computed in the worker compare as those computed here.
    const older = { ...local.data!, version: "older", facts: local.data!.facts.slice(5).map((f, i) => (i < 3 ? { ...f, quote: "x" } : f)) };
    const changes = diffData(older, prepared.data);
    expect(changes).toEqual(diffData(older, local.data));
    expect(changes.facts.added).toHaveLength(5);
    expect(changes.facts.changed).toHaveLength(3);
  });

  it("runs the worker at the lowest priority, leaving the serving thread's as it was", async () => {
    const sk = generateKnowledge(base, { articles: 5 });
    const dir = await dataDir();
    await writeDataFiles(toDataFiles(sk.data, "data"), dir);
    const before = getPriority();
    let workerPriority: number | null | undefined;
    const prepared = await prepareInWorker(dir, { onHandover: (w) => (workerPriority = w.priority) });
    expect(prepared.errors).toEqual([]);
    // Linux schedules threads by their own priority; elsewhere the worker reports none.
    expect(workerPriority).toBe(process.platform === "linux" ? 19 : null);
    expect(getPriority()).toBe(before);
  });

  it("reports the data's errors, naming the file, without throwing", async () => {
    const dir = await dataDir();
    const files = toDataFiles(base, "data");
    await writeDataFiles(files, dir);
    const factFile = files.facts[0]!.path.split("/").slice(1).join("/");
    await writeFile(join(dir, factFile), "article: [unclosed\n");
    const prepared = await prepareInWorker(dir);
    expect(prepared.data).toBeNull();
    expect(prepared.index).toBeUndefined();
    expect(prepared.errors.map((e) => e.file)).toContain(`data/${factFile}`);
  });

  it("reports a missing data directory as an error of the load", async () => {
    const prepared = await prepareInWorker(join(tmpdir(), "chokepoint-no-such-dir", "data"));
    expect(prepared.data).toBeNull();
    expect(prepared.errors).toEqual([{ file: "data", path: "", message: "data directory not found" }]);
  });
});
