// Start-up failures name their cause, and leave nothing running.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSlack } from "../../../src/bots/slack/app.ts";
import { silentLogger } from "../../../src/log.ts";
import { FakeSlack } from "./fake-slack.ts";
import { createFakeEngine } from "./fake-engine.ts";
import { testConfig } from "./helpers.ts";
import { SIGNING_SECRET } from "./slack-requests.ts";

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start();
});
afterEach(async () => {
  await fake.close();
});

describe("startSlack", () => {
  it("fails with the cause when Slack refuses the bot token", async () => {
    fake.failNext("auth.test", "invalid_auth");
    await expect(
      startSlack({
        config: testConfig({ apiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET }),
        engine: createFakeEngine(),
        logger: silentLogger,
        host: "127.0.0.1",
        retryConfig: { retries: 0 },
      }),
    ).rejects.toThrow(/^slack: auth\.test failed, check SLACK_BOT_TOKEN: .*invalid_auth/);
  });

  it("fails with the port named when the port is taken", async () => {
    const taken = createServer();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(
        startSlack({
          config: testConfig({ apiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET }),
          engine: createFakeEngine(),
          logger: silentLogger,
          port,
          host: "127.0.0.1",
          retryConfig: { retries: 0 },
        }),
      ).rejects.toThrow(`slack: could not listen on port ${port}: listen EADDRINUSE`);
    } finally {
      taken.close();
    }
  });

  it("fails with the cause when the Socket Mode connection is refused", async () => {
    fake.failNext("apps.connections.open", "invalid_auth");
    await expect(
      startSlack({
        config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-bad" }),
        engine: createFakeEngine(),
        logger: silentLogger,
        retryConfig: { retries: 0 },
        autoReconnect: false,
      }),
    ).rejects.toThrow(/^slack: could not open the Socket Mode connection: .*invalid_auth/);
  });
});
