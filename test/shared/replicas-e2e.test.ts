// Two replicas of `npm start` (Slack over HTTP) sharing one Redis, end to end against the
// fake Slack: a redelivered event answered once, one user's burst limited at the shared
// rate, a reload on one replica served by both, and Redis killed and restarted mid-run.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../bots/slack/fake-slack.ts";
import { commandFields, eventCallback, formBody, mentionEvent, postSigned, SIGNING_SECRET } from "../bots/slack/slack-requests.ts";
import { DATA_DIR, freePort, runMain, waitUntil, type MainProcess } from "../main/run-main.ts";
import { redisAvailable, startRedis, warnWhenRedisMissing, type RedisTestServer } from "../helpers/redis.ts";

warnWhenRedisMissing("test/shared/replicas-e2e.test.ts");

const BOT_TOKEN = "xoxb-1111111111-2222222222-chokepointTestBotToken";
const ADMIN = "UADMIN01";

interface Replica {
  main: MainProcess;
  events: string;
  commands: string;
  health: string;
}

async function healthOf(r: Replica): Promise<{ kb: { version: string }; redis?: { state: string } }> {
  const res = await fetch(r.health, { signal: AbortSignal.timeout(1_000) });
  return (await res.json()) as { kb: { version: string }; redis?: { state: string } };
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!redisAvailable)("two replicas sharing Redis", () => {
  let redis: RedisTestServer;
  let fake: FakeSlack;
  let dataDir: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    fake = await FakeSlack.start();
    // A data directory of their own, changed by the reload test.
    dataDir = mkdtempSync(join(tmpdir(), "chokepoint-replicas-data-"));
    cpSync(DATA_DIR, dataDir, { recursive: true });
    for (const name of ["replica-a", "replica-b"]) {
      const [slackPort, healthPort] = [await freePort(), await freePort()];
      const main = runMain({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_PORT: String(slackPort),
        SLACK_API_URL: fake.apiUrl,
        SLACK_ADMIN_USER_IDS: ADMIN,
        HEALTH_PORT: String(healthPort),
        REDIS_URL: redis.url,
        REPLICA_ID: name,
        RATE_LIMIT_PER_MINUTE: "4",
        DATA_DIR: dataDir,
      });
      replicas.push({ main, events: `http://127.0.0.1:${slackPort}/slack/events`, commands: `http://127.0.0.1:${slackPort}/slack/events`, health: `http://127.0.0.1:${healthPort}/healthz` });
    }
    for (const r of replicas) {
      await waitUntil(r.main, "/healthz 200", async () => {
        const res = await fetch(r.health, { signal: AbortSignal.timeout(1_000) });
        return res.status === 200 ? true : null;
      }, 30_000);
    }
  }, 60_000);

  afterAll(async () => {
    for (const r of replicas) r.main.dispose();
    await fake?.close();
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const replies = (thread: string) => fake.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === thread);

  it("answers the same signed event, posted to both replicas, once", async () => {
    const body = JSON.stringify(eventCallback(mentionEvent("What is the H20?", { ts: "1700000300.000100", user: "UONCE001" }), "EvSHARED0001"));
    const acks = await Promise.all(replicas.map((r) => postSigned(r.events, body, "application/json")));
    expect(acks.map((a) => a.status)).toEqual([200, 200]);
    await until("the answer", async () => replies("1700000300.000100").length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(replies("1700000300.000100")).toHaveLength(1);
    expect(String(replies("1700000300.000100")[0]!.args.text)).toMatch(/H20/);
  });

  it("limits one user's burst across both replicas at the shared rate", async () => {
    const threads: string[] = [];
    for (let i = 0; i < 8; i++) {
      const ts = `1700000400.00${String(i).padStart(4, "0")}`;
      threads.push(ts);
      const body = JSON.stringify(eventCallback(mentionEvent("What is the H20?", { ts, user: "UBURST01" })));
      expect((await postSigned(replicas[i % 2]!.events, body, "application/json")).status).toBe(200);
    }
    // Answers are posted in the thread; the notices of the limit go to the asker alone.
    const notices = (thread: string) => fake.callsOf("chat.postEphemeral").filter((c) => c.args.thread_ts === thread);
    await until("eight replies", async () => threads.every((t) => replies(t).length + notices(t).length === 1));
    const limited = threads.filter((t) => /up to 4 questions a minute/.test(String(notices(t)[0]?.args.text)));
    expect(limited).toHaveLength(4);
    expect(limited.every((t) => notices(t)[0]!.args.user === "UBURST01")).toBe(true);
  });

  it("serves a reload made on replica A on replica B too, and lists both in /kb status", async () => {
    const before = (await healthOf(replicas[1]!)).kb.version;
    const glossary = join(dataDir, "examples.yaml");
    writeFileSync(glossary, readFileSync(glossary, "utf8") + "\n# changed for the reload test\n");
    const reloadUrl = fake.newResponseUrl();
    const res = await postSigned(replicas[0]!.commands, formBody(commandFields("/kb", "reload", reloadUrl.url, ADMIN)), "application/x-www-form-urlencoded");
    expect(res.status).toBe(200);
    const after = await until("A's new version", async () => {
      const v = (await healthOf(replicas[0]!)).kb.version;
      return v !== before ? v : null;
    });
    await until("B on A's version", async () => (await healthOf(replicas[1]!)).kb.version === after);

    const statusUrl = fake.newResponseUrl();
    await postSigned(replicas[1]!.commands, formBody(commandFields("/kb", "status", statusUrl.url, ADMIN)), "application/x-www-form-urlencoded");
    const status = await fake.waitForResponse(statusUrl.id);
    const text = String(status.body.text);
    expect(text).toContain("Replicas (2):");
    expect(text).toContain(`• replica-a: version ${after}`);
    expect(text).toContain(`• replica-b (this one): version ${after}`);
  });

  it("keeps answering while Redis is down, shows it in /healthz, and shares again once it is back", async () => {
    await redis.kill();
    await until("/healthz to show Redis down", async () => (await healthOf(replicas[0]!)).redis?.state !== "ready");
    const body = JSON.stringify(eventCallback(mentionEvent("What is the H20?", { ts: "1700000500.000100", user: "UDOWN001" }), "EvDOWN000001"));
    await postSigned(replicas[0]!.events, body, "application/json");
    await until("an answer without Redis", async () => replies("1700000500.000100").length === 1);

    await redis.restart();
    await until("both reconnected", async () => (await Promise.all(replicas.map(healthOf))).every((h) => h.redis?.state === "ready"), 15_000);
    const again = JSON.stringify(eventCallback(mentionEvent("What is the H20?", { ts: "1700000600.000100", user: "UBACK001" }), "EvBACK000001"));
    await Promise.all(replicas.map((r) => postSigned(r.events, again, "application/json")));
    await until("the answer", async () => replies("1700000600.000100").length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(replies("1700000600.000100")).toHaveLength(1);
  }, 40_000);
});
