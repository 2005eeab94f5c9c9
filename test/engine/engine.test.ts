// The engine over a data directory that an admin edits: reload, rollback, and answers that follow.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/engine.ts";
import { DATA_DIR } from "../helpers/engine.ts";
import { tempDir } from "../helpers/temp-dir.ts";

async function copyData(): Promise<string> {
  const dir = join(await tempDir("data"), "data");
  await cp(DATA_DIR, dir, { recursive: true });
  return dir;
}

describe("engine reload and rollback", () => {
  it("serves an edited fact after reload and the exact previous version after rollback", async () => {
    const dir = await copyData();
    const engine = await createEngine({ dataDir: dir });
    const before = engine.status().version;
    const question = "What did David Sacks compare AI to?";
    expect(engine.ask(question).text).toMatch(/dollar/);

    const file = join(dir, "facts", "why-trump-allowed-h20.yaml");
    const original = await readFile(file, "utf8");
    // Every English claim of the article now says "greenback" where it said "dollar".
    await writeFile(file, original.replace(/^(\s+en: .*)$/gmu, (line) => line.replace(/dollar/gu, "greenback")));
    const report = await engine.reload("admin");
    expect(report.ok).toBe(true);
    expect(report.facts.changed).toEqual(["why-trump-allowed-h20-13", "why-trump-allowed-h20-14"]);
    expect(report.facts.added).toEqual([]);
    expect(engine.ask(question).text).toMatch(/greenback/);

    const back = await engine.rollback("admin");
    expect(back.ok).toBe(true);
    expect(engine.status().version).toBe(before);
    expect(engine.status().loadedBy).toBe("admin");
    expect(engine.ask(question).text).not.toMatch(/greenback/);
  });

  it("keeps serving when an edit breaks the data, and the report names the error", async () => {
    const dir = await copyData();
    const engine = await createEngine({ dataDir: dir });
    const before = engine.status().version;
    const file = join(dir, "facts", "why-trump-allowed-h20.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("article: why-trump-allowed-h20", "article: ghost"));
    const report = await engine.reload("admin");
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => `${e.file}: ${e.path}: ${e.message}`)).toEqual(['data/facts/why-trump-allowed-h20.yaml: article: unknown article id "ghost"']);
    expect(engine.status().version).toBe(before);
    expect(engine.ask("What did David Sacks compare AI to?").answered).toBe(true);
  });
});
