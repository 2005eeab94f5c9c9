// The Slack bot end to end in HTTP mode: the real Bolt App and the real engine over data/,
// signed requests as Slack sends them, and a fake Slack Web API on 127.0.0.1.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import { FEEDBACK_ACTION_UP, KB_USAGE_TEXT, NOT_ADMIN_TEXT } from "../../../src/bots/slack/format.ts";
import { decodeVoteValue } from "../../../src/bots/slack/vote-value.ts";
import { reloadStartedText } from "../../../src/bots/shared/reload-gate.ts";
import { BOT_ID, BOT_USER_ID, FakeSlack, type ApiCall } from "./fake-slack.ts";
import { OK_REPORT } from "./fake-engine.ts";
import {
  createMemoryLogger,
  createSpyEngine,
  feedbackIdOf,
  postedQuotes,
  quoteOccursInArticle,
  testConfig,
  textsOf,
  type SpyEngine,
} from "./helpers.ts";
import {
  SIGNING_SECRET,
  buttonClick,
  commandFields,
  dmEvent,
  eventCallback,
  formBody,
  mentionEvent,
  postSigned,
} from "./slack-requests.ts";

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

let fake: FakeSlack;
let bot: SlackBot;
let engine: SpyEngine;
let stateDir: string;
let memory: ReturnType<typeof createMemoryLogger>;
let eventsUrl: string;
let tsSeq = 0;

/** A fresh message ts, so that each test's replies can be told apart. */
function nextTs(): string {
  tsSeq += 1;
  return `1700001${String(tsSeq).padStart(3, "0")}.000100`;
}

function sendEvent(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}): Promise<Response> {
  return postSigned(eventsUrl, JSON.stringify(eventCallback(event, options.eventId)), JSON_TYPE, { retryNum: options.retryNum });
}

async function sendCommand(command: string, text: string, user = "UASKER01"): Promise<{ res: Response; responseId: string }> {
  const { id, url } = fake.newResponseUrl();
  const res = await postSigned(eventsUrl, formBody(commandFields(command, text, url, user)), FORM_TYPE);
  return { res, responseId: id };
}

const postedIn = (channel: string, threadTs?: string) => (c: ApiCall) =>
  c.args.channel === channel && (threadTs === undefined ? c.args.thread_ts === undefined : c.args.thread_ts === threadTs);

beforeAll(async () => {
  fake = await FakeSlack.start();
  engine = await createSpyEngine();
  stateDir = await mkdtemp(path.join(tmpdir(), "chokepoint-slack-http-"));
  memory = createMemoryLogger();
  bot = await startSlack({
    config: testConfig({ apiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET }),
    engine,
    logger: memory.logger,
    stateDir,
    port: 0,
    host: "127.0.0.1",
    retryConfig: { retries: 0 },
  });
  eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
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

describe("Slack over HTTP", () => {
  it("verifies the bot token with auth.test at start-up", () => {
    expect(bot.mode).toBe("http");
    expect(bot.port).toBeGreaterThan(0);
    expect(fake.callsOf("auth.test")[0]?.token).toBe("xoxb-test-bot-token");
  });

  it("answers a mention in its thread, quoting the article verbatim", async () => {
    const question = "Why did Trump allow H20 exports?";
    const ts = nextTs();
    const res = await sendEvent(mentionEvent(question, { ts }));
    expect(res.status).toBe(200);

    const post = await fake.waitForCall("chat.postMessage", postedIn("C0CHANNEL", ts));
    expect(post.token).toBe("xoxb-test-bot-token");
    expect(post.args.unfurl_links).toBe("false");
    expect(post.args.unfurl_media).toBe("false");
    expect(engine.ask).toHaveBeenCalledWith(question);

    const expected = await engine.real.ask(question);
    expect(expected.answered).toBe(true);
    expect(expected.citations.length).toBeGreaterThan(0);
    expect(String(post.args.text)).toContain(expected.text.slice(0, 40));
    const quotes = postedQuotes(post.args);
    expect(quotes).toEqual(expected.citations.map((c) => c.quote));
    for (const [i, c] of expected.citations.entries()) {
      expect(await quoteOccursInArticle(quotes[i] ?? "", c.articleId), `quote ${i + 1} in ${c.articleId}`).toBe(true);
    }
  });

  it("answers a follow-up mention inside a thread in that thread", async () => {
    const threadTs = nextTs();
    await sendEvent(mentionEvent("Did China approve H200 imports?", { ts: nextTs(), thread_ts: threadTs }));
    const post = await fake.waitForCall("chat.postMessage", postedIn("C0CHANNEL", threadTs));
    expect(postedQuotes(post.args).length).toBeGreaterThan(0);
  });

  it("answers a direct message in the DM", async () => {
    const ts = nextTs();
    await sendEvent(dmEvent("H20 수출은 왜 승인됐나?", { ts, channel: "D0DM00001" }));
    const post = await fake.waitForCall("chat.postMessage", postedIn("D0DM00001"));
    expect(textsOf(post.args)).toContain("*출처*");
    expect(engine.ask).toHaveBeenCalledWith("H20 수출은 왜 승인됐나?");
  });

  it("answers a mention without a question with usage", async () => {
    const ts = nextTs();
    await sendEvent({ ...mentionEvent("", { ts }), text: `<@${BOT_USER_ID}>` });
    const post = await fake.waitForCall("chat.postMessage", postedIn("C0CHANNEL", ts));
    const all = textsOf(post.args).join("\n");
    expect(all).toContain("`/ask <question>`");
    expect(all).toContain("*Main topics:*");
    expect(engine.ask).not.toHaveBeenCalled();
  });

  it("ignores its own messages and other bots'", async () => {
    await sendEvent(dmEvent("from a bot", { channel: "D0BOTS001", bot_id: "BOTHER01", ts: nextTs() }));
    await sendEvent(dmEvent("bot message", { channel: "D0BOTS001", subtype: "bot_message", bot_id: "BOTHER01", ts: nextTs() }));
    await sendEvent(dmEvent("my own", { channel: "D0BOTS001", user: BOT_USER_ID, ts: nextTs() }));
    await sendEvent(mentionEvent("a bot mentions me", { channel: "C0BOTS001", bot_id: BOT_ID, ts: nextTs() }));
    await sendEvent(dmEvent("edited", { channel: "D0BOTS001", subtype: "message_changed", ts: nextTs() }));
    // A person's message after them is answered; by then the ignored ones are long done.
    await sendEvent(dmEvent("H200", { channel: "D0PERSON1", ts: nextTs() }));
    await fake.waitForCall("chat.postMessage", postedIn("D0PERSON1"));
    expect(fake.calls.filter((c) => c.args.channel === "D0BOTS001" || c.args.channel === "C0BOTS001")).toEqual([]);
    expect(engine.ask).toHaveBeenCalledTimes(1);
  });

  it("answers a redelivered event once", async () => {
    const ts = nextTs();
    const event = mentionEvent("What did China give in exchange for the H20 export approval?", { ts, channel: "C0RETRY01" });
    const first = await sendEvent(event, { eventId: "EvRETRY0001" });
    const retry = await sendEvent(event, { eventId: "EvRETRY0001", retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await fake.waitForCall("chat.postMessage", postedIn("C0RETRY01", ts));
    // A later event is answered after the redelivery was processed.
    const later = nextTs();
    await sendEvent(mentionEvent("H200", { ts: later, channel: "C0RETRY02" }));
    await fake.waitForCall("chat.postMessage", postedIn("C0RETRY02", later));
    expect(fake.calls.filter((c) => c.args.channel === "C0RETRY01")).toHaveLength(1);
    expect(memory.lines().some((l) => l.msg === "slack: skipped a redelivered event" && l.eventId === "EvRETRY0001" && l.retryNum === 1)).toBe(true);
  });

  it("rejects a request with a bad signature with 401", async () => {
    const body = JSON.stringify(eventCallback(mentionEvent("H20", { ts: nextTs(), channel: "C0FORGED1" })));
    const forged = await postSigned(eventsUrl, body, JSON_TYPE, { secret: "not-the-secret" });
    const stale = await postSigned(eventsUrl, body, JSON_TYPE, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(engine.ask).not.toHaveBeenCalled();
  });

  it("answers Slack's url_verification challenge", async () => {
    const res = await postSigned(eventsUrl, JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" }), JSON_TYPE);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("c-123");
  });

  it("answers /ask in the channel, restating the question", async () => {
    const question = "How close is Huawei's CloudMatrix 384 to Nvidia's systems?";
    const { res, responseId } = await sendCommand("/ask", question);
    expect(res.status).toBe(200);
    const reply = await fake.waitForResponse(responseId);
    expect(reply.body.response_type).toBe("in_channel");
    expect(textsOf(reply.body)[0]).toBe(`*<@UASKER01> asked:* ${question}`);
    expect(String(reply.body.text)).toContain(question);
    expect(reply.body.unfurl_links).toBe(false);
  });

  it("answers /ask without a question, and /ask help, with usage for the asker only", async () => {
    for (const text of ["", "help"]) {
      const { responseId } = await sendCommand("/ask", text);
      const reply = await fake.waitForResponse(responseId);
      expect(reply.body.response_type).toBe("ephemeral");
      expect(textsOf(reply.body).join("\n")).toContain("`/sources [words]`");
    }
    expect(engine.ask).not.toHaveBeenCalled();
  });

  it("lists the sources with /sources", async () => {
    const { responseId } = await sendCommand("/sources", "");
    const reply = await fake.waitForResponse(responseId);
    expect(reply.body.response_type).toBe("ephemeral");
    const all = textsOf(reply.body).join("\n");
    for (const s of engine.real.sources()) expect(all).toContain(s.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    expect(all).toContain("(approx.)");
  });

  it("posts a timeline in the channel with /timeline", async () => {
    const { responseId } = await sendCommand("/timeline", "H20");
    const reply = await fake.waitForResponse(responseId);
    expect(reply.body.response_type).toBe("in_channel");
    const all = textsOf(reply.body).join("\n");
    expect(all).toContain("Timeline: H20");
    for (const e of (await engine.real.timeline("H20", "en")).entries) expect(all).toContain(e.when);
  });

  it("escapes <!channel> in a question so it reaches Slack as text", async () => {
    const { responseId } = await sendCommand("/ask", "<!channel> did China approve H200 imports?");
    const reply = await fake.waitForResponse(responseId);
    const raw = JSON.stringify(reply.body);
    expect(raw).toContain("&lt;!channel&gt; did China approve H200 imports?");
    expect(raw).not.toContain("<!channel>");

    const ts = nextTs();
    await sendEvent(mentionEvent("<!here> <!channel> H200 <@U0OTHER01>", { ts, channel: "C0PING001" }));
    const post = await fake.waitForCall("chat.postMessage", postedIn("C0PING001", ts));
    expect(JSON.stringify(post.args)).not.toMatch(/<!here>|<!channel>|<@U0OTHER01>/);
  });

  it("refuses /kb to a non-admin, ephemerally, and reloads nothing", async () => {
    const { res, responseId } = await sendCommand("/kb", "reload", "UNOTADMIN");
    expect(res.status).toBe(200);
    const reply = await fake.waitForResponse(responseId);
    expect(reply.body.response_type).toBe("ephemeral");
    expect(reply.body.text).toBe(NOT_ADMIN_TEXT);
    expect(engine.reload).not.toHaveBeenCalled();
  });

  it("reports a reload to an admin", async () => {
    engine.reload.mockResolvedValueOnce({ ...OK_REPORT, actor: "slack:UADMIN01" });
    const { responseId } = await sendCommand("/kb", "reload", "UADMIN01");
    const reply = await fake.waitForResponse(responseId, (r) => r.body.text !== reloadStartedText("reload", "en"));
    expect(engine.reload).toHaveBeenCalledWith("slack:UADMIN01");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(reply.body.text).toContain("*Knowledge base reloaded* in 42 ms by slack:UADMIN01");
    expect(reply.body.text).toContain("*Articles:* changed 1 (`us-approves-h20-exports`)");
  });

  it("tells an admin when a reload failed and the old knowledge base keeps serving", async () => {
    engine.reload.mockResolvedValueOnce({
      ...OK_REPORT,
      ok: false,
      version: "old-v",
      errors: [{ file: "data/facts/x.yaml", path: "facts[0].quote", message: "not found in article" }],
    });
    const { responseId } = await sendCommand("/kb", "reload", "UADMIN01");
    const reply = await fake.waitForResponse(responseId, (r) => r.body.text !== reloadStartedText("reload", "en"));
    expect(reply.body.text).toContain("*Reload failed*: the previous knowledge base (version `old-v`");
    expect(reply.body.text).toContain("keeps serving");
    expect(reply.body.text).toContain("• knowledge: data/facts/x.yaml: facts[0].quote: not found in article");
  });

  it("says at once that it is reloading, tells a second reload or rollback that one runs (who, since when), then reports", async () => {
    let finish: (report: typeof OK_REPORT) => void = () => {};
    engine.reload.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const { res, responseId } = await sendCommand("/kb", "reload", "UADMIN01");
    expect(res.status).toBe(200);
    const started = await fake.waitForResponse(responseId);
    expect(started.body).toMatchObject({ response_type: "ephemeral", text: reloadStartedText("reload", "en") });
    expect(engine.reload).toHaveBeenCalledTimes(1);

    for (const sub of ["reload", "rollback"]) {
      const second = await sendCommand("/kb", sub, "UADMIN01");
      const busy = await fake.waitForResponse(second.responseId);
      expect(busy.body.response_type).toBe("ephemeral");
      expect(busy.body.text).toMatch(
        /^A knowledge base reload is already running \(started by slack:UADMIN01 at \d\d:\d\d:\d\d UTC, \d+ s ago\)\. Try `\/kb status` when it has finished\.$/,
      );
    }
    expect(engine.reload).toHaveBeenCalledTimes(1);

    finish({ ...OK_REPORT, durationMs: 4_000 });
    const reply = await fake.waitForResponse(responseId, (r) => r !== started);
    expect(reply.body.text).toContain("*Knowledge base reloaded* in 4000 ms");
  });

  it("answers an unknown /kb subcommand with every subcommand", async () => {
    const { responseId } = await sendCommand("/kb", "frobnicate", "UADMIN01");
    const reply = await fake.waitForResponse(responseId);
    expect(reply.body.text).toBe(KB_USAGE_TEXT);
    expect(KB_USAGE_TEXT).toBe(
      "Usage: `/kb status` — Show the knowledge base version and size; `/kb reload` — Reload the knowledge base from disk and report what changed; " +
        "`/kb rollback` — Restore the knowledge base that served before the last reload; `/kb gaps [days]` — The most frequent unanswered questions of the last days.",
    );
  });

  it("rolls back for an admin and reports it", async () => {
    const { responseId } = await sendCommand("/kb", "rollback", "UADMIN01");
    const reply = await fake.waitForResponse(responseId, (r) => r.body.text !== reloadStartedText("rollback", "en"));
    expect(reply.body.response_type).toBe("ephemeral");
    expect(reply.body.text).toMatch(/^\*Knowledge base rolled back\*|^\*Rollback failed\*/);
  });

  it("refuses /kb rollback and /kb gaps to a non-admin", async () => {
    for (const sub of ["rollback", "gaps"]) {
      const { responseId } = await sendCommand("/kb", sub, "UNOTADMIN");
      const reply = await fake.waitForResponse(responseId);
      expect(reply.body.text).toContain("is for the bot's admins only");
    }
  });

  it("shows the knowledge base status to an admin", async () => {
    const { responseId } = await sendCommand("/kb", "status", "UADMIN01");
    const reply = await fake.waitForResponse(responseId);
    expect(reply.body.text).toContain(`*Knowledge base* version \`${engine.real.status().version}\``);
  });

  it("apologizes when answering fails and still answers the next question", async () => {
    engine.ask.mockImplementationOnce(() => {
      throw new Error("index exploded");
    });
    const ts = nextTs();
    await sendEvent(mentionEvent("H20", { ts, channel: "C0FAIL001" }));
    const apology = await fake.waitForCall("chat.postMessage", postedIn("C0FAIL001", ts));
    expect(apology.args.text).toBe("Sorry, something went wrong while answering. Please try again in a moment.");
    const logged = memory.lines().find((l) => l.msg === "slack: answering a mention failed");
    expect(logged?.level).toBe("error");
    expect((logged?.err as { message?: string } | undefined)?.message).toBe("index exploded");

    const next = nextTs();
    await sendEvent(mentionEvent("Why did Trump allow H20 exports?", { ts: next, channel: "C0FAIL001" }));
    const answer = await fake.waitForCall("chat.postMessage", postedIn("C0FAIL001", next));
    expect(postedQuotes(answer.args).length).toBeGreaterThan(0);
  });

  it("apologizes when Slack refuses the answer", async () => {
    fake.failNext("chat.postMessage", "msg_too_long");
    const ts = nextTs();
    await sendEvent(mentionEvent("H20", { ts, channel: "C0FAIL002" }));
    const apology = await fake.waitFor(
      () => fake.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C0FAIL002")[1],
      "the apology after the refused answer",
    );
    expect(apology.args).toMatchObject({ thread_ts: ts, text: "Sorry, something went wrong while answering. Please try again in a moment." });
    const logged = memory.lines().find((l) => l.msg === "slack: answering a mention failed" && l.channel === "C0FAIL002");
    expect(String((logged?.err as { message?: string } | undefined)?.message)).toContain("msg_too_long");
  });

  it("records a 👍 click with the question and answer, and thanks the voter", async () => {
    const question = "Why did Trump allow H20 exports?";
    const ts = nextTs();
    await sendEvent(mentionEvent(question, { ts, channel: "C0VOTE001" }));
    const post = await fake.waitForCall("chat.postMessage", postedIn("C0VOTE001", ts));
    const id = feedbackIdOf(post.args);
    expect(id.length).toBeLessThan(2_000);

    const { url } = fake.newResponseUrl();
    const click = buttonClick({ actionId: FEEDBACK_ACTION_UP, value: id, responseUrl: url, channel: "C0VOTE001", threadTs: ts });
    const res = await postSigned(eventsUrl, formBody({ payload: JSON.stringify(click) }), FORM_TYPE);
    expect(res.status).toBe(200);

    const thanks = await fake.waitForCall("chat.postEphemeral", (c) => c.args.user === "UVOTER01" && c.args.channel === "C0VOTE001");
    expect(thanks.args.text).toBe("Thanks for the feedback!");
    expect(thanks.args.thread_ts).toBe(ts);

    const lines = (await readFile(bot.feedbackFile, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(bot.feedbackFile).toBe(path.join(stateDir, "feedback.jsonl"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      platform: "slack",
      user: "UVOTER01",
      channel: "C0VOTE001",
      vote: "up",
      question,
      answer: (await engine.real.ask(question)).text,
      answerId: decodeVoteValue(id).answerId,
      answered: true,
    });
    expect(Date.parse(String(lines[0]?.at))).not.toBeNaN();
  });

  it("records a vote on an answer it no longer remembers with the message's text", async () => {
    const { url } = fake.newResponseUrl();
    const click = buttonClick({ actionId: FEEDBACK_ACTION_UP, value: "forgotten1", responseUrl: url, channel: "C0VOTE002", messageText: "An old answer." });
    await postSigned(eventsUrl, formBody({ payload: JSON.stringify(click) }), FORM_TYPE);
    await fake.waitForCall("chat.postEphemeral", (c) => c.args.channel === "C0VOTE002");
    const lines = (await readFile(bot.feedbackFile, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ answerId: "forgotten1", question: null, answer: "An old answer.", answered: null, vote: "up" });
  });
});
