import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kbUsageHint } from "../../../src/bots/shared/kb-subcommands.ts";

const manifestPath = path.resolve(import.meta.dirname, "../../../slack/manifest.yaml");
const slackSrc = path.resolve(import.meta.dirname, "../../../src/bots/slack");

/** The bot-token scope each Web API method the adapter calls needs (Slack's method reference). */
const METHOD_SCOPES: Record<string, readonly string[]> = {
  "auth.test": [],
  // Called with the app-level token, whose scope (connections:write) is not a bot scope.
  "apps.connections.open": [],
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.delete": ["chat:write"],
  // The bot answers in public and private channels and DMs (not group DMs).
  "conversations.replies": ["channels:history", "groups:history", "im:history"],
  "conversations.history": ["channels:history", "groups:history", "im:history"],
};
/** The scopes and manifest events each `app.event(name)` listener (and `app.assistant`) needs. */
const EVENT_SCOPES: Record<string, { scopes: string[]; events: string[] }> = {
  app_mention: { scopes: ["app_mentions:read"], events: ["app_mention"] },
  // DMs, and replies in the threads the bot answered in public and private channels.
  message: { scopes: ["im:history", "channels:history", "groups:history"], events: ["message.im", "message.channels", "message.groups"] },
  assistant: { scopes: ["assistant:write"], events: ["assistant_thread_started", "assistant_thread_context_changed", "message.im"] },
};

/** What the adapter's source calls and listens for: Web API methods, events, whether it has commands. */
async function usedByCode(): Promise<{ methods: Set<string>; events: Set<string>; commands: boolean }> {
  const files = (await readdir(slackSrc, { recursive: true })).filter((f) => f.endsWith(".ts"));
  const methods = new Set<string>();
  const events = new Set<string>();
  let commands = false;
  for (const file of files) {
    const text = await readFile(path.join(slackSrc, file), "utf8");
    for (const m of text.matchAll(/\b(?:client|check)\s*\.\s*([a-z]+)\s*\.\s*([a-z]+(?:\s*\.\s*[a-z]+)?[A-Za-z]*)\s*\(/g)) {
      methods.add(`${m[1]}.${(m[2] ?? "").replace(/\s/g, "")}`);
    }
    for (const m of text.matchAll(/\bapp\.event\(\s*"([a-z_]+)"/g)) events.add(m[1] ?? "");
    if (/\bapp\.assistant\(/.test(text)) events.add("assistant");
    if (/\bapp\.command\(/.test(text)) commands = true;
  }
  return { methods, events, commands };
}

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
    expect(manifest.features.slash_commands.find((c) => c.command === "/kb")?.usage_hint).toBe(kbUsageHint());
    expect(kbUsageHint()).toBe("status | reload | rollback | gaps [days]");
    for (const c of manifest.features.slash_commands) expect(c.description.length).toBeLessThanOrEqual(100);
  });

  it("asks for exactly the bot scopes and events the code's calls and listeners need", async () => {
    const used = await usedByCode();
    expect([...used.methods].sort()).toEqual(expect.arrayContaining(["apps.connections.open", "chat.postEphemeral", "chat.postMessage"]));
    const unknown = [...used.methods, ...used.events].filter((name) => !(name in METHOD_SCOPES) && !(name in EVENT_SCOPES));
    expect(unknown, "a method or event without a known scope: add it to this test's tables").toEqual([]);

    const needed = new Set<string>([
      ...[...used.methods].flatMap((m) => METHOD_SCOPES[m] ?? []),
      ...[...used.events].flatMap((e) => EVENT_SCOPES[e]?.scopes ?? []),
      ...(used.commands ? ["commands"] : []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(["app_mentions:read", "assistant:write", "channels:history", "chat:write", "commands", "groups:history", "im:history"]);
    const events = new Set([...used.events].flatMap((e) => EVENT_SCOPES[e]?.events ?? []));
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...events].sort());
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
