import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";

describe("parseConfig", () => {
  it("runs the terminal chat when no platform is configured", () => {
    const r = parseConfig({});
    expect(r.ok && r.config.slack === null && r.config.discord === null).toBe(true);
  });

  it("counts empty strings as unset", () => {
    const r = parseConfig({ SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "  ", LOG_LEVEL: "" });
    expect(r).toMatchObject({ ok: true, config: { slack: null, discord: null, logLevel: "info" } });
  });

  it("lists every problem of partial settings across platforms", () => {
    const r = parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", DISCORD_TOKEN: "abc", LOG_LEVEL: "loud" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.join("\n");
    expect(text).toMatch(/LOG_LEVEL/);
    expect(text).toMatch(/SLACK_SIGNING_SECRET|SLACK_APP_TOKEN/);
    expect(text).toMatch(/DISCORD_APPLICATION_ID/);
    expect(text).not.toContain("xoxb-1");
  });

  it("enables both platforms and collects their secrets for log masking", () => {
    const r = parseConfig({
      SLACK_BOT_TOKEN: "xoxb-123-456-abcdef",
      SLACK_SIGNING_SECRET: "shhh-signing-secret",
      DISCORD_TOKEN: "discord-token-value",
      DISCORD_APPLICATION_ID: "123456789012345678",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.slack).not.toBeNull();
    expect(r.config.discord).not.toBeNull();
    expect(r.config.secrets).toEqual(expect.arrayContaining(["xoxb-123-456-abcdef", "shhh-signing-secret", "discord-token-value"]));
  });
});

describe("parseConfig: health server and shutdown", () => {
  it("runs no health server and waits 10 s at shutdown by default", () => {
    const r = parseConfig({});
    expect(r).toMatchObject({ ok: true, config: { health: null, shutdownTimeoutMs: 10_000 } });
  });

  it("binds the health server to 127.0.0.1 unless HEALTH_HOST says otherwise", () => {
    expect(parseConfig({ HEALTH_PORT: "9464" })).toMatchObject({ ok: true, config: { health: { host: "127.0.0.1", port: 9464 } } });
    expect(parseConfig({ HEALTH_PORT: " 9464 ", HEALTH_HOST: "0.0.0.0" })).toMatchObject({
      ok: true,
      config: { health: { host: "0.0.0.0", port: 9464 } },
    });
  });

  it("counts empty health and shutdown settings as unset", () => {
    const r = parseConfig({ HEALTH_PORT: "", HEALTH_HOST: " ", SHUTDOWN_TIMEOUT_MS: "" });
    expect(r).toMatchObject({ ok: true, config: { health: null, shutdownTimeoutMs: 10_000 } });
  });

  it("accepts a shutdown timeout of 0 (do not wait for answers in flight)", () => {
    expect(parseConfig({ SHUTDOWN_TIMEOUT_MS: "0" })).toMatchObject({ ok: true, config: { shutdownTimeoutMs: 0 } });
  });

  it.each([
    ["HEALTH_PORT", "abc", "HEALTH_PORT: must be a whole number from 1 to 65535"],
    ["HEALTH_PORT", "0", "HEALTH_PORT: must be a whole number from 1 to 65535"],
    ["HEALTH_PORT", "70000", "HEALTH_PORT: must be a whole number from 1 to 65535"],
    ["HEALTH_PORT", "-1", "HEALTH_PORT: must be a whole number from 1 to 65535"],
    ["HEALTH_HOST", "not a host", "HEALTH_HOST: must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name such as localhost"],
    ["HEALTH_HOST", "http://0.0.0.0", "HEALTH_HOST: must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name such as localhost"],
    ["SHUTDOWN_TIMEOUT_MS", "10s", "SHUTDOWN_TIMEOUT_MS: must be a whole number of milliseconds from 0 to 600000"],
    ["SHUTDOWN_TIMEOUT_MS", "600001", "SHUTDOWN_TIMEOUT_MS: must be a whole number of milliseconds from 0 to 600000"],
  ])("rejects %s=%s", (name, value, message) => {
    const r = parseConfig({ HEALTH_PORT: "9464", [name]: value });
    expect(r).toEqual({ ok: false, problems: [message] });
  });

  it("lists every health and shutdown problem at once, with the other settings' problems", () => {
    const r = parseConfig({ HEALTH_PORT: "x", HEALTH_HOST: "a b", SHUTDOWN_TIMEOUT_MS: "soon", LOG_LEVEL: "loud" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(":")[0]).sort()).toEqual(["HEALTH_HOST", "HEALTH_PORT", "LOG_LEVEL", "SHUTDOWN_TIMEOUT_MS"]);
  });

  it("collects the Socket Mode app token for log masking, trimmed as the adapter uses it", () => {
    const r = parseConfig({ SLACK_BOT_TOKEN: " xoxb-123-456-abcdef ", SLACK_APP_TOKEN: "xapp-1-A0001-secretvalue" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.secrets).toEqual(expect.arrayContaining(["xoxb-123-456-abcdef", "xapp-1-A0001-secretvalue"]));
  });
});
