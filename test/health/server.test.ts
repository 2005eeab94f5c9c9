import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/bots/shared/rate-limit.ts";
import { checkHealth, type AdapterProbe, type HealthInput } from "../../src/health/health.ts";
import { createMetrics, withMetrics } from "../../src/health/metrics.ts";
import { startHealthServer, type HealthServer } from "../../src/health/server.ts";
import { silentLogger } from "../../src/log.ts";
import { createFakeEngine } from "../bots/slack/fake-engine.ts";
import { parsePrometheusText, sampleValue } from "./prometheus-text.ts";

/** A stand-in adapter whose state the test sets. */
function stubAdapter(state: string): AdapterProbe & { set(s: string): void } {
  let current = state;
  return { state: () => current, set: (s) => (current = s) };
}

const engine = createFakeEngine();
let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(adapters: HealthInput["adapters"], metrics = createMetrics({ defaultMetrics: false })) {
  server = await startHealthServer({
    port: 0,
    metrics,
    logger: silentLogger,
    health: () => checkHealth({ kb: engine.status(), uptimeSeconds: 42.9, adapters }),
  });
  return { base: `http://127.0.0.1:${server.port}`, metrics };
}

const get = (url: string, init: RequestInit = {}) => fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });

describe("GET /healthz", () => {
  it("answers 200 with the knowledge base and adapters when every enabled adapter is up", async () => {
    const { base } = await start({ slack: stubAdapter("connected"), discord: stubAdapter("ready") });
    const res = await get(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      status: "ok",
      uptimeSeconds: 42,
      kb: { version: "fake-v1", loadedAt: "2025-08-01T00:00:00.000Z", loadedBy: "startup", counts: { articles: 5, facts: 121, terms: 112 } },
      adapters: { slack: { enabled: true, state: "connected" }, discord: { enabled: true, state: "connected" } },
    });
  });

  it("answers 503 while an enabled adapter is down, and 200 again once it is back", async () => {
    const discord = stubAdapter("ready");
    const { base } = await start({ slack: stubAdapter("connected"), discord });
    discord.set("reconnecting");
    const down = await get(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "degraded", adapters: { discord: { enabled: true, state: "reconnecting" } } });
    discord.set("ready");
    expect((await get(`${base}/healthz`)).status).toBe(200);
  });

  it("ignores an adapter that is not configured", async () => {
    const { base } = await start({ slack: stubAdapter("connected"), discord: null });
    const res = await get(`${base}/healthz?verbose=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ adapters: { discord: { enabled: false, state: "disabled" } } });
  });

  it("answers 503 while an adapter is still starting", async () => {
    const { base } = await start({ slack: "connecting", discord: null });
    const res = await get(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", adapters: { slack: { enabled: true, state: "connecting" } } });
  });
});

describe("GET /metrics", () => {
  it("serves Prometheus text counting questions, refusals, latency, reloads and rate limits", async () => {
    const { base, metrics } = await start({ slack: stubAdapter("connected") }, createMetrics());
    const slack = withMetrics(createFakeEngine(), metrics, "slack");
    slack.ask("Why was the H20 approved?");
    slack.ask("what is the weather?");
    await slack.reload("slack:UADMIN01");
    await slack.rollback("slack:UADMIN01");
    const limiter = createRateLimiter({ perMinute: 1, onLimited: metrics.countRateLimited });
    limiter.take("discord:42", 0);
    limiter.take("discord:42", 1);

    const res = await get(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const exposition = parsePrometheusText(await res.text());
    expect(sampleValue(exposition, "chokepoint_questions_total", { platform: "slack", lang: "en" })).toBe(2);
    expect(sampleValue(exposition, "chokepoint_refusals_total", { platform: "slack", reason: "no-support" })).toBe(1);
    expect(sampleValue(exposition, "chokepoint_answer_seconds_count", { platform: "slack" })).toBe(2);
    expect(sampleValue(exposition, "chokepoint_reloads_total", { action: "reload", result: "ok" })).toBe(1);
    expect(sampleValue(exposition, "chokepoint_reloads_total", { action: "rollback", result: "ok" })).toBe(1);
    expect(sampleValue(exposition, "chokepoint_rate_limited_total", { platform: "discord" })).toBe(1);
    expect(exposition.samples.some((s) => s.name === "process_resident_memory_bytes")).toBe(true);
  });
});

describe("other requests", () => {
  it.each(["/", "/health", "/healthz/", "/metrics/x", "/slack/events"])("answers 404 for %s", async (path) => {
    const { base } = await start({});
    const res = await get(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not found", path });
  });

  it.each([
    ["POST", "/healthz"],
    ["PUT", "/metrics"],
    ["DELETE", "/healthz"],
    ["HEAD", "/metrics"],
  ])("answers 405 to %s %s, allowing GET", async (method, path) => {
    const { base } = await start({});
    const res = await get(`${base}${path}`, { method, ...(method === "POST" || method === "PUT" ? { body: "x" } : {}) });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });
});

describe("startHealthServer", () => {
  it("binds 127.0.0.1 unless told otherwise", async () => {
    await start({});
    expect(server?.host).toBe("127.0.0.1");
  });

  it("fails with the address named when the port is taken", async () => {
    const taken = createServer();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(
        startHealthServer({ port, metrics: createMetrics({ defaultMetrics: false }), logger: silentLogger, health: () => checkHealth({ kb: engine.status(), uptimeSeconds: 0, adapters: {} }) }),
      ).rejects.toThrow(`health: could not listen on 127.0.0.1:${port}: listen EADDRINUSE`);
    } finally {
      taken.close();
    }
  });

  it("stops answering once closed, and can be closed twice", async () => {
    const { base } = await start({});
    // A kept-alive connection must not hold the close up.
    expect((await get(`${base}/healthz`)).status).toBe(200);
    await server?.close();
    await server?.close();
    await expect(get(`${base}/healthz`)).rejects.toThrow();
  });
});
