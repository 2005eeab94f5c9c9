// The engine on a knowledge thread of its own: the same answers as the engine on this thread,
// reloads and rollbacks through it, load errors at start-up, and a thread that stops.
import { cp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/engine.ts";
import { createThreadEngine, type ThreadEngine } from "../../src/engine/thread-engine.ts";
import { KnowledgeLoadError } from "../../src/knowledge/store.ts";
import { DATA_DIR } from "../helpers/engine.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const FRAGILE = new URL("./fixtures/fragile-thread.mjs", import.meta.url);
/** Short waits between restarts, so that a test sees several. (Each restart loads the data: seconds on a busy machine.) */
const BACKOFF = { initialMs: 20, maxMs: 80 };

/** Why the engine cannot answer; "" when it can. */
const reasonOf = (engine: ThreadEngine): string => {
  const health = engine.health();
  return health.ok ? "" : health.reason;
};

/** Polls until `check` holds, failing after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

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
    const answered = local.ask("Did China approve H200 imports?");
    expect(await remote.followUps(answered)).toEqual(local.followUps(answered));
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
    const exits: Array<{ reason: string; retryInMs: number }> = [];
    const engine = await threadEngine({ dataDir: DATA_DIR, entry: FRAGILE, onThreadExit: (info) => exits.push(info) });
    const first = engine.threadId();
    const lost = engine.ask("stop the thread");
    await expect(lost).rejects.toThrow(/engine: the knowledge thread stopped \(exited with code 3\) before answering; ask again/u);
    expect(exits).toEqual([{ reason: "exited with code 3", retryInMs: 0 }]);
    const answer = await engine.ask("H20 수출은 왜 승인됐나?");
    expect(answer.answered).toBe(true);
    expect(engine.threadId()).not.toBe(first);
  });

  it("keeps restarting after stops in a row, waiting longer each time, and answers once a thread stays up", async () => {
    const exits: Array<{ reason: string; retryInMs: number }> = [];
    const engine = await threadEngine({ dataDir: DATA_DIR, entry: FRAGILE, backoff: BACKOFF, onThreadExit: (info) => exits.push(info) });
    for (let i = 0; i < 4; i++) {
      await until(() => engine.health().ok);
      await expect(engine.ask("stop the thread")).rejects.toThrow(/stopped/u);
    }
    expect(exits.map((e) => e.retryInMs)).toEqual([0, 20, 40, 80]);
    await until(() => engine.health().ok);
    expect((await engine.ask("H20 수출은 왜 승인됐나?")).answered).toBe(true);
    // An answer ends the run of stops: the next stop is restarted at once again.
    await expect(engine.ask("stop the thread")).rejects.toThrow(/stopped/u);
    expect(exits.at(-1)).toEqual({ reason: "exited with code 3", retryInMs: 0 });
  }, 90_000);

  it("comes back once a data directory that was missing when the thread restarted is back", async () => {
    const dir = await copyData();
    const engine = await threadEngine({ dataDir: dir, entry: FRAGILE, backoff: BACKOFF });
    await rename(dir, `${dir}.away`);
    await expect(engine.ask("stop the thread")).rejects.toThrow(/stopped/u);
    await until(() => !engine.health().ok && /could not start/u.test(reasonOf(engine)));
    expect(engine.health()).toEqual({ ok: false, reason: expect.stringMatching(/^the knowledge thread could not start \(knowledge: .+\); retrying( in \d+ ms)?$/u) });
    await expect(engine.ask("H20")).rejects.toThrow(/^engine: the knowledge base is unavailable: the knowledge thread could not start \(knowledge: /u);

    await rename(`${dir}.away`, dir);
    await until(() => engine.health().ok);
    expect((await engine.ask("H20 수출은 왜 승인됐나?")).answered).toBe(true);
  }, 90_000);

  it("comes back at once on a reload once the data is back, however long the wait before the next try", async () => {
    const dir = await copyData();
    const engine = await threadEngine({ dataDir: dir, entry: FRAGILE, backoff: { initialMs: 600_000, maxMs: 600_000 } });
    await rename(dir, `${dir}.away`);
    await expect(engine.ask("stop the thread")).rejects.toThrow(/stopped/u);
    await until(() => /could not start/u.test(reasonOf(engine)));
    // Still missing: the reload says why, in a report.
    const failed = await engine.reload("slack:U1");
    expect(failed).toMatchObject({ ok: false, actor: "slack:U1", errors: [expect.objectContaining({ message: expect.any(String) })] });
    expect(engine.health().ok).toBe(false);

    await rename(`${dir}.away`, dir);
    const report = await engine.reload("slack:U1");
    expect(report).toMatchObject({ ok: true, actor: "slack:U1", errors: [] });
    expect(engine.health()).toEqual({ ok: true });
    expect(engine.status().loadedBy).toBe("slack:U1");
    expect((await engine.ask("H20 수출은 왜 승인됐나?")).answered).toBe(true);
  }, 90_000);

  it("comes back after a second stop while the restarted thread was still loading", async () => {
    const dir = await copyData();
    const engine = await threadEngine({ dataDir: dir, entry: FRAGILE, backoff: BACKOFF });
    const marker = join(dirname(dir), "stop-while-loading");
    await writeFile(marker, "");
    await expect(engine.ask("stop the thread")).rejects.toThrow(/stopped/u);
    await until(() => /stopped while loading/u.test(reasonOf(engine)));
    expect(engine.health()).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the knowledge thread could not start \(engine: the knowledge thread stopped while loading .+: exited with code 4\); retrying( in \d+ ms)?$/u),
    });

    await rm(marker);
    await until(() => engine.health().ok);
    expect((await engine.ask("H20 수출은 왜 승인됐나?")).answered).toBe(true);
  }, 90_000);

  it("refuses calls once closed", async () => {
    const engine = await createThreadEngine({ dataDir: DATA_DIR });
    await engine.close();
    await expect(engine.ask("H20")).rejects.toThrow("engine: closed");
  });
});
