import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifestPath = path.resolve(import.meta.dirname, "../../../slack/manifest.yaml");

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; description: string; usage_hint?: string }[];
    assistant_view?: { assistant_description: string };
    shortcuts?: { name: string; type: string; callback_id: string; description: string }[];
  };
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

  it("turns on the assistant surface with its scope and events", () => {
    expect(manifest.features.assistant_view?.assistant_description.length).toBeGreaterThan(0);
    expect(manifest.oauth_config.scopes.bot).toContain("assistant:write");
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["assistant_thread_started", "assistant_thread_context_changed", "message.im"]),
    );
  });

  it("declares the Ask Chokepoint message shortcut the bot listens for", async () => {
    const { ASK_SHORTCUT_ID } = await import("../../../src/bots/slack/listeners/shortcuts/ask-about-message.ts");
    expect(manifest.features.shortcuts).toEqual([
      { name: "Ask Chokepoint", type: "message", callback_id: ASK_SHORTCUT_ID, description: "Ask about this message's text; answered in its thread" },
    ]);
  });

  it("turns on interactivity and Socket Mode", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
