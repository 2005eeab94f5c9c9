// What the HTTP receiver does with signed requests Bolt alone mishandles: end to end with the
// real Bolt App over HTTP, the fake Slack on 127.0.0.1 and a small engine with fixed answers.
// A body of JSON `null`, a timestamp in the future past the window, and a replayed command
// or click.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackBot } from "../../../src/bots/slack/app.ts";
import { FEEDBACK_ACTION_DOWN } from "../../../src/bots/slack/format.ts";
import type { FakeSlack } from "./fake-slack.ts";
import { startHttpSlack, type HttpSlack } from "./http-harness.ts";
import { SIGNING_SECRET, buttonClick, commandFields, eventCallback, formBody, mentionEvent, postSigned, sign } from "./slack-requests.ts";

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";
/** Past the time a second handling of a request would take to show. */
const SETTLE_MS = 300;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
const nowSec = () => Math.floor(Date.now() / 1000);

describe("Slack HTTP receiver checks", () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let memory: HttpSlack["memory"];
  let eventsUrl: string;

  let slack: HttpSlack;

  beforeAll(async () => {
    slack = await startHttpSlack("guard", { retryConfig: { retries: 0 } });
    ({ fake, bot, memory, eventsUrl } = slack);
  });

  afterAll(async () => {
    await slack?.stop();
  });

  it.each([
    ["JSON null", "null", JSON_TYPE],
    ["a JSON array", "[]", JSON_TYPE],
    ["a JSON number", "42", JSON_TYPE],
    ["a form whose payload is null", "payload=null", FORM_TYPE],
  ])("answers a signed body of %s with 400", async (_name, body, type) => {
    const res = await postSigned(eventsUrl, body, type);
    expect(res.status).toBe(400);
    expect(memory.lines().at(-1)).toMatchObject({ level: "warn", msg: "slack: refused a request", status: 400, reason: "body is not a JSON object" });
  });

  it("still answers a body that is not JSON at all with 400", async () => {
    expect((await postSigned(eventsUrl, "{not json", JSON_TYPE)).status).toBe(400);
  });

  it("refuses a timestamp more than 5 minutes in the future with 401, and accepts one within", async () => {
    const body = JSON.stringify(eventCallback(mentionEvent("H20", { ts: "1700002001.000100", channel: "C0FUTURE1" })));
    const ahead = await postSigned(eventsUrl, body, JSON_TYPE, { timestamp: nowSec() + 6 * 60 });
    expect(ahead.status).toBe(401);
    expect(memory.lines().at(-1)).toMatchObject({ level: "warn", msg: "slack: refused a request", status: 401, reason: "timestamp more than 5 minutes in the future" });

    const skewed = await postSigned(eventsUrl, body, JSON_TYPE, { timestamp: nowSec() + 4 * 60 });
    expect(skewed.status).toBe(200);
    await fake.waitFor(() => fake.messages.find((m) => m.channel === "C0FUTURE1"), "the answer");
    await settle();
    expect(fake.messages.filter((m) => m.channel === "C0FUTURE1")).toHaveLength(1);
  });

  it("carries out a replayed slash command once", async () => {
    const { id, url } = fake.newResponseUrl();
    const body = formBody(commandFields("/ask", "Why did Trump allow H20 exports?", url));
    const timestamp = nowSec();
    const signature = sign(SIGNING_SECRET, timestamp, body);

    const first = await postSigned(eventsUrl, body, FORM_TYPE, { timestamp, signature });
    await fake.waitForResponse(id);
    const replayed = await postSigned(eventsUrl, body, FORM_TYPE, { timestamp, signature });
    await settle();

    expect([first.status, replayed.status]).toEqual([200, 200]);
    expect(await replayed.text()).toBe("");
    expect(fake.responses.filter((r) => r.id === id)).toHaveLength(1);
    expect(memory.lines().filter((l) => l.msg === "slack: skipped a replayed request")).toHaveLength(1);
  });

  it("records a replayed button click once", async () => {
    const { url } = fake.newResponseUrl();
    const body = formBody({ payload: JSON.stringify(buttonClick({ actionId: FEEDBACK_ACTION_DOWN, value: "gone-answer", responseUrl: url, channel: "C0REPLAY1" })) });
    const timestamp = nowSec();
    const signature = sign(SIGNING_SECRET, timestamp, body);

    expect((await postSigned(eventsUrl, body, FORM_TYPE, { timestamp, signature })).status).toBe(200);
    await fake.waitForCall("chat.postEphemeral", (c) => c.args.channel === "C0REPLAY1");
    expect((await postSigned(eventsUrl, body, FORM_TYPE, { timestamp, signature })).status).toBe(200);
    await settle();

    const votes = (await readFile(bot.feedbackFile, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(votes.filter((v) => v.channel === "C0REPLAY1")).toHaveLength(1);
    expect(fake.callsOf("chat.postEphemeral").filter((c) => c.args.channel === "C0REPLAY1")).toHaveLength(1);
  });

  it("carries out two different commands sent in the same second", async () => {
    const a = fake.newResponseUrl();
    const b = fake.newResponseUrl();
    const timestamp = nowSec();
    await postSigned(eventsUrl, formBody(commandFields("/sources", "", a.url)), FORM_TYPE, { timestamp });
    await postSigned(eventsUrl, formBody(commandFields("/sources", "", b.url)), FORM_TYPE, { timestamp });
    await fake.waitForResponse(a.id);
    await fake.waitForResponse(b.id);
  });
});
