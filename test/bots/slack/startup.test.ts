// Start-up failures name their cause, and leave nothing running. A refused token is told
// from a Slack that cannot be reached, and a refused app-level token stops Socket Mode at
// once instead of being retried for good.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSlack } from "../../../src/bots/slack/app.ts";
import { silentLogger } from "../../../src/log.ts";
import { freePort, runMain } from "../../main/run-main.ts";
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
  it.each([
    ["invalid_auth", "slack: SLACK_BOT_TOKEN was refused: invalid_auth (auth.test: not a valid token; mistyped, or from another app or workspace)"],
    ["not_authed", "slack: SLACK_BOT_TOKEN was refused: not_authed (auth.test: no token was sent)"],
    ["token_revoked", "slack: SLACK_BOT_TOKEN was refused: token_revoked (auth.test: the token was revoked; generate a new one)"],
    ["account_inactive", "slack: SLACK_BOT_TOKEN was refused: account_inactive (auth.test: the app was uninstalled or its workspace deactivated)"],
  ])("names SLACK_BOT_TOKEN and the reason when auth.test answers %s", async (error, message) => {
    fake.failNext("auth.test", error);
    await expect(
      startSlack({
        config: testConfig({ apiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET }),
        engine: createFakeEngine(),
        logger: silentLogger,
        host: "127.0.0.1",
        retryConfig: { retries: 0 },
      }),
    ).rejects.toThrow(new Error(message));
  });

  it("says Slack cannot be reached, not that the token is wrong, when nothing listens at the API URL", async () => {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    await expect(
      startSlack({
        config: testConfig({ apiUrl, signingSecret: SIGNING_SECRET }),
        engine: createFakeEngine(),
        logger: silentLogger,
        host: "127.0.0.1",
        retryConfig: { retries: 0 },
      }),
    ).rejects.toThrow(new Error(`slack: cannot reach Slack at ${apiUrl}: connect ECONNREFUSED 127.0.0.1:${port}`));
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

  // The Socket Mode client retries every refusal but a few (invalid_auth, not_authed, …)
  // for good, 5 s longer each time: start-up would never finish.
  it.each([
    ["not_allowed_token_type", {}, "slack: SLACK_APP_TOKEN was refused: not_allowed_token_type (apps.connections.open needs an app-level token, xapp-…)"],
    ["missing_scope", { needed: "connections:write", provided: "authorizations:read" }, "slack: SLACK_APP_TOKEN was refused: missing_scope (apps.connections.open needs the connections:write scope)"],
    ["token_revoked", {}, "slack: SLACK_APP_TOKEN was refused: token_revoked (apps.connections.open: the token was revoked; generate a new one)"],
    ["invalid_auth", {}, "slack: SLACK_APP_TOKEN was refused: invalid_auth (apps.connections.open: not a valid token; mistyped, or from another app or workspace)"],
  ])("stops Socket Mode at once, naming SLACK_APP_TOKEN, when apps.connections.open answers %s", async (error, extra, message) => {
    fake.failAlways("apps.connections.open", error, extra);
    const started = performance.now();
    await expect(
      startSlack({
        config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-refused" }),
        engine: createFakeEngine(),
        logger: silentLogger,
      }),
    ).rejects.toThrow(new Error(message));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(fake.sockets).toHaveLength(0);
  }, 10_000);
});

describe("npm start with a refused app-level token", () => {
  it("exits non-zero within 30 s, naming SLACK_APP_TOKEN and the reason", async () => {
    fake.failAlways("apps.connections.open", "missing_scope", { needed: "connections:write", provided: "authorizations:read" });
    const main = runMain({ SLACK_BOT_TOKEN: "xoxb-test-bot-token", SLACK_APP_TOKEN: "xapp-1-no-connections-write", SLACK_API_URL: fake.apiUrl });
    try {
      const { code, ms } = await main.exited(30_000);
      expect(code).toBe(1);
      expect(ms).toBeLessThan(30_000);
      expect(main.stderr()).toContain("slack: SLACK_APP_TOKEN was refused: missing_scope (apps.connections.open needs the connections:write scope)");
    } finally {
      main.dispose();
    }
  }, 40_000);
});
