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
});
