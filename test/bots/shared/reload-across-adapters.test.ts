// One reload at a time across platforms: Slack and Discord given the same gate (as npm start
// gives them) tell a reload asked on one while the other's runs that it is running, by whom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordBot } from "../../../src/bots/discord/bot.ts";
import { createReloadGate } from "../../../src/bots/shared/reload-gate.ts";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import type { Engine } from "../../../src/engine/engine-types.ts";
import type { ReloadReport } from "../../../src/knowledge/report.ts";
import { silentLogger } from "../../../src/log.ts";
import { FakeDiscord } from "../discord/fake-discord.ts";
import { OK_REPORT, createFakeEngine } from "../slack/fake-engine.ts";
import { FakeSlack } from "../slack/fake-slack.ts";
import { testConfig } from "../slack/helpers.ts";
import { SIGNING_SECRET, commandFields, formBody, postSigned } from "../slack/slack-requests.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const EPHEMERAL = 64;
const MANAGE_GUILD = 1n << 5n;

let slackFake: FakeSlack;
let discordFake: FakeDiscord;
let slack: SlackBot;
let discord: DiscordBot;
let reloads = 0;
let finish: (report: ReloadReport) => void = () => {};

beforeAll(async () => {
  slackFake = await FakeSlack.start();
  discordFake = await FakeDiscord.start();
  const engine: Engine = createFakeEngine({
    reload: () => {
      reloads += 1;
      return new Promise((resolve) => (finish = resolve));
    },
  });
  const reloadGate = createReloadGate();
  slack = await startSlack({
    config: testConfig({ apiUrl: slackFake.apiUrl, signingSecret: SIGNING_SECRET }),
    engine,
    logger: silentLogger,
    stateDir: await tempDir("reload-across"),
    port: 0,
    host: "127.0.0.1",
    retryConfig: { retries: 0 },
    reloadGate,
  });
  discord = await startDiscord({
    config: { token: discordFake.token, applicationId: discordFake.applicationId, guildId: discordFake.guildId, adminRoleIds: [], adminGuildIds: [discordFake.guildId], apiUrl: discordFake.apiUrl },
    engine,
    logger: silentLogger,
    reloadGate,
  });
});

afterAll(async () => {
  await slack?.stop();
  await discord?.stop();
  await slackFake?.close();
  await discordFake?.close();
});

describe("reloads across adapters", () => {
  it("tells a Discord /kb reload that the Slack one is running, and reloads once", async () => {
    const { id: responseId, url } = slackFake.newResponseUrl();
    await postSigned(`http://127.0.0.1:${slack.port}/slack/events`, formBody(commandFields("/kb", "reload", url, "UADMIN01")), "application/x-www-form-urlencoded");
    await slackFake.waitForResponse(responseId);

    const { id } = discordFake.sendCommand({ name: "kb", options: [{ name: "reload", type: 1 }], permissions: MANAGE_GUILD });
    const busy = await discordFake.waitForRequest((r) => r.method === "POST" && r.route.startsWith(`/interactions/${id}/`));
    expect(busy.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(busy.body.data.content).toMatch(/^A knowledge base reload is already running \(started by slack:UADMIN01 at \d\d:\d\d:\d\d UTC, \d+ s ago\)\./);
    expect(reloads).toBe(1);

    finish(OK_REPORT);
    const report = await slackFake.waitForResponse(responseId, (r) => String(r.body.text).startsWith("*Knowledge base reloaded*"));
    expect(report.body.response_type).toBe("ephemeral");
  });
});
