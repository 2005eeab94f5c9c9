// The engine on a knowledge thread of its own: the same answers as the engine on this thread,
// reloads and rollbacks through it, load errors at start-up, and a thread that stops.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/engine.ts";
import { createThreadEngine, type ThreadEngine } from "../../src/engine/thread-engine.ts";
import { KnowledgeLoadError } from "../../src/knowledge/store.ts";
import { DATA_DIR } from "../helpers/engine.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const FRAGILE = new URL("./fixtures/fragile-thread.mjs", import.meta.url);

async function copyData(): Promise<string> {
  const dir = join(await tempDir("data"), "data");
  await cp(DATA_DIR, dir, { recursive: true });
  return dir;
}

const open: ThreadEngine[] = [];
async function threadEngine(options: Parameters<typeof createThreadEngine>[0]): Promise<ThreadEngine> {
  const engine = await createThreadEngine(options);
  open.push(engine);
  return engine;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

describe("createThreadEngine", () => {
  it("answers, and describes its snapshot, exactly as the engine on this thread", async () => {
    const remote = await threadEngine({ dataDir: DATA_DIR });
    const local = await createEngine({ dataDir: DATA_DIR });
    for (const q of ["H20 수출은 왜 승인됐나?", "What is the B40?", "What is the price of Tesla stock?", "", "@everyone 희토류"]) {
      expect(await remote.ask(q)).toEqual(local.ask(q));
    }
    expect(await remote.timeline("H20", "en")).toEqual(local.timeline("H20", "en"));
    const records = [{ at: new Date().toISOString(), question: "What is the price of Tesla stock?", kind: "refused" as const }];
    const gapOptions = { days: 7, now: new Date() };
    expect(await remote.gaps(records, gapOptions)).toEqual(local.gaps(records, gapOptions));
    expect(remote.status().version).toBe(local.status().version);
    expect(remote.status().counts).toEqual(local.status().counts);
    expect(remote.sources()).toEqual(local.sources());
    expect(remote.usage("ko")).toEqual(local.usage("ko"));
    expect(remote.usage("en")).toEqual(local.usage("en"));
  });

  it("reloads and rolls back on the thread, and its status follows", async () => {
    const dir = await copyData();
    const engine = await threadEngine({ dataDir: dir });
    const before = engine.status().version;
    const question = "What did David Sacks compare AI to?";
    expect((await engine.ask(question)).text).toMatch(/dollar/);
    const file = join(dir, "facts", "why-trump-allowed-h20.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace(/^(\s+en: .*)$/gmu, (line) => line.replace(/dollar/gu, "greenback")));

    const report = await engine.reload("slack:U1");
    expect(report.ok).toBe(true);
    expect(report.facts.changed).toEqual(["why-trump-allowed-h20-13", "why-trump-allowed-h20-14"]);
    expect(engine.status().version).not.toBe(before);
    expect(engine.status().loadedBy).toBe("slack:U1");
    expect((await engine.ask(question)).text).toMatch(/greenback/);

    const back = await engine.rollback("slack:U1");
    expect(back.ok).toBe(true);
    expect(engine.status().version).toBe(before);
    expect((await engine.ask(question)).text).not.toMatch(/greenback/);
  });

  it("fails to start with the data's errors, each naming its file", async () => {
    const dir = await copyData();
    const file = join(dir, "facts", "why-trump-allowed-h20.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("article: why-trump-allowed-h20", "article: ghost"));
    const started = createThreadEngine({ dataDir: dir });
    await expect(started).rejects.toBeInstanceOf(KnowledgeLoadError);
    await expect(started).rejects.toThrow(/why-trump-allowed-h20\.yaml: article: unknown article id "ghost"/u);
  });

  it("fails the calls of a thread that stopped, and answers the next ones on a new thread", async () => {
    const exits: Array<{ reason: string; restarting: boolean }> = [];
    const engine = await threadEngine({ dataDir: DATA_DIR, entry: FRAGILE, onThreadExit: (info) => exits.push(info) });
    const first = engine.threadId();
    const lost = engine.ask("stop the thread");
    await expect(lost).rejects.toThrow(/engine: the knowledge thread stopped \(exited with code 3\) before answering; ask again/u);
    expect(exits).toEqual([{ reason: "exited with code 3", restarting: true }]);
    const answer = await engine.ask("H20 수출은 왜 승인됐나?");
    expect(answer.answered).toBe(true);
    expect(engine.threadId()).not.toBe(first);
  });

  it("gives up after three stops in a row, with a message that says so", async () => {
    const engine = await threadEngine({ dataDir: DATA_DIR, entry: FRAGILE });
    for (let i = 0; i < 4; i++) await expect(engine.ask("stop the thread")).rejects.toThrow(/stopped/u);
    await expect(engine.ask("H20")).rejects.toThrow(/engine: the knowledge thread stopped 4 times in a row/u);
  });

  it("refuses calls once closed", async () => {
    const engine = await createThreadEngine({ dataDir: DATA_DIR });
    await engine.close();
    await expect(engine.ask("H20")).rejects.toThrow("engine: closed");
  });
});
