import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifestPath = path.resolve(import.meta.dirname, "../../../slack/manifest.yaml");

interface Manifest {
  display_information: { name: string; description: string };
  features: { bot_user: { display_name: string }; slash_commands: { command: string; description: string; usage_hint?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

describe("slack/manifest.yaml", async () => {
  const manifest = parse(await readFile(manifestPath, "utf8")) as Manifest;

  it("names the app Chokepoint", () => {
    expect(manifest.display_information.name).toBe("Chokepoint");
    expect(manifest.features.bot_user.display_name).toBe("Chokepoint");
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it("declares the commands the bot listens for, with usage hints", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/ask", "/sources", "/timeline", "/kb"]);
    expect(manifest.features.slash_commands.find((c) => c.command === "/kb")?.usage_hint).toBe("status | reload");
    for (const c of manifest.features.slash_commands) expect(c.description.length).toBeLessThanOrEqual(100);
  });

  it("asks for the scopes and events that mentions, DMs and commands need", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write"]),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["app_mention", "message.im"]));
  });

  it("subscribes to channel messages, for replies in the bot's threads without a mention", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["channels:history", "groups:history"]));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["message.channels", "message.groups"]));
  });

  it("turns on interactivity and Socket Mode", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
