// Who may use /kb, end to end through the real discord.js client: the bot is in its admins'
// server and in a stranger's (a public bot can be added anywhere, and there the stranger has
// Manage Server). /kb must answer only where DISCORD_ADMIN_GUILD_IDS (or an admin role's own
// server) says, whatever the member's permissions elsewhere.
import { afterEach, describe, expect, it } from "vitest";
import { startDiscord, type DiscordBot } from "../../../src/bots/discord/bot.ts";
import type { DiscordConfig } from "../../../src/bots/discord/config.ts";
import { stringsFor } from "../../../src/bots/discord/strings.ts";
import { createLogger } from "../../../src/log.ts";
import { bundledEngine } from "../../helpers/engine.ts";
import { FakeDiscord, type RecordedRequest } from "./fake-discord.ts";

const EPHEMERAL = 64;
const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;

let fake: FakeDiscord | undefined;
let bot: DiscordBot | undefined;
let logs: Array<Record<string, unknown>> = [];

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = undefined;
  fake = undefined;
});

async function start(policy: Pick<DiscordConfig, "adminRoleIds" | "adminGuildIds">): Promise<FakeDiscord> {
  fake = await FakeDiscord.start({ secondGuild: true });
  logs = [];
  const config: DiscordConfig = { token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl, ...policy };
  bot = await startDiscord({ config, engine: await bundledEngine(), logger: createLogger({ level: "debug", write: (line) => logs.push(JSON.parse(line)) }) });
  return fake;
}

/** Sends `/kb status` and resolves with the interaction's first answer. */
async function kbStatus(f: FakeDiscord, who: { permissions?: bigint; roles?: string[]; second?: boolean }): Promise<RecordedRequest> {
  const { id } = f.sendCommand({ name: "kb", options: [{ name: "status", type: 1 }], ...who });
  return f.waitForRequest((r) => r.method === "POST" && r.route.startsWith(`/interactions/${id}/`));
}

const NOT_HERE = "/kb is not enabled in this server.";
const NOT_ADMIN = "Only server managers (Manage Server) or the bot's admin roles can use /kb.";

/** A refusal's text and visibility; an answer (an embed) shows as its title instead. */
const refused = (callback: RecordedRequest) => ({
  content: callback.body.data.content ?? `answered: ${callback.body.data.embeds?.[0]?.title}`,
  ephemeral: (callback.body.data.flags & EPHEMERAL) === EPHEMERAL,
});
const isStatus = (callback: RecordedRequest) => callback.body.data.embeds?.[0]?.title === stringsFor("en").statusTitle;

describe("/kb with DISCORD_ADMIN_GUILD_IDS", () => {
  it("is refused ephemerally in a server not listed, even to a member with Manage Server or Administrator", async () => {
    const f = await start({ adminRoleIds: [], adminGuildIds: ["1300000000000000002"] });
    expect(f.guildId).toBe("1300000000000000002");
    for (const permissions of [MANAGE_GUILD, ADMINISTRATOR]) {
      const callback = await kbStatus(f, { permissions, second: true });
      expect(refused(callback)).toEqual({ content: NOT_HERE, ephemeral: true });
    }
    expect(logs.filter((l) => l.msg === "discord: /kb refused: not an admin server")).toHaveLength(2);
  });

  it("answers a member with Manage Server in a listed server", async () => {
    const f = await start({ adminRoleIds: [], adminGuildIds: ["1300000000000000002"] });
    const callback = await kbStatus(f, { permissions: MANAGE_GUILD });
    expect(isStatus(callback)).toBe(true);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("still refuses a member of a listed server with neither Manage Server nor an admin role", async () => {
    const f = await start({ adminRoleIds: [], adminGuildIds: ["1300000000000000002"] });
    expect(refused(await kbStatus(f, {}))).toEqual({ content: NOT_ADMIN, ephemeral: true });
  });
});

describe("/kb without DISCORD_ADMIN_GUILD_IDS", () => {
  it("answers a member holding an admin role in the server that role belongs to", async () => {
    const f = await start({ adminRoleIds: ["1300000000000000004"] });
    expect(f.adminRoleId).toBe("1300000000000000004");
    expect(isStatus(await kbStatus(f, { roles: [f.adminRoleId] }))).toBe(true);
  });

  it("refuses Manage Server alone, in the admin role's server and in a stranger's", async () => {
    const f = await start({ adminRoleIds: ["1300000000000000004"] });
    expect(refused(await kbStatus(f, { permissions: MANAGE_GUILD }))).toEqual({ content: NOT_ADMIN, ephemeral: true });
    expect(refused(await kbStatus(f, { permissions: ADMINISTRATOR, second: true }))).toEqual({
      content: NOT_HERE,
      ephemeral: true,
    });
  });

  it("refuses a member claiming the admin role's id in a server where that role does not exist", async () => {
    const f = await start({ adminRoleIds: ["1300000000000000004"] });
    const callback = await kbStatus(f, { roles: [f.adminRoleId], permissions: MANAGE_GUILD, second: true });
    expect(refused(callback)).toEqual({ content: NOT_HERE, ephemeral: true });
  });

  it("is refused in every server when no admin role is configured either, and says so at start", async () => {
    const f = await start({ adminRoleIds: [] });
    expect(refused(await kbStatus(f, { permissions: ADMINISTRATOR }))).toEqual({ content: NOT_HERE, ephemeral: true });
    expect(refused(await kbStatus(f, { permissions: MANAGE_GUILD, second: true }))).toEqual({
      content: NOT_HERE,
      ephemeral: true,
    });
    expect(logs.find((l) => l.level === "warn" && String(l.msg).startsWith("discord: /kb is refused in every server"))?.msg).toBe(
      "discord: /kb is refused in every server: set DISCORD_ADMIN_GUILD_IDS (or DISCORD_ADMIN_ROLE_IDS)",
    );
  });
});
