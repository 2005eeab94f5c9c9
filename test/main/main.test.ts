// `npm start` end to end: the real entry point as a child process against a fake Slack,
// with the health server, a question answered while a SIGTERM arrives, and logs free of secrets.
import { once } from "node:events";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../bots/discord/fake-discord.ts";
import { FakeSlack } from "../bots/slack/fake-slack.ts";
import { eventCallback, mentionEvent, postSigned, SIGNING_SECRET } from "../bots/slack/slack-requests.ts";
import { freePort, runMain, waitUntil, type MainProcess } from "./run-main.ts";

const BOT_TOKEN = "xoxb-1111111111-2222222222-chokepointTestBotToken";
const SHUTDOWN_TIMEOUT_MS = 5_000;

let main: MainProcess | null = null;
let fake: FakeSlack | null = null;
let fakeDiscord: FakeDiscord | null = null;
afterEach(async () => {
  main?.dispose();
  main = null;
  await fake?.close();
  fake = null;
  await fakeDiscord?.close();
  fakeDiscord = null;
});

function logLines(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("npm start with Slack (HTTP mode) and the health server", () => {
  it("answers a mention that arrives as SIGTERM does, exits 0, and never logs a secret", async () => {
    fake = await FakeSlack.start();
    const [slackPort, healthPort] = [await freePort(), await freePort()];
    main = runMain({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: String(slackPort),
      SLACK_API_URL: fake.apiUrl,
      HEALTH_PORT: String(healthPort),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      // Bolt and the Web API client log the most at debug: the mask must hold there too.
      LOG_LEVEL: "debug",
    });
    const running = main;

    const health = await waitUntil(running, "/healthz to answer 200", async () => {
      const res = await fetch(`http://127.0.0.1:${healthPort}/healthz`, { signal: AbortSignal.timeout(1_000) });
      return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null;
    });
    expect(health).toMatchObject({
      status: "ok",
      kb: { loadedBy: "startup", counts: { articles: expect.any(Number), facts: expect.any(Number) } },
      adapters: { slack: { enabled: true, state: "connected" }, discord: { enabled: false, state: "disabled" } },
    });

    const body = JSON.stringify(eventCallback(mentionEvent("Why did the US approve H20 exports to China?")));
    const ack = await postSigned(`http://127.0.0.1:${slackPort}/slack/events`, body, "application/json");
    expect(ack.status).toBe(200);
    // The answer may still be in flight: the shutdown must let it finish.
    running.child.kill("SIGTERM");
    const { code, signal, ms } = await running.exited(SHUTDOWN_TIMEOUT_MS + 5_000);

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2_000);
    const posted = fake.callsOf("chat.postMessage");
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ token: BOT_TOKEN, args: { channel: "C0CHANNEL", thread_ts: "1700000100.000100" } });
    expect(String(posted[0]!.args.text)).toMatch(/H20/);

    const stderr = running.stderr();
    const lines = logLines(stderr);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["health: listening", "started", "stopping", "slack: stopped", "stopped"]));
    expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ signal: "SIGTERM", drained: true });
    for (const line of [...stderr.split("\n"), ...running.stdout().split("\n")]) {
      expect(line).not.toContain(BOT_TOKEN);
      expect(line).not.toContain(SIGNING_SECRET);
    }
  }, 40_000);
});

describe("npm start with Slack and Discord, Discord refusing the token", () => {
  it("keeps Slack answering, is 503 naming Discord and why, and comes up once Discord accepts", async () => {
    fake = await FakeSlack.start();
    fakeDiscord = await FakeDiscord.start();
    const discord = fakeDiscord;
    discord.failRest({ method: "GET", route: /^\/gateway\/bot$/u, status: 401, body: { message: "401: Unauthorized", code: 0 }, times: Infinity });
    const [slackPort, healthPort] = [await freePort(), await freePort()];
    main = runMain({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: String(slackPort),
      SLACK_API_URL: fake.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      HEALTH_PORT: String(healthPort),
    });
    const running = main;
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${healthPort}/healthz`, { signal: AbortSignal.timeout(1_000) });
      return { status: res.status, body: (await res.json()) as { adapters: Record<string, { state: string; reason?: string }> } };
    };

    const degraded = await waitUntil(running, "/healthz to name Discord as failed", async () => {
      const h = await healthz();
      return h.status === 503 && h.body.adapters.discord?.state === "failed" ? h.body : null;
    });
    expect(degraded).toMatchObject({
      status: "degraded",
      engine: { ok: true },
      adapters: {
        slack: { enabled: true, state: "connected" },
        discord: { enabled: true, state: "failed", reason: expect.stringMatching(/^discord: login failed: An invalid token was provided\.; retrying (now|in \d+ ms)$/u) },
      },
    });

    const body = JSON.stringify(eventCallback(mentionEvent("Why did the US approve H20 exports to China?")));
    expect((await postSigned(`http://127.0.0.1:${slackPort}/slack/events`, body, "application/json")).status).toBe(200);
    await waitUntil(running, "Slack's answer", async () => (fake!.callsOf("chat.postMessage").length === 1 ? true : null));
    expect(String(fake.callsOf("chat.postMessage")[0]!.args.text)).toMatch(/H20/);

    discord.clearFaults();
    const healthy = await waitUntil(running, "/healthz to answer 200", async () => {
      const h = await healthz();
      return h.status === 200 ? h.body : null;
    }, 20_000);
    expect(healthy).toMatchObject({ status: "ok", adapters: { slack: { state: "connected" }, discord: { enabled: true, state: "connected" } } });
    const lines = logLines(running.stderr());
    expect(lines.find((l) => l.msg === "start-up failed")).toMatchObject({ level: "error", adapter: "discord", err: { message: "discord: login failed: An invalid token was provided." } });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["discord: could not start, retrying", "discord: ready"]));
    expect(lines.some((l) => /^discord: started after \d+ failed tr(y|ies)$/u.test(String(l.msg)))).toBe(true);

    running.child.kill("SIGTERM");
    expect((await running.exited(10_000)).code).toBe(0);
  }, 60_000);
});

describe("npm start with the terminal chat", () => {
  it("exits 0 on SIGINT while its input is still open", async () => {
    main = runMain({});
    const running = main;
    running.child.stdin.write("What is the H20?\n");
    await waitUntil(running, "the answer on stdout", async () => (running.stdout().includes("Sources:") ? true : null));
    running.child.kill("SIGINT");
    const { code, signal } = await running.exited(5_000);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(running.stderr()).toBe("");
  }, 30_000);
});

describe("npm start with bad settings", () => {
  it("stops with every problem named, HEALTH_PORT among them", async () => {
    main = runMain({ HEALTH_PORT: "ninety", SHUTDOWN_TIMEOUT_MS: "soon" });
    const { code } = await main.exited(15_000);
    expect(code).toBe(1);
    expect(main.stderr()).toBe(
      [
        "config: cannot start:",
        "  - HEALTH_PORT: must be a whole number from 1 to 65535",
        "  - SHUTDOWN_TIMEOUT_MS: must be a whole number of milliseconds from 0 to 600000",
        "",
      ].join("\n"),
    );
  }, 30_000);

  it("names a misspelt setting with the one it was meant to be, when that leaves a platform half set", async () => {
    main = runMain({ SLAK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, DISCORD_ADMIN_ROLE_ID: "1300000000000000004" });
    const { code } = await main.exited(15_000);
    expect(code).toBe(1);
    expect(main.stderr()).toBe(
      [
        "config: cannot start:",
        "  - SLACK_BOT_TOKEN: required (the bot token, xoxb-…)",
        "config: DISCORD_ADMIN_ROLE_ID is not a setting; did you mean DISCORD_ADMIN_ROLE_IDS?",
        "config: SLAK_BOT_TOKEN is not a setting; did you mean SLACK_BOT_TOKEN?",
        "",
      ].join("\n"),
    );
  }, 30_000);

  it("stops when the health port is taken, naming the address", async () => {
    const taken = createServer();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
    const port = (taken.address() as { port: number }).port;
    try {
      main = runMain({ HEALTH_PORT: String(port) });
      const { code } = await main.exited(15_000);
      expect(code).toBe(1);
      const failure = logLines(main.stderr()).find((l) => l.msg === "start-up failed");
      expect(failure).toMatchObject({ level: "error", err: { message: `health: could not listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}` } });
    } finally {
      taken.close();
    }
  }, 30_000);
});
