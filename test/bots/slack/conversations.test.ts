// Conversations end to end in Socket Mode: thread replies without a mention, DMs, follow-up
// buttons, against the fake Slack and the real engine.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import { FOLLOW_UP_BLOCK_ID } from "../../../src/bots/slack/follow-up-blocks.ts";
import { BOT_USER_ID, FakeSlack, type ApiCall } from "./fake-slack.ts";
import { blocksOf, createMemoryLogger, createSpyEngine, postedQuotes, testConfig, textsOf, type SpyEngine } from "./helpers.ts";
import { buttonClick, dmEvent, eventCallback, mentionEvent } from "./slack-requests.ts";

let fake: FakeSlack;
let bot: SlackBot;
let engine: SpyEngine;
let stateDir: string;

const postedIn = (channel: string, threadTs?: string) => (c: ApiCall) => c.method === "chat.postMessage" && c.args.channel === channel && c.args.thread_ts === threadTs;
const postsIn = (channel: string) => fake.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);

/** A message in a channel thread, as message.channels delivers it. */
function threadReply(text: string, channel: string, threadTs: string, ts: string, user = "UASKER01"): Record<string, unknown> {
  return { type: "message", channel_type: "channel", user, text, ts, thread_ts: threadTs, channel };
}

/** Sends an event and waits until the bot has had time to answer every event sent before it. */
async function settle(): Promise<void> {
  const marker = `C0MARK${Math.floor(Math.random() * 1e6)}`;
  await fake.sendEnvelope("events_api", eventCallback(mentionEvent("H200", { ts: "1700009999.000100", channel: marker })));
  await fake.waitForCall("chat.postMessage", postedIn(marker, "1700009999.000100"));
}

beforeAll(async () => {
  fake = await FakeSlack.start();
  engine = await createSpyEngine();
  stateDir = await mkdtemp(path.join(tmpdir(), "chokepoint-slack-conv-"));
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

describe("Slack conversations", () => {
  it("answers a thread reply without a mention in the thread, in the thread's context", async () => {
    await fake.sendEnvelope("events_api", eventCallback(mentionEvent("What was the AI Diffusion Framework?", { ts: "1700003001.000100", channel: "C0CONV001" })));
    await fake.waitForCall("chat.postMessage", postedIn("C0CONV001", "1700003001.000100"));
    await fake.sendEnvelope("events_api", eventCallback(threadReply("when was it supposed to take effect?", "C0CONV001", "1700003001.000100", "1700003001.000200")));
    await fake.waitFor(() => postsIn("C0CONV001").length === 2, "the follow-up's answer");
    const reply = postsIn("C0CONV001")[1]!;
    expect(reply.args.thread_ts).toBe("1700003001.000100");
    expect(textsOf(reply.args)[0]).toBe("_(about: the AI Diffusion Framework)_");
    const expected = await engine.real.ask("when was the AI Diffusion Framework supposed to take effect?");
    expect(postedQuotes(reply.args)).toEqual(expected.citations.map((c) => c.quote));
  });

  it("ignores a reply in a thread the bot never joined", async () => {
    await fake.sendEnvelope("events_api", eventCallback(threadReply("when was it supposed to take effect?", "C0CONV002", "1700003002.000100", "1700003002.000200")));
    await settle();
    expect(postsIn("C0CONV002")).toEqual([]);
  });

  it("leaves alone a reply that mentions someone else or is not a question", async () => {
    await fake.sendEnvelope("events_api", eventCallback(mentionEvent("Who is David Sacks?", { ts: "1700003003.000100", channel: "C0CONV003" })));
    await fake.waitForCall("chat.postMessage", postedIn("C0CONV003", "1700003003.000100"));
    await fake.sendEnvelope("events_api", eventCallback(threadReply("<@UOTHER01> what did he compare AI to?", "C0CONV003", "1700003003.000100", "1700003003.000200")));
    await fake.sendEnvelope("events_api", eventCallback(threadReply("thanks!", "C0CONV003", "1700003003.000100", "1700003003.000300")));
    await fake.sendEnvelope("events_api", eventCallback(threadReply("I read that one too", "C0CONV003", "1700003003.000100", "1700003003.000400")));
    await settle();
    expect(postsIn("C0CONV003")).toHaveLength(1);
  });

  it("answers a mention inside the thread once, not again as a thread reply", async () => {
    await fake.sendEnvelope("events_api", eventCallback(mentionEvent("Who is David Sacks?", { ts: "1700003004.000100", channel: "C0CONV004" })));
    await fake.waitForCall("chat.postMessage", postedIn("C0CONV004", "1700003004.000100"));
    const text = `<@${BOT_USER_ID}> what did he compare AI to?`;
    const at = { ts: "1700003004.000200", thread_ts: "1700003004.000100", channel: "C0CONV004" };
    await fake.sendEnvelope("events_api", eventCallback({ ...mentionEvent("", at), text }));
    await fake.sendEnvelope("events_api", eventCallback(threadReply(text, "C0CONV004", "1700003004.000100", "1700003004.000200")));
    await settle();
    const posts = postsIn("C0CONV004");
    expect(posts).toHaveLength(2);
    expect(textsOf(posts[1]!.args)[0]).toBe("_(about: David Sacks)_");
  });

  it("never lets two interleaved threads' contexts mix", async () => {
    await fake.sendEnvelope("events_api", eventCallback(mentionEvent("Who is David Sacks?", { ts: "1700003005.000100", channel: "C0CONV005" })));
    await fake.sendEnvelope("events_api", eventCallback(mentionEvent("What is Huawei's CloudMatrix 384?", { ts: "1700003006.000100", channel: "C0CONV005" })));
    await fake.waitFor(() => postsIn("C0CONV005").length === 2, "both answers");
    await fake.sendEnvelope("events_api", eventCallback(threadReply("what did he compare AI to?", "C0CONV005", "1700003006.000100", "1700003006.000200")));
    await fake.sendEnvelope("events_api", eventCallback(threadReply("what did he compare AI to?", "C0CONV005", "1700003005.000100", "1700003005.000200")));
    await fake.waitFor(() => postsIn("C0CONV005").length === 4, "both follow-ups' answers");
    const inThread = (ts: string) => postsIn("C0CONV005").filter((c) => c.args.thread_ts === ts).map((c) => textsOf(c.args)[0]);
    expect(inThread("1700003005.000100")[1]).toBe("_(about: David Sacks)_");
    expect(inThread("1700003006.000100")[1]).not.toMatch(/Sacks/u);
  });

  it("reads a DM follow-up in the DM's last exchange", async () => {
    await fake.sendEnvelope("events_api", eventCallback(dmEvent("What was the AI Diffusion Framework?", { ts: "1700003007.000100", channel: "D0CONV001" })));
    await fake.waitFor(() => postsIn("D0CONV001").length === 1, "the DM answer");
    await fake.sendEnvelope("events_api", eventCallback(dmEvent("when was it supposed to take effect?", { ts: "1700003007.000200", channel: "D0CONV001" })));
    await fake.waitFor(() => postsIn("D0CONV001").length === 2, "the DM follow-up's answer");
    expect(textsOf(postsIn("D0CONV001")[1]!.args)[0]).toBe("_(about: the AI Diffusion Framework)_");
  });

  it("offers checked follow-ups as buttons and asks a clicked one in the thread", async () => {
    await fake.sendEnvelope("events_api", eventCallback(mentionEvent("Did China approve H200 imports?", { ts: "1700003008.000100", channel: "C0CONV006" })));
    const post = await fake.waitForCall("chat.postMessage", postedIn("C0CONV006", "1700003008.000100"));
    const buttons = blocksOf(post.args).find((b) => (b as { block_id?: string }).block_id === FOLLOW_UP_BLOCK_ID)?.elements ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(3);
    const first = buttons[0]!;
    const offered = await engine.real.ask(first.value!);
    expect(offered.answered).toBe(true);
    const { url } = fake.newResponseUrl();
    await fake.sendEnvelope(
      "interactive",
      buttonClick({ actionId: first.action_id!, value: first.value!, responseUrl: url, channel: "C0CONV006", user: "UCLICK01", threadTs: "1700003008.000100" }),
    );
    await fake.waitFor(() => postsIn("C0CONV006").length === 2, "the clicked question's answer");
    const reply = postsIn("C0CONV006")[1]!;
    expect(reply.args.thread_ts).toBe("1700003008.000100");
    expect(String(reply.args.text)).toContain("<@UCLICK01>");
    expect(postedQuotes(reply.args)).toEqual(offered.citations.map((c) => c.quote));
  });
});
