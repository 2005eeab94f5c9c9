// `npm run discord:register` as a process: exit codes and messages.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "./fake-discord.ts";

const CLI = fileURLToPath(new URL("../../../src/bots/discord/register-cli.ts", import.meta.url));

function run(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", CLI],
      // Only what the CLI needs: no DISCORD_* variable from the developer's shell leaks in.
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 15_000 },
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

  it("registers the commands in the configured guild", async () => {
    const result = await run({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `Registered 6 commands in guild ${fake.guildId} (available now): /ask, /sources, /timeline, /help, /kb, “Ask Chokepoint”\n`,
    );
    expect(result.code).toBe(0);
    expect(fake.requestsTo("PUT", `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`)).toHaveLength(1);
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
