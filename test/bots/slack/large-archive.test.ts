// `/sources` over a generated archive of 1,200 articles, end to end through the fake Slack
// and the real Bolt App: the reply stays within what Slack accepts in total, cut at whole
// articles, and says how many more there are and how to narrow them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlack, type SlackBot } from "../../../src/bots/slack/app.ts";
import { LIMITS, messageChars, type Block } from "../../../src/bots/slack/format.ts";
import type { Engine, SourceSummary } from "../../../src/engine/engine-types.ts";
import { silentLogger } from "../../../src/log.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { FakeSlack } from "./fake-slack.ts";
import { createFakeEngine } from "./fake-engine.ts";
import { testConfig, textsOf } from "./helpers.ts";
import { commandFields } from "./slack-requests.ts";

const ARTICLES = 1_200;
const OUTLETS = ["연합뉴스", "Reuters", "파이낸셜뉴스", "The Financial Times", "여성경제신문"];

/** An archive's sources as the engine lists them, with titles and outlets of varied length. */
function archive(count: number): SourceSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    articleId: `archive-${String(i).padStart(4, "0")}`,
    title: `${i % 2 ? "엔비디아 H20 대중 수출 허가와 그 뒤" : "US export controls on AI chips, week"} ${i}${" — analysis".repeat(i % 4)}`,
    outlet: OUTLETS[i % OUTLETS.length]!,
    publishedAt: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
    dateApproximate: i % 7 === 0,
    url: i % 5 === 0 ? null : `https://news.example.com/articles/${i}?lang=ko&src=archive`,
    facts: 1 + (i % 30),
  }));
}

let fake: FakeSlack;
let bot: SlackBot;
let engine: Engine;

beforeAll(async () => {
  const sources = archive(ARTICLES);
  engine = { ...createFakeEngine(), sources: () => sources };
  fake = await FakeSlack.start();
  bot = await startSlack({
    config: testConfig({ apiUrl: fake.apiUrl, mode: "socket", appToken: "xapp-test-app-token" }),
    engine,
    logger: silentLogger,
    stateDir: await tempDir("slack-large-archive-state"),
    retryConfig: { retries: 0 },
    autoReconnect: false,
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

async function sources(text: string): Promise<Record<string, unknown>> {
  const { id, url } = fake.newResponseUrl();
  await fake.sendEnvelope("slash_commands", commandFields("/sources", text, url));
  return (await fake.waitForResponse(id)).body;
}

const articleLines = (texts: string[]) => texts.join("\n").split("\n").filter((l) => l.startsWith("• *"));

describe("/sources over a large archive", () => {
  it("posts one message within Slack's total, cut at whole articles, saying how many more", async () => {
    expect(engine.sources()).toHaveLength(ARTICLES);
    const reply = await sources("");
    const blocks = reply.blocks as Block[];
    const message = { text: String(reply.text), blocks };
    const texts = textsOf(reply);
    const shown = articleLines(texts).length;

    expect(messageChars(message)).toBeLessThanOrEqual(LIMITS.messageChars);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(shown).toBeGreaterThan(20);
    expect(texts[0]).toBe(`*Sources* (${ARTICLES} articles)`);
    expect(texts.at(-1)).toBe(`…and ${ARTICLES - shown} more: narrow with \`/sources &lt;words&gt;\``);
  });

  it("narrows the list to the articles matching the words given", async () => {
    const reply = await sources("reuters 2025-03");
    const texts = textsOf(reply);
    const matching = archive(ARTICLES).filter((a) => a.outlet === "Reuters" && a.publishedAt.startsWith("2025-03"));
    expect(matching.length).toBeGreaterThan(0);
    expect(texts[0]).toBe(`*Sources* · “reuters 2025-03”: ${matching.length} of ${ARTICLES} articles`);
    expect(articleLines(texts)).toHaveLength(matching.length);
  });
});
