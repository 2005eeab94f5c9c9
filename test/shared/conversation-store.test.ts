// Conversations over a real Redis: a follow-up asked on one replica reads the question asked on
// another; each conversation is one key with the store's expiry and a bounded value; with Redis
// down the replica answers from the conversations it saw, and counts it.
import { Redis } from "ioredis";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type FullEngine } from "../../src/engine/engine.ts";
import { createMemoryConversationStore } from "../../src/engine/conversation-store.ts";
import { askInConversation } from "../../src/engine/conversation.ts";
import { silentLogger } from "../../src/log.ts";
import { STORED_QUESTION_CHARS } from "../../src/shared/conversation-store.ts";
import { openRedisState, type SharedState } from "../../src/shared/shared-state.ts";
import { DATA_DIR } from "../helpers/engine.ts";
import { redisAvailable, startRedis, warnWhenRedisMissing, type RedisTestServer } from "../helpers/redis.ts";

warnWhenRedisMissing("test/shared/conversation-store.test.ts");

const FIRST = "What was the AI Diffusion Framework?";
const FOLLOW_UP = "when was it supposed to take effect?";
const RESOLVED = "when was the AI Diffusion Framework supposed to take effect?";

async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!redisAvailable)("conversations over Redis", () => {
  let redis: RedisTestServer;
  let engineA: FullEngine;
  let engineB: FullEngine;
  const opened: SharedState[] = [];
  const open = (replicaId: string, registry?: Registry) => {
    const s = openRedisState({ config: { url: redis.url, replicaId }, stateDir: "/nonexistent", logger: silentLogger, perMinute: 0, ...(registry ? { registry } : {}) });
    opened.push(s);
    return s;
  };
  const ready = (s: SharedState) => eventually("redis ready", () => s.redisState() === "ready");

  beforeAll(async () => {
    redis = await startRedis();
    // Two replicas: each its own engine over the same data.
    [engineA, engineB] = await Promise.all([createEngine({ dataDir: DATA_DIR }), createEngine({ dataDir: DATA_DIR })]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await redis?.stop();
  });

  it("resolves a follow-up asked on replica B against the question asked on replica A", async () => {
    const [a, b] = [open("a"), open("b")];
    await Promise.all([ready(a), ready(b)]);
    const first = await askInConversation(engineA, a.conversations, "slack:C1:1700000000.000100", FIRST);
    expect(first.answered).toBe(true);
    const follow = await askInConversation(engineB, b.conversations, "slack:C1:1700000000.000100", FOLLOW_UP);
    expect(follow.answered).toBe(true);
    expect(follow.resolved).toBe(RESOLVED);
    expect(follow.text).toMatch(/May 15/u);
    // The follow-up's reading is the conversation's context from now on, on A too.
    expect(await a.conversations.get("slack:C1:1700000000.000100")).toMatchObject({ question: RESOLVED });
  });

  it("does not resolve it when each replica keeps conversations to itself", async () => {
    const [storeA, storeB] = [createMemoryConversationStore(), createMemoryConversationStore()];
    await askInConversation(engineA, storeA, "k", FIRST);
    const follow = await askInConversation(engineB, storeB, "k", FOLLOW_UP);
    expect(follow.resolved).toBeUndefined();
  });

  it("keeps each conversation in one key with the store's expiry, its question cut to a bound", async () => {
    const a = open("a");
    await ready(a);
    const probe = new Redis(redis.url);
    const long = "H20 ".repeat(STORED_QUESTION_CHARS);
    await a.conversations.set("dm:D9", { question: long, at: 5 });
    const raw = await probe.get("chokepoint:conversation:dm:D9");
    expect(JSON.parse(raw!)).toEqual({ question: long.slice(0, STORED_QUESTION_CHARS), at: 5 });
    const pttl = await probe.pttl("chokepoint:conversation:dm:D9");
    expect(pttl).toBeGreaterThan(30 * 60_000 - 5_000);
    expect(pttl).toBeLessThanOrEqual(30 * 60_000);
    await a.conversations.delete("dm:D9");
    expect(await probe.exists("chokepoint:conversation:dm:D9")).toBe(0);
    probe.disconnect();
  });

  it("reads a value it did not write as no context", async () => {
    const a = open("a");
    await ready(a);
    const probe = new Redis(redis.url);
    await probe.set("chokepoint:conversation:odd", "{not json");
    await probe.set("chokepoint:conversation:other", JSON.stringify({ q: "x" }));
    probe.disconnect();
    expect(await a.conversations.get("odd")).toBeUndefined();
    expect(await a.conversations.get("other")).toBeUndefined();
  });

  it("still answers, in context, when Redis is killed mid-conversation, counts it, and shares again once it is back", async () => {
    const registry = new Registry();
    const a = open("a", registry);
    const b = open("b");
    await Promise.all([ready(a), ready(b)]);
    await askInConversation(engineA, a.conversations, "discord:900", FIRST);
    await redis.kill();
    await eventually("the client to notice", () => a.redisState() !== "ready");
    const follow = await askInConversation(engineA, a.conversations, "discord:900", FOLLOW_UP);
    expect(follow.answered).toBe(true);
    expect(follow.resolved).toBe(RESOLVED);
    // B never saw the conversation: it answers the follow-up as a question of its own.
    const elsewhere = await askInConversation(engineB, b.conversations, "discord:900", FOLLOW_UP);
    expect(elsewhere.resolved).toBeUndefined();
    const metrics = await registry.metrics();
    // The get before the follow-up and the set after it.
    expect(metrics).toContain('chokepoint_redis_fail_open_total{check="conversation"} 2');

    await redis.restart();
    await Promise.all([eventually("A back", () => a.redisState() === "ready"), eventually("B back", () => b.redisState() === "ready")]);
    await askInConversation(engineA, a.conversations, "discord:901", FIRST);
    expect((await askInConversation(engineB, b.conversations, "discord:901", FOLLOW_UP)).resolved).toBe(RESOLVED);
  }, 30_000);
});
