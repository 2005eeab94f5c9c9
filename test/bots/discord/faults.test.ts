// The Discord bot under faults, end to end against the fake Discord on 127.0.0.1: REST
// answering 429 (with retry-after and X-RateLimit-* headers) and 5xx, and gateway connections
// lost in ways that discord.js resumes or re-identifies after. The real discord.js Client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordBot } from "../../../src/bots/discord/bot.ts";
import { stringsFor } from "../../../src/bots/discord/strings.ts";
import { createLogger } from "../../../src/log.ts";
import { bundledEngine } from "../../helpers/engine.ts";
import { FakeDiscord, rateLimitHeaders, type RecordedRequest } from "./fake-discord.ts";

const QUESTION = "What is the B40 chip?";
const CALLBACK_ROUTE = /^\/interactions\/\d+\/[^/]+\/callback$/;
const MESSAGES_ROUTE = /^\/channels\/\d+\/messages$/;
/** Longer than any immediate retry: a retry that was going to happen has happened by then. */
const SETTLE_MS = 300;

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let found = find(); ; found = find()) {
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`test: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("Discord bot under faults", () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  const logs: Array<Record<string, unknown>> = [];

  const callbacksFor = (id: string): RecordedRequest[] =>
    fake.requests.filter((r) => r.method === "POST" && r.route.startsWith(`/interactions/${id}/`) && r.route.endsWith("/callback"));
  const repliesTo = (messageId: string): RecordedRequest[] =>
    fake.requests.filter((r) => r.method === "POST" && MESSAGES_ROUTE.test(r.route) && r.body?.message_reference?.message_id === messageId);
  const ask = () => fake.sendCommand({ name: "ask", options: [{ name: "question", type: 3, value: QUESTION }] });
  const mention = () => fake.sendMessage({ content: `<@${fake.botUser.id}> ${QUESTION}`, mentions: [fake.botUser] });
  const logged = (msg: string) => logs.filter((l) => l.msg === msg);
  const identifies = () => fake.received.filter((p) => p.op === 2).length;
  const resumes = () => fake.received.filter((p) => p.op === 6).length;

  async function expectAnswered(): Promise<void> {
    const { id } = ask();
    const callback = await fake.waitForRequest((r) => callbacksFor(id).includes(r) && r.status === 204);
    expect(callback.body.data.embeds[0].title).toContain("B40");
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1000 });
    bot = await startDiscord({
      config: { token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, adminRoleIds: [], apiUrl: fake.apiUrl },
      engine: await bundledEngine(),
      logger: createLogger({ level: "debug", write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) }),
    });
  });

  afterAll(async () => {
    if (process.env.DUMP_LOGS) for (const l of logs) console.log(JSON.stringify(l).slice(0, 300));
    await bot?.stop();
    await fake?.close();
  });

  it("sets the REST retry options explicitly", () => {
    expect(bot.client.rest.options).toMatchObject({ api: fake.apiUrl, retries: 3, timeout: 15_000 });
  });

  it("waits out a 429 on an interaction callback and answers once", async () => {
    fake.failRest({ method: "POST", route: CALLBACK_ROUTE, status: 429, headers: rateLimitHeaders(1) });
    const { id } = ask();
    await fake.waitForRequest((r) => callbacksFor(id).includes(r) && r.status === 204);
    await settle();
    const callbacks = callbacksFor(id);
    expect(callbacks.map((r) => r.status)).toEqual([429, 204]);
    expect(callbacks[1]?.body).toEqual(callbacks[0]?.body);
    expect((callbacks[1]?.at ?? 0) - (callbacks[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    // Interaction callbacks have no bucket: discord.js sleeps Retry-After and emits no `rateLimited`.
    expect(logged("discord: REST request got 429, retrying after the reset").at(-1)).toMatchObject({
      level: "warn",
      method: "POST",
      route: "/interactions/:id/:token/callback",
      retryAfter: "1",
    });
  });

  it("waits out a 429 on a mention reply (bucket used up), replies once, and logs the rate limit", async () => {
    fake.failRest({ method: "POST", route: MESSAGES_ROUTE, status: 429, headers: rateLimitHeaders(1) });
    const before = logged("discord: REST rate limited, waiting").length;
    const messageId = mention();
    await fake.waitForRequest((r) => repliesTo(messageId).includes(r) && r.status === 200);
    await settle();
    const replies = repliesTo(messageId);
    expect(replies.map((r) => r.status)).toEqual([429, 200]);
    expect((replies[1]?.at ?? 0) - (replies[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    const limited = logged("discord: REST rate limited, waiting").slice(before);
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ level: "warn", method: "POST", route: "/channels/:id/messages", global: false });
    expect(Number(limited[0]?.waitMs)).toBeGreaterThan(900);
  });

  it("retries a 500 on a mention reply at once and replies once", async () => {
    fake.failRest({ method: "POST", route: MESSAGES_ROUTE, status: 500 });
    const messageId = mention();
    await fake.waitForRequest((r) => repliesTo(messageId).includes(r) && r.status === 200);
    await settle();
    expect(repliesTo(messageId).map((r) => r.status)).toEqual([500, 200]);
    expect(logged("discord: REST request failed, retrying").at(-1)).toMatchObject({
      level: "warn",
      route: "/channels/:id/messages",
      status: 500,
      retry: 1,
      of: 3,
    });
  });

  it("sends an interaction callback again after a 500 (discord.js retries it like any request)", async () => {
    // Safe against this fake; against Discord, a callback that was applied before the 500
    // would make the resend fail with 40060 "already acknowledged".
    fake.failRest({ method: "POST", route: CALLBACK_ROUTE, status: 500 });
    const { id } = ask();
    await fake.waitForRequest((r) => callbacksFor(id).includes(r) && r.status === 204);
    await settle();
    const callbacks = callbacksFor(id);
    expect(callbacks.map((r) => r.status)).toEqual([500, 204]);
    expect(callbacks[1]?.body).toEqual(callbacks[0]?.body);
  });

  it("sends an interaction callback again after its connection was reset, as after a 500", async () => {
    fake.failRest({ method: "POST", route: CALLBACK_ROUTE, status: "reset" });
    const { id } = ask();
    await fake.waitForRequest((r) => callbacksFor(id).includes(r) && r.status === 204);
    await settle();
    const callbacks = callbacksFor(id);
    expect(callbacks.map((r) => r.status)).toEqual([0, 204]);
    expect(callbacks[1]?.body).toEqual(callbacks[0]?.body);
    expect(logged("discord: REST connection reset").at(-1)).toMatchObject({
      level: "warn",
      method: "POST",
      path: `/interactions/${id}/:token/callback`,
      resend: true,
    });
    expect(logged("discord: command failed")).toHaveLength(0);
  });

  it("does not send a mention reply again after its connection was reset: it may have been posted", async () => {
    fake.failRest({ method: "POST", route: MESSAGES_ROUTE, status: "reset" });
    const messageId = mention();
    await until(() => logged("discord: REST connection reset").find((l) => l.resend === false), "the logged reset");
    await fake.waitForRequest((r) => repliesTo(messageId).includes(r) && r.status === 200);
    await settle();
    // The answer once (reset), then the apology: never the answer a second time.
    const replies = repliesTo(messageId);
    expect(replies.map((r) => r.status)).toEqual([0, 200]);
    expect(replies[1]?.body?.content).toBe(stringsFor("en").apology);
  });

  it("gives up on a connection reset every time after the retries, and logs the cause", async () => {
    fake.failRest({ method: "POST", route: CALLBACK_ROUTE, status: "reset", times: Infinity });
    const { id } = ask();
    const failed = await until(() => logged("discord: command failed").find((l) => l.interaction === id), "the logged failure");
    fake.clearFaults();
    // One try and REST_RETRIES retries for the answer; the apology's callback then fails the same way.
    expect(callbacksFor(id).slice(0, 4).map((r) => r.status)).toEqual([0, 0, 0, 0]);
    expect(failed.error).toMatchObject({ message: expect.stringMatching(/other side closed|socket hang up|ECONNRESET/) });
  });

  it("logs the cause when Discord keeps failing, and replies to the next mention once it recovers", async () => {
    fake.failRest({ method: "POST", route: MESSAGES_ROUTE, status: 500, times: Infinity });
    const messageId = mention();
    const failure = () => logs.find((l) => l.msg === "discord: message handler failed" && l.message === messageId);
    await expect.poll(failure, { timeout: 5_000 }).toBeDefined();
    const failed = failure();
    expect(failed?.level).toBe("error");
    expect(failed?.error).toMatchObject({ name: "HTTPError", message: "Internal Server Error" });
    // 1 + 3 retries for the answer, then the same for the apology; nothing got through.
    await expect
      .poll(() => logs.some((l) => l.msg === "discord: could not send the apology" && l.message === messageId), { timeout: 5_000 })
      .toBe(true);
    const replies = repliesTo(messageId);
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(500));
    expect(replies.slice(4).every((r) => r.body.content === stringsFor("en").apology)).toBe(true);

    fake.clearFaults();
    const next = mention();
    await fake.waitForRequest((r) => repliesTo(next).includes(r) && r.status === 200);
    await settle();
    expect(repliesTo(next).map((r) => r.status)).toEqual([200]);
    expect(bot.isReady()).toBe(true);
  });

  it("resumes after the gateway connection is cut without a close frame", async () => {
    const [identified, resumed] = [identifies(), resumes()];
    fake.terminateConnection();
    await fake.waitForGateway((p) => p.op === 6 && fake.received.filter((q) => q.op === 6).length > resumed);
    await expect.poll(() => bot.isReady(), { timeout: 5_000 }).toBe(true);
    expect(identifies()).toBe(identified);
    await expectAnswered();
  });

  it("re-identifies when the session timed out (4009) and its resume is refused, then answers", async () => {
    const [identified, resumed] = [identifies(), resumes()];
    fake.dropConnection(4009, { invalidateSession: true });
    // discord.js tries RESUME on 4009; the fake refuses it (op 9) as Discord does for a dead session.
    await fake.waitForGateway((p) => p.op === 6 && fake.received.filter((q) => q.op === 6).length > resumed);
    // A new IDENTIFY waits for discord.js's identify throttle (5 s between identifies).
    await fake.waitForGateway((p) => p.op === 2 && fake.received.filter((q) => q.op === 2).length > identified, 10_000);
    await expect.poll(() => bot.isReady(), { timeout: 5_000 }).toBe(true);
    expect(bot.state()).toBe("ready");
    expect(logs.some((l) => l.msg === "discord: gateway connection lost, reconnecting")).toBe(true);
    await expectAnswered();
  }, 20_000);

  it("re-identifies after a close discord.js does not resume from (4007, invalid seq), then answers", async () => {
    const [identified, resumed] = [identifies(), resumes()];
    fake.dropConnection(4007);
    await fake.waitForGateway((p) => p.op === 2 && fake.received.filter((q) => q.op === 2).length > identified, 10_000);
    await expect.poll(() => bot.isReady(), { timeout: 5_000 }).toBe(true);
    expect(resumes()).toBe(resumed);
    await expectAnswered();
  }, 20_000);
});
