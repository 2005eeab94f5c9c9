// `npm run discord:register` as a process: exit codes and messages.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp-dir.ts";
import { FakeDiscord } from "./fake-discord.ts";

const CLI = fileURLToPath(new URL("../../../src/bots/discord/register-cli.ts", import.meta.url));
/** tsx's loader by URL, so that the CLI also starts in a working directory of its own. */
const TSX = import.meta.resolve("tsx");

function run(env: Record<string, string>, options: { cwd?: string; args?: string[] } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, CLI, ...(options.args ?? [])],
      // Only what the CLI needs: no DISCORD_* variable from the developer's shell leaks in.
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 15_000, ...(options.cwd ? { cwd: options.cwd } : {}) },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("register-cli", () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });

  afterAll(async () => {
    await fake?.close();
  });

  beforeEach(() => {
    fake.commands.clear();
    fake.requests.length = 0;
  });

  it("registers the commands in the configured guild", async () => {
    const result = await run({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `Registered 6 commands in guild ${fake.guildId} (available now): /ask, /sources, /timeline, /help, /kb, “Ask Chokepoint”\n` +
        "No global commands to clear.\n",
    );
    expect(result.code).toBe(0);
    expect(fake.requestsTo("PUT", `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`)).toHaveLength(1);
  });

  it("reads .env from the working directory as npm start does, the environment winning", async () => {
    const dir = await tempDir("register-env");
    await writeFile(
      join(dir, ".env"),
      [`DISCORD_TOKEN=${fake.token}`, `DISCORD_APPLICATION_ID=${fake.applicationId}`, `DISCORD_API_URL=${fake.apiUrl}`, "DISCORD_GUILD_ID=1300000000000000099", ""].join("\n"),
    );
    const result = await run({ DISCORD_GUILD_ID: fake.guildId }, { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Registered 6 commands in guild ${fake.guildId} \\(available now\\)`));
    expect(fake.requestsTo("PUT", `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`)[0]?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it("says what it cleared when switching from a guild registration to a global one, and back", async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
    await run({ ...env, DISCORD_GUILD_ID: fake.guildId });
    const global = await run({ ...env, DISCORD_GUILD_ID: fake.guildId }, { args: ["--global"] });
    expect(global.stderr).toBe("");
    expect(global.stdout).toBe(
      "Registered 6 commands globally: /ask, /sources, /timeline, /help, /kb, “Ask Chokepoint”\n" + `Cleared 6 commands registered in guild ${fake.guildId}.\n`,
    );
    const back = await run(env, { args: ["--guild", fake.guildId] });
    expect(back.stdout).toBe(
      `Registered 6 commands in guild ${fake.guildId} (available now): /ask, /sources, /timeline, /help, /kb, “Ask Chokepoint”\n` + "Cleared 6 global commands.\n",
    );
    expect(fake.commands.get("global")).toEqual([]);
    expect(fake.commands.get(fake.guildId)).toHaveLength(6);
  });

  it("exits 1 naming a bad --guild", async () => {
    const result = await run({}, { args: ["--guild", "my-server"] });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'discord: --guild: must be a snowflake (a numeric server id), got "my-server"\nusage: npm run discord:register [-- --guild <server id> | --global]\n',
    );
  });

  it("exits 1 listing every configuration problem", async () => {
    const result = await run({ DISCORD_APPLICATION_ID: "app", DISCORD_API_URL: fake.apiUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "discord: invalid configuration:\n" +
        "  - DISCORD_TOKEN: is required (the bot token from the Developer Portal)\n" +
        '  - DISCORD_APPLICATION_ID: must be a snowflake (a numeric id such as 1234567890123456789), got "app"\n',
    );
  });

  it("exits 1 when Discord is not configured at all", async () => {
    const result = await run({});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("discord: not configured");
  });
});
