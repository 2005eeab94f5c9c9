import { describe, expect, it } from "vitest";
import { checkHealth, normalizeState } from "../../src/health/health.ts";

const kb = { version: "v1", loadedAt: "2025-08-01T00:00:00.000Z", loadedBy: "startup", counts: { articles: 5, facts: 121, terms: 112 } };
const adapter = (state: string) => ({ state: () => state });

describe("normalizeState", () => {
  it.each([
    ["ready", "connected"],
    ["connected", "connected"],
    ["connecting", "connecting"],
    ["reconnecting", "reconnecting"],
    ["disconnected", "disconnected"],
    ["stopped", "stopped"],
    ["something new", "disconnected"],
  ])("reads %s as %s", (raw, state) => {
    expect(normalizeState(raw)).toBe(state);
  });
});

describe("checkHealth", () => {
  it.each([
    [{ slack: adapter("connected"), discord: adapter("ready") }, 200, "ok"],
    [{ slack: adapter("connected"), discord: null }, 200, "ok"],
    [{ slack: null, discord: null }, 200, "ok"],
    [{}, 200, "ok"],
    [{ slack: adapter("connected"), discord: adapter("reconnecting") }, 503, "degraded"],
    [{ slack: adapter("disconnected"), discord: null }, 503, "degraded"],
    [{ slack: adapter("stopped") }, 503, "degraded"],
    [{ slack: "connecting" as const }, 503, "degraded"],
  ])("reports %o as %i %s", (adapters, httpStatus, status) => {
    const r = checkHealth({ kb, uptimeSeconds: 1.5, adapters });
    expect(r.httpStatus).toBe(httpStatus);
    expect(r.report.status).toBe(status);
  });

  it("reports whole seconds of uptime and only the knowledge base's status fields", () => {
    const r = checkHealth({ kb: { ...kb, extra: "not shown" } as typeof kb, uptimeSeconds: 59.99, adapters: {} });
    expect(r.report).toEqual({ status: "ok", uptimeSeconds: 59, kb, adapters: {} });
  });

  it("is 503 with the reason while the engine cannot answer, whatever the adapters' state", () => {
    const reason = "the knowledge thread could not start (knowledge: data: data directory not found); retrying in 4000 ms";
    const r = checkHealth({ kb, uptimeSeconds: 1, engine: { ok: false, reason }, adapters: { slack: adapter("connected") } });
    expect(r.httpStatus).toBe(503);
    expect(r.report).toMatchObject({ status: "degraded", engine: { ok: false, reason } });
    const back = checkHealth({ kb, uptimeSeconds: 1, engine: { ok: true }, adapters: { slack: adapter("connected") } });
    expect(back.httpStatus).toBe(200);
    expect(back.report.engine).toEqual({ ok: true });
  });

  it("names an adapter that failed to start, with its reason, and is 503 while the other serves", () => {
    const failed = { state: () => "failed", reason: () => "discord: login failed: An invalid token was provided.; retrying in 2000 ms" };
    const r = checkHealth({ kb, uptimeSeconds: 1, engine: { ok: true }, adapters: { slack: adapter("connected"), discord: failed } });
    expect(r.httpStatus).toBe(503);
    expect(r.report.adapters).toEqual({
      slack: { enabled: true, state: "connected" },
      discord: { enabled: true, state: "failed", reason: "discord: login failed: An invalid token was provided.; retrying in 2000 ms" },
    });
  });
});
