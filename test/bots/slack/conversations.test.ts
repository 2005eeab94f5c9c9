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

describe("Slack's assistant surface", () => {
  const thread = { channel_id: "D0ASSIST1", thread_ts: "1700004001.000100", user_id: "UASKER01", context: { channel_id: "C0CHANNEL", team_id: "T0001" } };

  it("sets example questions as suggested prompts when an assistant thread starts", async () => {
    await fake.sendEnvelope("events_api", eventCallback({ type: "assistant_thread_started", assistant_thread: thread, event_ts: "1700004001.000200" }));
    const call = await fake.waitForCall("assistant.threads.setSuggestedPrompts", (c) => c.args.channel_id === "D0ASSIST1");
    const usage = engine.real.usage("en");
    expect(call.args.thread_ts).toBe("1700004001.000100");
    expect(call.args.title).toBe("Try asking");
    const prompts = JSON.parse(String(call.args.prompts)) as { title: string; message: string }[];
    expect(prompts.map((p) => p.message)).toEqual([usage.examples.en[0], usage.examples.ko[0], usage.examples.en[1], usage.examples.ko[1]]);
  });

  it("shows a status, then answers in the assistant thread, in its context", async () => {
    const message = (text: string, ts: string) => ({ type: "message", channel_type: "im", channel: "D0ASSIST1", user: "UASKER01", text, ts, thread_ts: "1700004001.000100" });
    await fake.sendEnvelope("events_api", eventCallback(message("What was the AI Diffusion Framework?", "1700004001.000300")));
    const status = await fake.waitForCall("assistant.threads.setStatus", (c) => c.args.channel_id === "D0ASSIST1");
    expect(status.args).toMatchObject({ thread_ts: "1700004001.000100", status: "is reading the articles…" });
    await fake.waitFor(() => postsIn("D0ASSIST1").length === 1, "the assistant thread's answer");
    expect(postsIn("D0ASSIST1")[0]!.args.thread_ts).toBe("1700004001.000100");
    expect(fake.calls.indexOf(status)).toBeLessThan(fake.calls.indexOf(postsIn("D0ASSIST1")[0]!));
    await fake.sendEnvelope("events_api", eventCallback(message("when was it supposed to take effect?", "1700004001.000400")));
    await fake.waitFor(() => postsIn("D0ASSIST1").length === 2, "the follow-up's answer");
    expect(textsOf(postsIn("D0ASSIST1")[1]!.args)[0]).toBe("_(about: the AI Diffusion Framework)_");
  });
});

describe("the Ask Chokepoint message shortcut", () => {
  const shortcut = (text: string, channel: string, ts: string, responseUrl: string) => ({
    type: "message_action",
    callback_id: "ask_chokepoint",
    trigger_id: "1.2.5",
    action_ts: "1700005000.000100",
    team: { id: "T0001", domain: "fake" },
    user: { id: "USHORT01", name: "asker", team_id: "T0001" },
    channel: { id: channel, name: "general" },
    message: { type: "message", user: "UWRITER1", text, ts },
    message_ts: ts,
    response_url: responseUrl,
    token: "legacy-verification-token",
  });

  it("answers the message's text in its thread, restating who asked, and takes part in the thread", async () => {
    const { url } = fake.newResponseUrl();
    await fake.sendEnvelope("interactive", shortcut("Did China approve H200 imports?", "C0SHORT01", "1700005001.000100", url));
    const post = await fake.waitForCall("chat.postMessage", postedIn("C0SHORT01", "1700005001.000100"));
    expect(String(post.args.text)).toContain("<@USHORT01>");
    const expected = await engine.real.ask("Did China approve H200 imports?");
    expect(postedQuotes(post.args)).toEqual(expected.citations.map((c) => c.quote));
    await fake.sendEnvelope("events_api", eventCallback(threadReply("who broke the news?", "C0SHORT01", "1700005001.000100", "1700005001.000200")));
    await fake.waitFor(() => postsIn("C0SHORT01").length === 2, "the thread reply's answer");
  });

  it("answers the asker alone when it cannot post in the channel", async () => {
    const { id, url } = fake.newResponseUrl();
    fake.failNext("chat.postMessage", "not_in_channel");
    await fake.sendEnvelope("interactive", shortcut("Did China approve H200 imports?", "C0SHORT02", "1700005002.000100", url));
    const response = await fake.waitForResponse(id);
    expect(response.body.response_type).toBe("ephemeral");
    expect(String(response.body.text)).toContain("<@USHORT01>");
  });
});
