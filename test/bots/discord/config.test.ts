import { describe, expect, it } from "vitest";
import { parseDiscordConfig } from "../../../src/bots/discord/config.ts";

const valid = {
  DISCORD_TOKEN: "MTIz.abc.def",
  DISCORD_APPLICATION_ID: "1300000000000000001",
};

describe("parseDiscordConfig", () => {
  it.each([
    ["no variable", {}],
    ["only empty variables", { DISCORD_TOKEN: "", DISCORD_GUILD_ID: "  " }],
    ["unrelated variables", { SLACK_BOT_TOKEN: "xoxb-1", DISCORD: "x" }],
  ])("returns disabled for %s", (_, env) => {
    expect(parseDiscordConfig(env)).toEqual({ enabled: false });
  });

  it("parses a minimal configuration with defaults", () => {
    expect(parseDiscordConfig(valid)).toEqual({
      enabled: true,
      config: {
        token: "MTIz.abc.def",
        applicationId: "1300000000000000001",
        guildId: null,
        adminRoleIds: [],
        adminGuildIds: [],
        apiUrl: null,
      },
    });
  });

  it("parses every variable, trimming and de-duplicating role ids", () => {
    const result = parseDiscordConfig({
      ...valid,
      DISCORD_GUILD_ID: " 1300000000000000002 ",
      DISCORD_ADMIN_ROLE_IDS: "1300000000000000004, 1300000000000000005,,1300000000000000004",
      DISCORD_ADMIN_GUILD_IDS: "1300000000000000002 ,1300000000000000009,1300000000000000002",
      DISCORD_API_URL: "http://127.0.0.1:8080/api/",
    });
    expect(result).toEqual({
      enabled: true,
      config: {
        token: "MTIz.abc.def",
        applicationId: "1300000000000000001",
        guildId: "1300000000000000002",
        adminRoleIds: ["1300000000000000004", "1300000000000000005"],
        adminGuildIds: ["1300000000000000002", "1300000000000000009"],
        apiUrl: "http://127.0.0.1:8080/api",
      },
    });
  });

  it("enables Discord when only DISCORD_ADMIN_GUILD_IDS is set, so a half-written configuration is reported", () => {
    expect(parseDiscordConfig({ DISCORD_ADMIN_GUILD_IDS: "1300000000000000002" })).toMatchObject({ enabled: true, problems: expect.any(Array) });
  });

  it("treats empty optional variables as unset", () => {
    const result = parseDiscordConfig({ ...valid, DISCORD_GUILD_ID: "", DISCORD_ADMIN_ROLE_IDS: "", DISCORD_API_URL: "" });
    expect(result).toMatchObject({ enabled: true, config: { guildId: null, adminRoleIds: [], apiUrl: null } });
  });

  it("names every problem by variable", () => {
    const result = parseDiscordConfig({
      DISCORD_GUILD_ID: "my-server",
      DISCORD_ADMIN_ROLE_IDS: "1300000000000000004,admins",
      DISCORD_ADMIN_GUILD_IDS: "1300000000000000002,my-server",
      DISCORD_API_URL: "discord.com/api",
    });
    expect(result).toEqual({
      enabled: true,
      problems: [
        "DISCORD_TOKEN: is required (the bot token from the Developer Portal)",
        "DISCORD_APPLICATION_ID: is required (the application id from the Developer Portal)",
        'DISCORD_GUILD_ID: must be a snowflake (a numeric id such as 1234567890123456789), got "my-server"',
        'DISCORD_ADMIN_ROLE_IDS: "admins" is not a snowflake (comma-separated numeric role ids)',
        'DISCORD_ADMIN_GUILD_IDS: "my-server" is not a snowflake (comma-separated numeric server ids)',
        'DISCORD_API_URL: must be an http(s) URL such as https://discord.com/api, got "discord.com/api"',
      ],
    });
  });

  it("rejects a token with the Bot prefix without echoing it", () => {
    const result = parseDiscordConfig({ ...valid, DISCORD_TOKEN: "Bot MTIz.secret.value" });
    expect(result).toEqual({
      enabled: true,
      problems: ['DISCORD_TOKEN: must be the bare token, without the "Bot " prefix'],
    });
    expect(JSON.stringify(result)).not.toContain("secret");
  });

  it("returns a frozen configuration", () => {
    const result = parseDiscordConfig(valid);
    if (!("config" in result)) throw new Error("expected a config");
    expect(Object.isFrozen(result.config)).toBe(true);
    expect(Object.isFrozen(result.config.adminRoleIds)).toBe(true);
    expect(Object.isFrozen(result.config.adminGuildIds)).toBe(true);
  });
});

describe("DISCORD_MESSAGE_CONTENT", () => {
  it("asks for the Message Content intent only when true", async () => {
    const { discordClientOptions } = await import("../../../src/bots/discord/bot.ts");
    const { GatewayIntentBits } = await import("discord.js");
    const { silentLogger } = await import("../../../src/log.ts");
    const on = parseDiscordConfig({ ...valid, DISCORD_MESSAGE_CONTENT: "true" });
    const off = parseDiscordConfig({ ...valid, DISCORD_MESSAGE_CONTENT: "false" });
    if (!("config" in on) || !("config" in off)) throw new Error("test: expected valid configurations");
    expect(on.config.messageContent).toBe(true);
    expect(off.config.messageContent).toBeUndefined();
    expect(discordClientOptions(on.config, silentLogger).intents).toContain(GatewayIntentBits.MessageContent);
    expect(discordClientOptions(off.config, silentLogger).intents).not.toContain(GatewayIntentBits.MessageContent);
  });

  it("names a value other than true or false", () => {
    expect(parseDiscordConfig({ ...valid, DISCORD_MESSAGE_CONTENT: "yes" })).toEqual({
      enabled: true,
      problems: ['DISCORD_MESSAGE_CONTENT: must be "true" or "false", got "yes"'],
    });
  });
});
