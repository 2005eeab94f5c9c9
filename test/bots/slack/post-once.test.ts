// A reply Slack carried out whose response was lost is not posted twice: end to end against
// the fake Slack on 127.0.0.1, with the real Bolt App and Web API client. The fake handles the
// chat.postMessage, then resets the connection or answers after the client's timeout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackBot } from "../../../src/bots/slack/app.ts";
import { REPLY_EVENT_TYPE } from "../../../src/bots/slack/post-once.ts";
import type { FakeSlack } from "./fake-slack.ts";
import { startHttpSlack, type HttpSlack } from "./http-harness.ts";
import { dmEvent, eventCallback, mentionEvent, postSigned } from "./slack-requests.ts";

const FAST_RETRIES = { retries: 3, factor: 1, minTimeout: 50, maxTimeout: 100 };
const CALL_TIMEOUT_MS = 300;
/** Past the timeout and every backoff: a second post that was going to happen has happened. */
const SETTLE_MS = 1_200;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe("Slack replies whose response is lost", () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let memory: HttpSlack["memory"];

  const send = (event: Record<string, unknown>) =>
    postSigned(`http://127.0.0.1:${bot.port}/slack/events`, JSON.stringify(eventCallback(event)), "application/json");
  const inChannel = (channel: string) => fake.messages.filter((m) => m.channel === channel);

  let slack: HttpSlack;

  beforeAll(async () => {
    slack = await startHttpSlack("post-once", { retryConfig: FAST_RETRIES, callTimeoutMs: CALL_TIMEOUT_MS });
    ({ fake, bot, memory } = slack);
  });

  afterAll(async () => {
    await slack?.stop();
  });

  it("answers a mention once when the connection resets after Slack posted the answer", async () => {
    fake.loseResponses("chat.postMessage", { mode: "reset" });
    expect((await send(mentionEvent("Why did Trump allow H20 exports?", { ts: "1700001001.000100", channel: "C0RESET01" }))).status).toBe(200);

    await fake.waitFor(() => fake.callsOf("conversations.replies").find((c) => c.args.channel === "C0RESET01"), "a look for the earlier reply");
    await settle();
    const posted = inChannel("C0RESET01");
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      thread_ts: "1700001001.000100",
      metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { question: "C0RESET01:1700001001.000100" } },
    });
    expect(String(posted[0]?.text)).toContain("H20");
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0RESET01")).toHaveLength(1);
    expect(memory.lines().find((l) => l.msg === "slack: the reply was already posted; not posting it again" && l.channel === "C0RESET01")).toMatchObject({
      level: "info",
      question: "C0RESET01:1700001001.000100",
      ts: posted[0]?.ts,
      attempt: 2,
    });
  });

  it("answers a mention once when Slack's response comes after the call's timeout", async () => {
    fake.loseResponses("chat.postMessage", { mode: "delay", delayMs: CALL_TIMEOUT_MS * 3 });
    await send(mentionEvent("Did China approve H200 imports?", { ts: "1700001002.000100", thread_ts: "1700000999.000100", channel: "C0SLOW001" }));

    await fake.waitFor(() => fake.callsOf("conversations.replies").find((c) => c.args.channel === "C0SLOW001"), "a look for the earlier reply");
    await settle();
    const posted = inChannel("C0SLOW001");
    expect(posted.map((m) => m.thread_ts)).toEqual(["1700000999.000100"]);
    expect(fake.callsOf("conversations.replies").find((c) => c.args.channel === "C0SLOW001")?.args).toMatchObject({ ts: "1700000999.000100", oldest: "1700001002.000100", include_all_metadata: "true" });
  });

  it("answers a direct message once, looking in the DM's history", async () => {
    fake.loseResponses("chat.postMessage", { mode: "reset" });
    await send(dmEvent("H20", { ts: "1700001003.000100", channel: "D0RESET01" }));

    await fake.waitFor(() => fake.callsOf("conversations.history").find((c) => c.args.channel === "D0RESET01"), "a look in the DM's history");
    await settle();
    expect(inChannel("D0RESET01")).toHaveLength(1);
    expect(inChannel("D0RESET01")[0]?.thread_ts).toBeUndefined();
  });

  it("posts again when the lost post never reached Slack", async () => {
    fake.failHttp("chat.postMessage", { status: 503 });
    await send(mentionEvent("H20", { ts: "1700001004.000100", channel: "C0UNSENT1" }));

    await fake.waitFor(() => inChannel("C0UNSENT1").length === 1, "the answer");
    await settle();
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0UNSENT1").map((c) => c.status)).toEqual([503, 200]);
    expect(fake.callsOf("conversations.replies").filter((c) => c.args.channel === "C0UNSENT1")).toHaveLength(1);
    expect(inChannel("C0UNSENT1")).toHaveLength(1);
  });

  it("posts again, with a warning, when the bot may not read the thread", async () => {
    fake.loseResponses("chat.postMessage", { mode: "reset" });
    fake.failNext("conversations.replies", "missing_scope");
    await send(mentionEvent("H20", { ts: "1700001005.000100", channel: "C0NOSCOPE" }));

    await fake.waitFor(() => inChannel("C0NOSCOPE").length === 2, "the second post");
    expect(memory.lines().find((l) => l.msg === "slack: could not look for an earlier copy of the reply, posting again" && l.channel === "C0NOSCOPE")).toMatchObject({
      level: "warn",
      error: "An API error occurred: missing_scope",
    });
  });
});
