// The Slack bot under faults, end to end against the fake Slack on 127.0.0.1: the Web API
// answering 429 (with Retry-After) and 5xx, a Socket Mode connection cut without a close
// frame, and its app-level token revoked meanwhile. The real Bolt App and Web API client; a
// small engine with fixed answers.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import { createFakeEngine } from "./fake-engine.ts";
import { FakeSlack, type ApiCall } from "./fake-slack.ts";
import { startHttpSlack, type HttpSlack } from "./http-harness.ts";
import { createMemoryLogger, testConfig } from "./helpers.ts";
import { SIGNING_SECRET, eventCallback, mentionEvent, postSigned } from "./slack-requests.ts";

/** Fast but real backoff: 50–100 ms between attempts, 3 retries. */
const FAST_RETRIES = { retries: 3, factor: 1, minTimeout: 50, maxTimeout: 100 };
/** Longer than any backoff above: a retry that was going to happen has happened by then. */
const SETTLE_MS = 300;
const APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment.";

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

let tsSeq = 0;
function nextTs(): string {
  tsSeq += 1;
  return `1700009${String(tsSeq).padStart(3, "0")}.000100`;
}

const postsIn = (fake: FakeSlack, channel: string): ApiCall[] =>
  fake.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);

function waitForAnswer(fake: FakeSlack, channel: string, ts: string): Promise<ApiCall> {
  return fake.waitFor(
    () => postsIn(fake, channel).find((c) => c.args.thread_ts === ts && c.status === 200),
    `an answer (HTTP 200) in ${channel}`,
  );
}

describe("Slack Web API faults (HTTP mode)", () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let memory: HttpSlack["memory"];

  const mention = (channel: string, ts: string, text = "Why did Trump allow H20 exports?") =>
    postSigned(`http://127.0.0.1:${bot.port}/slack/events`, JSON.stringify(eventCallback(mentionEvent(text, { ts, channel }))), "application/json");
  const retryLines = () => memory.lines().filter((l) => l.msg === "slack: Web API call failed, retrying");

  let slack: HttpSlack;

  beforeAll(async () => {
    slack = await startHttpSlack("faults", { retryConfig: FAST_RETRIES });
    ({ fake, bot, memory } = slack);
  });

  afterAll(async () => {
    await slack?.stop();
  });

  it("waits out a 429's Retry-After, answers once, and logs the rate limit", async () => {
    fake.failHttp("chat.postMessage", { status: 429, headers: { "retry-after": "1" } });
    const ts = nextTs();
    const before = retryLines().length;
    expect((await mention("C0LIMIT01", ts)).status).toBe(200);

    const answer = await waitForAnswer(fake, "C0LIMIT01", ts);
    await settle();
    const posts = postsIn(fake, "C0LIMIT01");
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(answer.args.text).toContain("H20");
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);

    const logged = retryLines().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: "warn", platform: "slack", attempt: 1, retriesLeft: 3 });
    // The client waits the Retry-After, then fails the attempt with this (wrapped) error.
    expect(String(logged[0]?.error)).toMatch(
      /^A request error occurred: A rate limit was exceeded \(url: http:\/\/127\.0\.0\.1:\d+\/api\/chat\.postMessage, retry-after: 1\)$/,
    );
  });

  it("retries two 500s with backoff and answers once", async () => {
    fake.failHttp("chat.postMessage", { status: 500, times: 2 });
    const ts = nextTs();
    const before = retryLines().length;
    await mention("C0FLAKY01", ts);

    await waitForAnswer(fake, "C0FLAKY01", ts);
    await settle();
    const posts = postsIn(fake, "C0FLAKY01");
    expect(posts.map((c) => c.status)).toEqual([500, 500, 200]);
    for (let i = 1; i < posts.length; i += 1) {
      // `at` is taken after the body is read: allow a few ms of jitter under the 50 ms backoff.
      expect((posts[i]?.at ?? 0) - (posts[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(40);
    }
    expect(retryLines().slice(before)).toEqual([
      expect.objectContaining({ level: "warn", attempt: 1, retriesLeft: 3, status: 500, error: "An HTTP protocol error occurred: statusCode = 500" }),
      expect.objectContaining({ level: "warn", attempt: 2, retriesLeft: 2, status: 500 }),
    ]);
  });

  it("logs the cause when Slack keeps failing, and answers the next question once it recovers", async () => {
    fake.failHttp("chat.postMessage", { status: 500, times: Infinity });
    const ts = nextTs();
    await mention("C0DOWN001", ts);

    const failed = await fake.waitFor(
      () => memory.lines().find((l) => l.msg === "slack: answering a mention failed" && l.channel === "C0DOWN001"),
      "the logged failure",
    );
    expect(failed.level).toBe("error");
    expect(failed.err).toMatchObject({ message: "An HTTP protocol error occurred: statusCode = 500" });
    const noApology = await fake.waitFor(
      () => memory.lines().find((l) => l.msg === "slack: could not send the apology" && l.channel === "C0DOWN001"),
      "the logged apology failure",
    );
    expect(noApology.err).toMatchObject({ message: "An HTTP protocol error occurred: statusCode = 500" });
    // 1 + 3 retries for the answer, then the same for the apology; nothing got through.
    const posts = postsIn(fake, "C0DOWN001");
    expect(posts.map((c) => c.status)).toEqual(Array(8).fill(500));
    expect(posts.slice(4).every((c) => c.args.text === APOLOGY)).toBe(true);

    fake.clearHttpFaults();
    const next = nextTs();
    await mention("C0DOWN001", next, "H200");
    await waitForAnswer(fake, "C0DOWN001", next);
    await settle();
    expect(postsIn(fake, "C0DOWN001").filter((c) => c.args.thread_ts === next).map((c) => c.status)).toEqual([200]);
  });
});

describe("Slack Socket Mode connection drop", () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let stateDir: string;
  let memory: ReturnType<typeof createMemoryLogger>;

  const mention = (channel: string, ts: string) =>
    fake.sendEnvelope("events_api", eventCallback(mentionEvent("Did China approve H200 imports?", { ts, channel })));

  beforeAll(async () => {
    fake = await FakeSlack.start();
    stateDir = await mkdtemp(path.join(tmpdir(), "chokepoint-slack-faults-socket-"));
    memory = createMemoryLogger();
    bot = await startSlack({
      config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-test-app-token" }),
      engine: createFakeEngine(),
      logger: memory.logger,
      stateDir,
      retryConfig: FAST_RETRIES,
      // autoReconnect: the default (true), as in production.
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it("reconnects after the connection is cut and answers the next question", async () => {
    const first = nextTs();
    await mention("C0SOCKDROP", first);
    await waitForAnswer(fake, "C0SOCKDROP", first);
    // One call checks the app-level token at start, one opens the connection.
    expect(fake.callsOf("apps.connections.open")).toHaveLength(2);

    fake.dropSockets();
    // The client waits its ping timeout (5 s) before the first reconnect attempt.
    await fake.waitFor(() => fake.callsOf("apps.connections.open").length === 3, "another apps.connections.open", 10_000);
    await fake.waitFor(() => fake.sockets.length === 2 && fake.sockets[1]?.readyState === fake.sockets[1]?.OPEN, "a new Socket Mode connection");
    expect(fake.sockets[0]?.readyState).toBe(fake.sockets[0]?.CLOSED);
    expect(fake.callsOf("apps.connections.open")[2]?.token).toBe("xapp-test-app-token");

    const second = nextTs();
    const ack = await mention("C0SOCKDROP", second);
    expect(ack.envelope_id).toMatch(/^env-/);
    await waitForAnswer(fake, "C0SOCKDROP", second);
    await settle();
    expect(postsIn(fake, "C0SOCKDROP").map((c) => c.args.thread_ts)).toEqual([first, second]);
  }, 20_000);
});

describe("Slack Socket Mode: the app-level token revoked while connected", () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let stateDir: string;
  let memory: ReturnType<typeof createMemoryLogger>;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    stateDir = await mkdtemp(path.join(tmpdir(), "chokepoint-slack-faults-revoked-"));
    memory = createMemoryLogger();
    bot = await startSlack({
      config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-test-app-token" }),
      engine: createFakeEngine(),
      logger: memory.logger,
      stateDir,
      retryConfig: FAST_RETRIES,
      tokenCheckMs: 100,
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it("stops reconnecting, says why in the log and the state, and asks Slack no more", async () => {
    expect(bot.state()).toBe("connected");
    expect(bot.reason()).toBeNull();
    fake.failAlways("apps.connections.open", "token_revoked");
    fake.dropSockets();

    await fake.waitFor(() => bot.state() === "failed", "the bot to give up on the revoked token", 5_000);
    expect(bot.reason()).toBe("slack: SLACK_APP_TOKEN was refused: token_revoked (apps.connections.open: the token was revoked; generate a new one)");
    // Bolt's own lines about the cut socket aside.
    const errors = memory.lines().filter((l) => l.level === "error" && l.component !== "bolt");
    expect(errors.map((l) => [l.msg, l.reason])).toEqual([
      ["slack: Slack refused the app-level token while reconnecting; stopped reconnecting until restarted with a valid one", bot.reason()],
    ]);

    // The Socket Mode client's own first attempt would come after its 5 s ping timeout.
    const calls = fake.callsOf("apps.connections.open").length;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(fake.callsOf("apps.connections.open")).toHaveLength(calls);
    expect(bot.state()).toBe("failed");
  }, 15_000);

  it("keeps reconnecting while the checks get no answer: only Slack's refusal is final", async () => {
    // The bot above is failed for good; a fresh one meets a Slack too slow to answer its checks.
    const other = await FakeSlack.start();
    const dir = await mkdtemp(path.join(tmpdir(), "chokepoint-slack-faults-slow-"));
    const log = createMemoryLogger();
    const b = await startSlack({
      config: testConfig({ apiUrl: other.apiUrl, mode: "socket", appToken: "xapp-test-app-token" }),
      engine: createFakeEngine(),
      logger: log.logger,
      stateDir: dir,
      callTimeoutMs: 300,
      tokenCheckMs: 100,
    });
    try {
      // The checks give up after 300 ms; the Socket Mode client's own call waits the second out.
      other.delay("apps.connections.open", 1_000);
      other.dropSockets();
      await other.waitFor(() => b.state() === "reconnecting", "the bot to notice the drop", 5_000);
      await other.waitFor(() => other.callsOf("apps.connections.open").length >= 4, "some token checks", 5_000);
      expect(b.reason()).toBeNull();
      await other.waitFor(() => b.state() === "connected", "the bot to reconnect", 10_000);
      // Connected again: no more checks (one may still have been on its way).
      await new Promise((resolve) => setTimeout(resolve, 400));
      const calls = other.callsOf("apps.connections.open").length;
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(other.callsOf("apps.connections.open")).toHaveLength(calls);
      expect(log.lines().filter((l) => l.level === "error" && l.component !== "bolt")).toEqual([]);
    } finally {
      await b.stop();
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
