// The start-up message for each way a first Web API call fails, from the client's real errors.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { describeStartFailure, isTokenRefusal } from "../../../src/bots/slack/start-errors.ts";

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

async function failureOf(apiUrl: string, timeout = 0): Promise<unknown> {
  const client = new webApi.WebClient("xoxb-test", { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, timeout, logLevel: webApi.LogLevel.ERROR });
  return client.auth.test().then(
    () => new Error("test: auth.test succeeded"),
    (err: unknown) => err,
  );
}

describe("describeStartFailure", () => {
  it("says how long a call that got no answer waited", async () => {
    const apiUrl = await serve(() => {});
    const err = await failureOf(apiUrl, 200);
    expect(describeStartFailure(err, { token: "SLACK_BOT_TOKEN", method: "auth.test", apiUrl, timeoutMs: 200 })).toBe(
      `slack: cannot reach Slack at ${apiUrl}: no answer within 0.2 s`,
    );
  });

  it("gives the status when Slack answers with an HTTP error", async () => {
    const apiUrl = await serve((_req, res) => {
      res.writeHead(503, "Service Unavailable");
      res.end();
    });
    const err = await failureOf(apiUrl);
    expect(describeStartFailure(err, { token: "SLACK_BOT_TOKEN", method: "auth.test", apiUrl })).toBe(
      `slack: Slack at ${apiUrl} answered auth.test with HTTP 503 Service Unavailable`,
    );
  });

  it("names an unknown host as the resolver did", () => {
    const lookup = Object.assign(new Error("getaddrinfo ENOTFOUND slack.example.invalid"), { code: "ENOTFOUND" });
    const err = new webApi.WebAPIRequestError(Object.assign(new TypeError("fetch failed"), { cause: lookup }));
    expect(describeStartFailure(err, { token: "SLACK_BOT_TOKEN", method: "auth.test", apiUrl: "https://slack.example.invalid/api/" })).toBe(
      "slack: cannot reach Slack at https://slack.example.invalid/api/: getaddrinfo ENOTFOUND slack.example.invalid",
    );
  });

  it("keeps a refusal it has no words for, with the method", () => {
    const err = new webApi.WebAPIPlatformError({ ok: false, error: "team_access_not_granted" } as webApi.WebAPICallResult & { error: string });
    expect(describeStartFailure(err, { token: "SLACK_APP_TOKEN", method: "apps.connections.open", apiUrl: "https://slack.com/api/" })).toBe(
      "slack: SLACK_APP_TOKEN was refused: team_access_not_granted (apps.connections.open)",
    );
  });
});

describe("isTokenRefusal", () => {
  it("is true only when Slack answered and refused the token", async () => {
    const refusing = await serve((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: false, error: "token_revoked" }));
    });
    expect(isTokenRefusal(await failureOf(refusing))).toBe(true);
  });

  it("is false for other errors Slack sends, HTTP errors and calls that got no answer", async () => {
    const other = await serve((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
    });
    expect(isTokenRefusal(await failureOf(other))).toBe(false);
    server?.closeAllConnections();
    await new Promise((r) => server!.close(r));
    const failing = await serve((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    expect(isTokenRefusal(await failureOf(failing))).toBe(false);
    server?.closeAllConnections();
    await new Promise((r) => server!.close(r));
    const silent = await serve(() => {});
    expect(isTokenRefusal(await failureOf(silent, 200))).toBe(false);
  });
});
