import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { KB_SUBCOMMANDS } from "../../../src/bots/shared/kb-subcommands.ts";
import type { DiscordConfig } from "../../../src/bots/discord/config.ts";
import { registerCommands } from "../../../src/bots/discord/register.ts";
import { FakeDiscord } from "./fake-discord.ts";

describe("registerCommands", () => {
  let fake: FakeDiscord;
  let config: DiscordConfig;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    config = {
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      adminRoleIds: [],
      apiUrl: fake.apiUrl,
    };
  });

  afterAll(async () => {
    await fake?.close();
  });

  beforeEach(() => {
    fake.commands.clear();
    fake.requests.length = 0;
  });

  it("overwrites the guild's commands with one PUT when a guild is configured", async () => {
    const result = await registerCommands({ config });
    expect(result).toEqual({
      scope: "guild",
      route: `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
      registered: ["ask", "sources", "timeline", "help", "kb", "Ask Chokepoint"],
      cleared: [],
      checked: 1,
    });
    const puts = fake.requestsTo("PUT", "/applications/");
    expect(puts).toHaveLength(1);
    const put = puts[0]!;
    expect(put.route).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${fake.token}`);

    const byName = Object.fromEntries(put.body.map((c: { name: string }) => [c.name, c]));
    expect(byName.ask.options).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, name_localizations: { ko: "질문" } }),
    ]);
    // ManageGuild = 1 << 5
    expect(byName.kb.default_member_permissions).toBe("32");
    expect(byName.kb.options.map((o: { name: string; type: number }) => [o.name, o.type])).toEqual(
      KB_SUBCOMMANDS.map((sub) => [sub.name, 1]),
    );
    expect(byName.kb.options.map((o: { name: string }) => o.name)).toEqual(["status", "reload", "rollback", "gaps"]);
    expect(byName.ask.default_member_permissions ?? null).toBeNull();
    // A message context-menu command (type 3) and an autocompleted /timeline topic.
    expect(byName["Ask Chokepoint"]).toMatchObject({ type: 3, name_localizations: { ko: "Chokepoint에게 묻기" } });
    expect(byName.timeline.options[0]).toMatchObject({ name: "topic", autocomplete: true });
  });

  it("registers globally when no guild is configured, and again idempotently", async () => {
    const global = { ...config, guildId: null };
    const first = await registerCommands({ config: global });
    const second = await registerCommands({ config: global });
    expect(first.route).toBe(`/applications/${fake.applicationId}/commands`);
    expect(second).toEqual(first);
    const puts = fake.requestsTo("PUT", `/applications/${fake.applicationId}/commands`);
    expect(puts).toHaveLength(2);
    expect(puts[0]!.body).toEqual(puts[1]!.body);
  });

  it("clears the global commands when registering in a guild, so no command shows twice there", async () => {
    await registerCommands({ config: { ...config, guildId: null } });
    expect(fake.commands.get("global")).toHaveLength(6);
    const result = await registerCommands({ config });
    expect(result.cleared).toEqual([{ guildId: null, count: 6 }]);
    expect(fake.commands.get("global")).toEqual([]);
    expect(fake.commands.get(fake.guildId)?.map((c) => c.name)).toEqual(["ask", "sources", "timeline", "help", "kb", "Ask Chokepoint"]);
    const clear = fake.requestsTo("PUT", `/applications/${fake.applicationId}/commands`).at(-1)!;
    expect(clear.body).toEqual([]);
  });

  it("clears every server's guild commands when registering globally, and leaves alone a scope already empty", async () => {
    await registerCommands({ config });
    const result = await registerCommands({ config: { ...config, guildId: null } });
    expect(result).toMatchObject({ scope: "global", cleared: [{ guildId: fake.guildId, count: 6 }], checked: 1 });
    expect(fake.commands.get(fake.guildId)).toEqual([]);
    expect(fake.commands.get("global")).toHaveLength(6);

    fake.requests.length = 0;
    expect((await registerCommands({ config: { ...config, guildId: null } })).cleared).toEqual([]);
    expect(fake.requestsTo("PUT", `/applications/${fake.applicationId}/guilds/`)).toEqual([]);
  });

  it("names the route when Discord refuses", async () => {
    const wrong = { ...config, applicationId: "1", apiUrl: `${fake.apiUrl}/missing` };
    await expect(registerCommands({ config: wrong })).rejects.toThrow(
      /^discord: \[PUT\] \/applications\/1\/guilds\/1300000000000000002\/commands: command registration failed: /,
    );
  });
});
