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
