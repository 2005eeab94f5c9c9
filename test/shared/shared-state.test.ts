// The shared state against a real Redis: dedupe, the rate limit and the logs shared by two
// replicas' connections, failing open while Redis is down, and back once it returns.
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine/engine-types.ts";
import type { ReloadReport } from "../../src/knowledge/report.ts";
import { createLogger, silentLogger } from "../../src/log.ts";
import { openRedisState, type SharedState } from "../../src/shared/shared-state.ts";
import { redisAvailable, startRedis, warnWhenRedisMissing, type RedisTestServer } from "../helpers/redis.ts";

warnWhenRedisMissing("test/shared/shared-state.test.ts");

async function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!redisAvailable)("shared state over Redis", () => {
  let redis: RedisTestServer;
  const opened: SharedState[] = [];
  const open = (replicaId: string, extra: { registry?: Registry; logs?: string[] } = {}) => {
    const logger = extra.logs ? createLogger({ level: "debug", write: (line) => extra.logs!.push(line) }) : silentLogger;
    const s = openRedisState({ config: { url: redis.url, replicaId }, stateDir: "/nonexistent", logger, perMinute: 3, heartbeatMs: 100, ...(extra.registry ? { registry: extra.registry } : {}) });
    opened.push(s);
    return s;
  };
  const ready = (s: SharedState) => eventually("redis ready", () => s.redisState() === "ready");

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await redis?.stop();
  });

  it("handles an event id once across two replicas", async () => {
    const [a, b] = [open("a"), open("b")];
    await Promise.all([ready(a), ready(b)]);
    expect(await a.seenEvents.isDuplicate("Ev1")).toBe(false);
    expect(await b.seenEvents.isDuplicate("Ev1")).toBe(true);
    expect(await a.seenEvents.isDuplicate("Ev1")).toBe(true);
    expect(await b.seenEvents.isDuplicate("Ev2")).toBe(false);
  });

  it("limits one user at the shared rate across two replicas", async () => {
    const [a, b] = [open("a"), open("b")];
    await Promise.all([ready(a), ready(b)]);
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await (i % 2 === 0 ? a : b).rateLimiter.take("slack:UBURST"));
    expect(decisions.map((d) => d.ok)).toEqual([true, true, true, false, false, false]);
    expect(decisions[3]!.retryAfterMs).toBeGreaterThan(50_000);
    expect((await b.rateLimiter.take("slack:UOTHER")).ok).toBe(true);
  });

  it("keeps the refusal log in a stream both replicas read", async () => {
    const [a, b] = [open("a"), open("b")];
    await Promise.all([ready(a), ready(b)]);
    const entry = { at: "2026-01-01T00:00:00.000Z", platform: "slack", question: "삼성 주가는?", lang: "ko" as const, refusal: "no-support", kbVersion: "v1" };
    await a.logs.refusals.append(entry);
    await b.logs.refusals.append({ ...entry, platform: "discord" });
    expect((await b.logs.refusals.readAll()).map((e) => e.platform)).toEqual(["slack", "discord"]);
    expect(a.logs.dir).toBe("redis streams chokepoint:log:*");
  });

  it("lets questions through while Redis is down, counts them, and shares again once it is back", async () => {
    const registry = new Registry();
    const logs: string[] = [];
    const a = open("a", { registry, logs });
    await ready(a);
    await redis.kill();
    await eventually("the client to notice", () => a.redisState() !== "ready");
    expect(await a.seenEvents.isDuplicate("EvDown")).toBe(false);
    expect(await a.seenEvents.isDuplicate("EvDown")).toBe(false);
    for (let i = 0; i < 5; i++) expect((await a.rateLimiter.take("slack:UDOWN")).ok).toBe(true);
    const metrics = await registry.metrics();
    expect(metrics).toContain('chokepoint_redis_fail_open_total{check="dedupe"} 2');
    expect(metrics).toContain('chokepoint_redis_fail_open_total{check="rate-limit"} 5');
    expect(logs.some((l) => l.includes("redis: unavailable, letting the request through"))).toBe(true);

    await redis.restart();
    await eventually("reconnected", () => a.redisState() === "ready", 10_000);
    expect(await a.seenEvents.isDuplicate("EvBack")).toBe(false);
    expect(await a.seenEvents.isDuplicate("EvBack")).toBe(true);
    expect(logs.some((l) => l.includes("redis: connected again"))).toBe(true);
  });
});

/** An engine whose reload moves to the next version of a list; "broken" ones fail. */
function versionedEngine(versions: string[]): Engine & { served: () => string } {
  let at = 0;
  let previous: number | null = null;
  const report = (ok: boolean, version: string, actor: string, error?: string): ReloadReport => ({
    ok, actor, version, previousVersion: null, counts: { articles: 0, facts: 0, terms: 0 },
    articles: { added: [], removed: [], changed: [] }, facts: { added: [], removed: [], changed: [] },
    errors: error ? [{ file: "data/facts/x.yaml", path: "facts[0].quote", message: error }] : [], durationMs: 0, at: "2026-01-01T00:00:00.000Z",
  });
  return {
    served: () => versions[at]!,
    ask: () => { throw new Error("not asked"); },
    timeline: () => { throw new Error("not asked"); },
    gaps: () => [],
    sources: () => [],
    usage: () => { throw new Error("not asked"); },
    status: () => ({ version: versions[at]!, loadedAt: "2026-01-01T00:00:00.000Z", loadedBy: "startup", counts: { articles: 0, facts: 0, terms: 0 } }),
    async reload(actor) {
      const next = versions[at + 1];
      if (!next || next.startsWith("broken")) return report(false, versions[at]!, actor, "not found in article");
      previous = at;
      at += 1;
      return report(true, versions[at]!, actor);
    },
    async rollback(actor) {
      if (previous === null) return report(false, versions[at]!, actor, "no previous version to roll back to");
      [at, previous] = [previous, at];
      return report(true, versions[at]!, actor);
    },
  };
}

describe.skipIf(!redisAvailable)("reload for all", () => {
  let redis: RedisTestServer;
  const opened: SharedState[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await redis?.stop();
  });

  it("a reload and a rollback on replica A change replica B's version, and B's failure shows in A's status", async () => {
    const open = (id: string) => {
      const s = openRedisState({ config: { url: redis.url, replicaId: id }, stateDir: "/nonexistent", logger: silentLogger, perMinute: 0, heartbeatMs: 100 });
      opened.push(s);
      return s;
    };
    const rawA = versionedEngine(["v1", "v2", "v3"]);
    const rawB = versionedEngine(["v1", "v2", "broken"]);
    const a = await open("replica-a").coordinate(rawA);
    await open("replica-b").coordinate(rawB);
    await eventually("both listed", () => a.status().replicas?.length === 2);

    expect((await a.reload("U_ADMIN")).version).toBe("v2");
    await eventually("B on v2", () => rawB.served() === "v2");
    await eventually("A sees B on v2", () => a.status().replicas?.every((r) => r.version === "v2" && r.failed === null));

    expect((await a.reload("U_ADMIN")).version).toBe("v3");
    const failed = await eventually("B's failure reported", () => a.status().replicas?.find((r) => r.id === "replica-b" && r.failed));
    expect(failed).toMatchObject({ version: "v2", failed: { version: "v3", reason: "not found in article" }, stale: false, self: false });
    expect(rawB.served()).toBe("v2");

    expect((await a.rollback("U_ADMIN")).version).toBe("v2");
    await eventually("B serves v2 again, failure cleared", () => a.status().replicas?.every((r) => r.version === "v2" && r.failed === null));
    expect(a.status().replicas?.map((r) => [r.id, r.self])).toEqual([["replica-a", true], ["replica-b", false]]);
  });
});
