// DISCORD_SHARDS: discord.js's own sharding in one client. Two shards on the fake gateway,
// each IDENTIFYing as its shard and receiving its guild's events, each answering its guild;
// the bot reports every shard's state for /healthz.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordBot } from "../../../src/bots/discord/bot.ts";
import { parseDiscordConfig } from "../../../src/bots/discord/config.ts";
import { checkHealth } from "../../../src/health/health.ts";
import { silentLogger } from "../../../src/log.ts";
import { bundledEngine } from "../../helpers/engine.ts";
import { FakeDiscord, shardOfGuild, type RecordedRequest } from "./fake-discord.ts";

describe("DISCORD_SHARDS", () => {
  it.each([
    ["auto", "auto"],
    ["2", 2],
  ] as const)("reads %s", (value, shards) => {
    const parsed = parseDiscordConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "1300000000000000001", DISCORD_SHARDS: value });
    expect(parsed).toMatchObject({ enabled: true, config: { shards } });
  });

  it("refuses anything else, naming the variable", () => {
    expect(parseDiscordConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "1300000000000000001", DISCORD_SHARDS: "two" })).toEqual({
      enabled: true,
      problems: ['DISCORD_SHARDS: must be "auto" or a number of shards from 1 to 1000, got "two"'],
    });
  });
});

describe("two shards on the fake gateway", () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  const callbackFor = (id: string) => (r: RecordedRequest) => r.method === "POST" && r.route.startsWith(`/interactions/${id}/`) && r.route.endsWith("/callback");

  beforeAll(async () => {
    fake = await FakeDiscord.start({ shards: 2 });
    expect([shardOfGuild(fake.guildId, 2), shardOfGuild(fake.secondGuildId, 2)]).toEqual([0, 1]);
    const engine = await bundledEngine();
    bot = await startDiscord({
      config: { token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, adminRoleIds: [], apiUrl: fake.apiUrl, shards: "auto" },
      engine,
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("identifies once per shard and reports both shards ready, one guild each", () => {
    const shards = fake.received.filter((p) => p.op === 2).map((p) => p.d.shard as [number, number]);
    expect(shards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.shards()).toEqual([
      { id: 0, state: "ready", guilds: 1 },
      { id: 1, state: "ready", guilds: 1 },
    ]);
    const { report } = checkHealth({ kb: { version: "v", loadedAt: "", loadedBy: "", counts: { articles: 0, facts: 0, terms: 0 } }, uptimeSeconds: 1, adapters: { discord: bot } });
    expect(report.adapters.discord).toEqual({
      enabled: true,
      state: "connected",
      shards: [
        { id: 0, state: "connected", guilds: 1 },
        { id: 1, state: "connected", guilds: 1 },
      ],
    });
  });

  it.each([
    ["the first guild, on shard 0", false],
    ["the second guild, on shard 1", true],
  ])("answers /ask in %s", async (_, second) => {
    const { id } = fake.sendCommand({ name: "ask", options: [{ name: "question", type: 3, value: "What is the H20?" }], second });
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.embeds[0].description).toMatch(/H20/);
  });
});
