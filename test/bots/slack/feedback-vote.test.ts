// 👍/👎 end to end in Socket Mode: one current vote per person per answer, shown on the
// message, and a 👎 on an answer the bot forgot (a restart between answer and vote) still
// reaching the unanswered questions `/kb gaps` lists.
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import { FEEDBACK_ACTION_DOWN, FEEDBACK_ACTION_UP, FEEDBACK_BLOCK_ID, FEEDBACK_RECEIPT_BLOCK_ID } from "../../../src/bots/slack/format.ts";
import { decodeVoteValue } from "../../../src/bots/slack/vote-value.ts";
import { openState, readGapRecords, type StateLogs } from "../../../src/bots/shared/recording-engine.ts";
import { silentLogger } from "../../../src/log.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { FakeSlack, type ApiCall } from "./fake-slack.ts";
import { createFakeEngine } from "./fake-engine.ts";
import { blocksOf, feedbackIdOf, testConfig, textsOf } from "./helpers.ts";
import { buttonClick, dmEvent, eventCallback } from "./slack-requests.ts";

let fake: FakeSlack;
let state: StateLogs;
const bots: SlackBot[] = [];

async function start(): Promise<SlackBot> {
  const bot = await startSlack({
    config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-test-app-token" }),
    engine: createFakeEngine(),
    logger: silentLogger,
    feedback: state.feedback,
    retryConfig: { retries: 0 },
    autoReconnect: false,
  });
  bots.push(bot);
  return bot;
}

beforeEach(async () => {
  fake = await FakeSlack.start();
  state = openState(await tempDir("slack-votes"));
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await fake.close();
});

let tsCounter = 1_700_005_000;
async function askInDm(question: string, channel: string): Promise<ApiCall> {
  tsCounter += 1;
  await fake.sendEnvelope("events_api", eventCallback(dmEvent(question, { ts: `${tsCounter}.000100`, channel })));
  return fake.waitForCall("chat.postMessage", (c) => c.args.channel === channel);
}

/** Clicks a vote button on `message` and returns what replaced the message. */
async function vote(message: Record<string, unknown>, actionId: string, user: string, channel: string): Promise<Record<string, unknown>> {
  const { id, url } = fake.newResponseUrl();
  const click = buttonClick({ actionId, value: feedbackIdOf(message), responseUrl: url, channel, user, messageText: String(message.text), messageBlocks: blocksOf(message) });
  await fake.sendEnvelope("interactive", click);
  return (await fake.waitForResponse(id)).body;
}

const receiptOf = (message: Record<string, unknown>) =>
  textsOf({ blocks: blocksOf(message).filter((b) => (b as { block_id?: string }).block_id === FEEDBACK_RECEIPT_BLOCK_ID) });

describe("Slack votes", () => {
  it("keeps one vote per person per answer: a second click changes it, and the message says so", async () => {
    await start();
    const post = await askInDm("Why was the H20 approved?", "D0VOTE001");

    const first = await vote(post.args, FEEDBACK_ACTION_UP, "UVOTER01", "D0VOTE001");
    expect(first.replace_original).toBe(true);
    expect(receiptOf(first)).toEqual(["Votes recorded — thanks! 👍 1 · 👎 0 (one per person; click again to change yours)"]);
    // The buttons stay under the answer, the votes line right below them.
    const ids = blocksOf(first).map((b) => (b as { block_id?: string }).block_id);
    expect(ids.slice(-2)).toEqual([FEEDBACK_BLOCK_ID, FEEDBACK_RECEIPT_BLOCK_ID]);

    const changed = await vote(first, FEEDBACK_ACTION_DOWN, "UVOTER01", "D0VOTE001");
    expect(receiptOf(changed)).toEqual(["Votes recorded — thanks! 👍 0 · 👎 1 (one per person; click again to change yours)"]);
    const other = await vote(changed, FEEDBACK_ACTION_UP, "UVOTER02", "D0VOTE001");
    expect(receiptOf(other)).toEqual(["Votes recorded — thanks! 👍 1 · 👎 1 (one per person; click again to change yours)"]);
    expect(blocksOf(other).filter((b) => (b as { block_id?: string }).block_id === FEEDBACK_RECEIPT_BLOCK_ID)).toHaveLength(1);

    // Every click is kept in the log; the gaps count the current vote only.
    const lines = (await readFile(state.feedback.file, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect((await readGapRecords(state)).records).toEqual([{ at: expect.any(String), question: "Why was the H20 approved?", kind: "downvoted" }]);
    await vote(other, FEEDBACK_ACTION_UP, "UVOTER01", "D0VOTE001");
    expect((await readGapRecords(state)).records).toEqual([]);
  });

  it("records a 👎 cast after a restart with its question, so it reaches the gaps", async () => {
    const before = await start();
    const question = "Who decides the H20 licence fee?";
    const post = await askInDm(question, "D0VOTE002");
    await before.stop();

    await start();
    const replaced = await vote(post.args, FEEDBACK_ACTION_DOWN, "UVOTER03", "D0VOTE002");
    expect(receiptOf(replaced)).toEqual(["Votes recorded — thanks! 👍 0 · 👎 1 (one per person; click again to change yours)"]);
    const [entry] = await state.feedback.readAll();
    expect(entry).toMatchObject({ vote: "down", user: "UVOTER03", question, answered: true, lang: "en", answerId: decodeVoteValue(feedbackIdOf(post.args)).answerId });
    expect((await readGapRecords(state)).records).toEqual([{ at: expect.any(String), question, kind: "downvoted" }]);
  });
});
