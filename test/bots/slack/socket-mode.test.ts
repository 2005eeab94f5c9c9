// The Slack bot end to end in Socket Mode: the real Bolt App and engine, connected to a fake
// Slack's WebSocket on 127.0.0.1 (apps.connections.open → hello → envelopes → acks).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import { FEEDBACK_ACTION_DOWN, NOT_ADMIN_TEXT } from "../../../src/bots/slack/format.ts";
import { FakeSlack, type ApiCall } from "./fake-slack.ts";
import { createMemoryLogger, createSpyEngine, feedbackIdOf, postedQuotes, quoteOccursInArticle, testConfig, textsOf, type SpyEngine } from "./helpers.ts";
import { buttonClick, commandFields, dmEvent, eventCallback, mentionEvent } from "./slack-requests.ts";

let fake: FakeSlack;
let bot: SlackBot;
let engine: SpyEngine;
let stateDir: string;

const postedIn = (channel: string, threadTs?: string) => (c: ApiCall) => c.args.channel === channel && c.args.thread_ts === threadTs;

beforeAll(async () => {
  fake = await FakeSlack.start();
  engine = await createSpyEngine();
  stateDir = await mkdtemp(path.join(tmpdir(), "chokepoint-slack-socket-"));
  bot = await startSlack({
    config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-test-app-token" }),
    engine,
    logger: createMemoryLogger().logger,
    stateDir,
    retryConfig: { retries: 0 },
    autoReconnect: false,
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

beforeEach(() => {
  engine.ask.mockClear();
  engine.reload.mockClear();
});

describe("Slack over Socket Mode", () => {
  it("opens the connection with the app-level token", () => {
    expect(bot.mode).toBe("socket");
    expect(bot.port).toBeNull();
    expect(fake.callsOf("apps.connections.open")[0]?.token).toBe("xapp-test-app-token");
    expect(fake.callsOf("auth.test")[0]?.token).toBe("xoxb-test-bot-token");
  });

  it("acks a mention and answers it in its thread, quoting the article verbatim", async () => {
    const question = "Did China approve H200 imports?";
    const ack = await fake.sendEnvelope("events_api", eventCallback(mentionEvent(question, { ts: "1700002001.000100", channel: "C0SOCK001" })));
    expect(ack.envelope_id).toMatch(/^env-/);
    const post = await fake.waitForCall("chat.postMessage", postedIn("C0SOCK001", "1700002001.000100"));
    const expected = await engine.real.ask(question);
    const quotes = postedQuotes(post.args);
    expect(quotes).toEqual(expected.citations.map((c) => c.quote));
    for (const [i, c] of expected.citations.entries()) expect(await quoteOccursInArticle(quotes[i] ?? "", c.articleId)).toBe(true);
  });

  it("answers a direct message in the DM", async () => {
    await fake.sendEnvelope("events_api", eventCallback(dmEvent("H20 수출은 왜 승인됐나?", { ts: "1700002002.000100", channel: "D0SOCK001" })));
    const post = await fake.waitForCall("chat.postMessage", postedIn("D0SOCK001"));
    expect(postedQuotes(post.args).length).toBeGreaterThan(0);
  });

  it("answers a redelivered event once", async () => {
    const body = eventCallback(mentionEvent("H200", { ts: "1700002003.000100", channel: "C0SOCK002" }), "EvSOCKRETRY1");
    await fake.sendEnvelope("events_api", body);
    await fake.sendEnvelope("events_api", body, { retry_attempt: 1, retry_reason: "timeout" });
    await fake.waitForCall("chat.postMessage", postedIn("C0SOCK002", "1700002003.000100"));
    await fake.sendEnvelope("events_api", eventCallback(mentionEvent("H20", { ts: "1700002004.000100", channel: "C0SOCK003" })));
    await fake.waitForCall("chat.postMessage", postedIn("C0SOCK003", "1700002004.000100"));
    expect(fake.calls.filter((c) => c.args.channel === "C0SOCK002")).toHaveLength(1);
  });

  it("acks /ask and answers in the channel, restating the question", async () => {
    const { id, url } = fake.newResponseUrl();
    const question = "What did China give in exchange for the H20 export approval?";
    const ack = await fake.sendEnvelope("slash_commands", commandFields("/ask", question, url));
    expect(ack.envelope_id).toMatch(/^env-/);
    const reply = await fake.waitForResponse(id);
    expect(reply.body.response_type).toBe("in_channel");
    expect(textsOf(reply.body)[0]).toBe(`*<@UASKER01> asked:* ${question}`);
  });

  it("refuses /kb reload to a non-admin and reloads nothing", async () => {
    const { id, url } = fake.newResponseUrl();
    await fake.sendEnvelope("slash_commands", commandFields("/kb", "reload", url, "UNOTADMIN"));
    const reply = await fake.waitForResponse(id);
    expect(reply.body).toMatchObject({ response_type: "ephemeral", text: NOT_ADMIN_TEXT });
    expect(engine.reload).not.toHaveBeenCalled();
  });

  it("records a 👎 click and thanks the voter", async () => {
    await fake.sendEnvelope("events_api", eventCallback(dmEvent("What is the weather in Seoul?", { ts: "1700002005.000100", channel: "D0SOCK002" })));
    const post = await fake.waitForCall("chat.postMessage", postedIn("D0SOCK002"));
    const { url } = fake.newResponseUrl();
    const click = buttonClick({ actionId: FEEDBACK_ACTION_DOWN, value: feedbackIdOf(post.args), responseUrl: url, channel: "D0SOCK002", user: "UASKER01" });
    await fake.sendEnvelope("interactive", click);
    await fake.waitForCall("chat.postEphemeral", (c) => c.args.channel === "D0SOCK002" && c.args.user === "UASKER01");
    const [line] = (await readFile(bot.feedbackFile, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ vote: "down", user: "UASKER01", channel: "D0SOCK002", question: "What is the weather in Seoul?", answered: false });
  });

  it("closes the socket when stopped", async () => {
    await bot.stop();
    await fake.waitFor(() => fake.sockets.every((s) => s.readyState === s.CLOSED), "the socket to close");
    await bot.stop();
  });
});
