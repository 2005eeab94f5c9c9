// The Slack adapter's state() as /healthz reads it, against the fake Slack.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../src/bots/slack/app.ts";
import { checkHealth } from "../../src/health/health.ts";
import { silentLogger } from "../../src/log.ts";
import { createFakeEngine } from "../bots/slack/fake-engine.ts";
import { FakeSlack } from "../bots/slack/fake-slack.ts";
import { testConfig } from "../bots/slack/helpers.ts";
import { SIGNING_SECRET } from "../bots/slack/slack-requests.ts";

let fake: FakeSlack;
let bot: SlackBot | null = null;
beforeEach(async () => {
  fake = await FakeSlack.start();
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await fake.close();
});

const engine = createFakeEngine();
const healthOf = (slack: SlackBot) => checkHealth({ kb: engine.status(), uptimeSeconds: 0, adapters: { slack } });

describe("SlackBot.state", () => {
  it("is connected while the HTTP endpoint listens, and stopped after stop()", async () => {
    bot = await startSlack({
      config: testConfig({ apiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET }),
      engine,
      logger: silentLogger,
      host: "127.0.0.1",
      retryConfig: { retries: 0 },
    });
    expect(bot.state()).toBe("connected");
    expect(healthOf(bot).httpStatus).toBe(200);
    await bot.stop();
    expect(bot.state()).toBe("stopped");
    expect(healthOf(bot).report.adapters.slack).toEqual({ enabled: true, state: "stopped" });
  });

  it("follows the Socket Mode connection: reconnecting when it drops, connected when it is back", async () => {
    bot = await startSlack({
      config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-1-A0001-test" }),
      engine,
      logger: silentLogger,
      retryConfig: { retries: 0 },
    });
    const running = bot;
    expect(running.state()).toBe("connected");
    fake.sockets[0]!.terminate();
    await fake.waitFor(() => running.state() === "reconnecting", "the state to turn reconnecting");
    expect(healthOf(running).httpStatus).toBe(503);
    await fake.waitFor(() => running.state() === "connected", "the state to turn connected again", 15_000);
    expect(fake.sockets).toHaveLength(2);
    await running.stop();
    expect(running.state()).toBe("stopped");
  });

  it("is disconnected when a dropped socket is not to be reopened", async () => {
    bot = await startSlack({
      config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-1-A0001-test" }),
      engine,
      logger: silentLogger,
      retryConfig: { retries: 0 },
      autoReconnect: false,
    });
    const running = bot;
    fake.sockets[0]!.terminate();
    await fake.waitFor(() => running.state() === "disconnected", "the state to turn disconnected");
    expect(healthOf(running).report.status).toBe("degraded");
  });
});
