import { describe, expect, it } from "vitest";
import { parseSlackConfig, slackSecrets } from "../../../src/bots/slack/config.ts";

const http = { SLACK_BOT_TOKEN: "xoxb-1-abc", SLACK_SIGNING_SECRET: "s3cret" };

describe("parseSlackConfig", () => {
  it.each([
    ["no variable", {}],
    ["only empty variables", { SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "  ", SLACK_PORT: "" }],
    ["unrelated variables", { PATH: "/bin", DISCORD_TOKEN: "x" }],
  ])("is not enabled with %s", (_, env) => {
    expect(parseSlackConfig(env)).toEqual({ enabled: false });
  });

  it("reads HTTP mode with defaults", () => {
    expect(parseSlackConfig(http)).toEqual({
      enabled: true,
      config: {
        botToken: "xoxb-1-abc",
        signingSecret: "s3cret",
        appToken: null,
        mode: "http",
        port: 3000,
        apiUrl: null,
        adminUserIds: [],
      },
    });
  });

  it("reads Socket Mode, the port, the API URL and the admins", () => {
    const result = parseSlackConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1-A",
      SLACK_SIGNING_SECRET: "",
      SLACK_PORT: "8080",
      SLACK_API_URL: "https://slack-gov.com/api",
      SLACK_ADMIN_USER_IDS: " U0123ABCD, W0456EFGH ,,",
    });
    expect(result).toEqual({
      enabled: true,
      config: {
        botToken: "xoxb-1",
        signingSecret: null,
        appToken: "xapp-1-A",
        mode: "socket",
        port: 8080,
        apiUrl: "https://slack-gov.com/api/",
        adminUserIds: ["U0123ABCD", "W0456EFGH"],
      },
    });
  });

  it.each([
    ["a bot token without signing secret", { SLACK_BOT_TOKEN: "xoxb-1" }, ["SLACK_SIGNING_SECRET: required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)"]],
    ["only a signing secret", { SLACK_SIGNING_SECRET: "s" }, ["SLACK_BOT_TOKEN: required (the bot token, xoxb-…)"]],
    ["a user token as bot token", { ...http, SLACK_BOT_TOKEN: "xoxp-1" }, ["SLACK_BOT_TOKEN: must be a bot token starting with xoxb-"]],
    ["a bot token as app token", { ...http, SLACK_APP_TOKEN: "xoxb-2" }, ["SLACK_APP_TOKEN: must be an app-level token starting with xapp- (or unset for HTTP mode)"]],
    ["a port that is not a number", { ...http, SLACK_PORT: "http" }, ["SLACK_PORT: must be a whole number from 1 to 65535"]],
    ["a port out of range", { ...http, SLACK_PORT: "70000" }, ["SLACK_PORT: must be a whole number from 1 to 65535"]],
    ["port 0", { ...http, SLACK_PORT: "0" }, ["SLACK_PORT: must be a whole number from 1 to 65535"]],
    ["an API URL that is not a URL", { ...http, SLACK_API_URL: "slack.com/api" }, ["SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/"]],
    ["an admin that is not a user id", { ...http, SLACK_ADMIN_USER_IDS: "U0123ABCD,@alice" }, ['SLACK_ADMIN_USER_IDS: "@alice" is not a Slack user id (like U0123ABCD)']],
  ])("lists the problem with %s", (_, env, problems) => {
    expect(parseSlackConfig(env)).toEqual({ enabled: true, problems });
  });

  it("lists every problem at once, by variable, without echoing tokens", () => {
    const result = parseSlackConfig({ SLACK_BOT_TOKEN: "secret-value", SLACK_APP_TOKEN: "also-secret", SLACK_PORT: "-1", SLACK_ADMIN_USER_IDS: "bob" });
    expect(result).toEqual({
      enabled: true,
      problems: [
        "SLACK_BOT_TOKEN: must be a bot token starting with xoxb-",
        "SLACK_APP_TOKEN: must be an app-level token starting with xapp- (or unset for HTTP mode)",
        "SLACK_PORT: must be a whole number from 1 to 65535",
        'SLACK_ADMIN_USER_IDS: "bob" is not a Slack user id (like U0123ABCD)',
      ],
    });
    expect(JSON.stringify(result)).not.toMatch(/secret-value|also-secret/);
  });

  it("returns a frozen config", () => {
    const result = parseSlackConfig(http);
    if (!("config" in result)) throw new Error("expected a config");
    expect(Object.isFrozen(result.config)).toBe(true);
    expect(slackSecrets(result.config)).toEqual(["xoxb-1-abc", "s3cret"]);
  });
});
