// The per-user limit through the real Bolt app: the question over the limit gets a polite
// reply saying when to retry, and the engine is not asked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import { createRateLimiter } from "../../../src/bots/shared/rate-limit.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { FakeSlack } from "./fake-slack.ts";
import { createMemoryLogger, createSpyEngine, testConfig, textsOf, type SpyEngine } from "./helpers.ts";
import { SIGNING_SECRET, commandFields, eventCallback, formBody, mentionEvent, postSigned } from "./slack-requests.ts";

let fake: FakeSlack;
let bot: SlackBot;
let engine: SpyEngine;
let eventsUrl: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  engine = await createSpyEngine();
  bot = await startSlack({
    config: testConfig({ apiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET }),
    engine,
    logger: createMemoryLogger().logger,
    stateDir: await tempDir("slack-rl"),
    port: 0,
    host: "127.0.0.1",
    retryConfig: { retries: 0 },
    rateLimiter: createRateLimiter({ perMinute: 2 }),
  });
  eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

async function ask(text: string, user: string) {
  const { id, url } = fake.newResponseUrl();
  await postSigned(eventsUrl, formBody(commandFields("/ask", text, url, user)), "application/x-www-form-urlencoded");
  return fake.waitForResponse(id);
}

describe("Slack rate limit", () => {
  it("answers up to the limit, then replies ephemerally with when to retry, per user", async () => {
    expect((await ask("What is the B40 chip?", "URATE01")).body.response_type).toBe("in_channel");
    expect((await ask("What is the B40 chip?", "URATE01")).body.response_type).toBe("in_channel");
    const limited = await ask("What is the B40 chip?", "URATE01");
    expect(limited.body.response_type).toBe("ephemeral");
    expect(textsOf(limited.body).join(" ")).toMatch(/up to 2 questions a minute\). Please try again in \d+ s\./);
    expect(engine.ask).toHaveBeenCalledTimes(2);
    expect((await ask("H20이 뭐야?", "URATE02")).body.response_type).toBe("in_channel");
  });

  it("tells a mention over the limit privately, with chat.postEphemeral in its thread, and posts nothing in the channel", async () => {
    const mention = (ts: string) =>
      postSigned(eventsUrl, JSON.stringify(eventCallback(mentionEvent("What is the B40 chip?", { user: "URATE03", ts, channel: "C0RATE001" }))), "application/json");
    for (const ts of ["1700009001.000100", "1700009002.000100"]) {
      await mention(ts);
      await fake.waitForCall("chat.postMessage", (c) => c.args.thread_ts === ts);
    }
    await mention("1700009003.000100");
    const notice = await fake.waitForCall("chat.postEphemeral", (c) => c.args.thread_ts === "1700009003.000100");
    expect(notice.args).toMatchObject({ channel: "C0RATE001", user: "URATE03" });
    expect(String(notice.args.text)).toMatch(/up to 2 questions a minute\). Please try again in \d+ s\./);
    expect(fake.callsOf("chat.postMessage").some((c) => c.args.thread_ts === "1700009003.000100")).toBe(false);
  });
});
