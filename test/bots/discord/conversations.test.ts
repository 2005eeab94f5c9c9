// Conversations on Discord end to end: reply chains, threads, follow-up buttons, the "Ask
// Chokepoint" message command and /timeline's autocomplete, against the fake Discord and the
// real engine over the bundled data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordBot } from "../../../src/bots/discord/bot.ts";
import { FOLLOW_UP_PREFIX } from "../../../src/bots/discord/follow-up-components.ts";
import type { FullEngine } from "../../../src/engine/engine.ts";
import { createLogger } from "../../../src/log.ts";
import { bundledEngine } from "../../helpers/engine.ts";
import { FakeDiscord, type RecordedRequest } from "./fake-discord.ts";

let fake: FakeDiscord;
let bot: DiscordBot;
let engine: FullEngine;

const replyTo = (messageId: string) => (r: RecordedRequest) =>
  r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.route) && r.body?.message_reference?.message_id === messageId;
// Messages the bot has finished handling (its state kept), from its "message answered" lines.
const handled = new Set<string>();
const logLine = (line: string) => {
  const record = JSON.parse(line) as { msg?: string; message?: string };
  if (record.msg === "discord: message answered" && record.message) handled.add(record.message);
};
/** The bot's reply to `messageId`, once the bot is done with it: a person replies only after seeing it. */
const sentReplyTo = async (messageId: string) => {
  await fake.waitForRequest(replyTo(messageId));
  for (let waited = 0; !handled.has(messageId) && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  return fake.sentMessages.find((m) => m.body?.message_reference?.message_id === messageId)!;
};
const citedFacts = (body: any): string[] => (body.embeds?.[0]?.fields ?? []).map((f: { value: string }) => f.value);
const mention = (text: string) => ({ content: `<@${fake.botUser.id}> ${text}`, mentions: [fake.botUser] });

beforeAll(async () => {
  fake = await FakeDiscord.start();
  engine = await bundledEngine();
  bot = await startDiscord({
    config: { token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, adminRoleIds: [], apiUrl: fake.apiUrl },
    engine,
    logger: createLogger({ level: "info", write: logLine }),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** The embed fields the engine's answer to `question` would show, to compare citations. */
async function expectedFields(question: string): Promise<string[]> {
  const { formatAnswerEmbed } = await import("../../../src/bots/discord/format.ts");
  return (formatAnswerEmbed(engine.ask(question)).fields ?? []).map((f) => f.value);
}

describe("Discord conversations", () => {
  it("answers a reply to its answer in the chain's context, and a reply to that one too", async () => {
    const first = await sentReplyTo(fake.sendMessage(mention("What was the AI Diffusion Framework?")));
    const follow = fake.sendMessage({ content: "when was it supposed to take effect?", replyTo: { id: first.id } });
    const second = await sentReplyTo(follow);
    expect(second.body.content).toBe("*(about: the AI Diffusion Framework)*");
    expect(citedFacts(second.body)).toEqual(await expectedFields("when was the AI Diffusion Framework supposed to take effect?"));
    const again = await sentReplyTo(fake.sendMessage({ content: "why?", replyTo: { id: second.id } }));
    expect(again.body.content).toMatch(/^\*\(about: .*AI Diffusion Framework.* — why\)\*$/u);
  });

  it("answers a mention in a channel afresh, never in another chain's context", async () => {
    await sentReplyTo(fake.sendMessage(mention("Who is David Sacks?")));
    const alone = await sentReplyTo(fake.sendMessage(mention("what did he compare AI to?")));
    expect(alone.body.content ?? "").not.toMatch(/Sacks/u);
  });

  it("ignores a reply to someone else's message", async () => {
    const other = fake.sendMessage({ content: "hello" });
    const id = fake.sendMessage({ content: "why?", replyTo: { id: other, author: fake.member } });
    const marker = fake.sendMessage(mention("H200"));
    await fake.waitForRequest(replyTo(marker));
    expect(fake.requests.some(replyTo(id))).toBe(false);
  });

  it("answers questions in a thread started from its answer, in the thread's context, and leaves chatter alone", async () => {
    const answer = await sentReplyTo(fake.sendMessage(mention("Who is David Sacks?")));
    const thread = fake.createThread({ id: answer.id, ownerId: fake.member.id });
    const q = fake.sendMessage({ content: "what did he compare AI to?", channelId: thread });
    const reply = await sentReplyTo(q);
    expect(reply.channelId).toBe(thread);
    expect(reply.body.content).toBe("*(about: David Sacks)*");
    const thanks = fake.sendMessage({ content: "thanks!", channelId: thread });
    const toOther = fake.sendMessage({ content: "what do you think?", channelId: thread, mentions: [{ id: "1300000000000000011", username: "jun" }] });
    const marker = fake.sendMessage(mention("H200"));
    await fake.waitForRequest(replyTo(marker));
    expect(fake.requests.some(replyTo(thanks)) || fake.requests.some(replyTo(toOther))).toBe(false);
  });

  it("ignores messages in a thread it has no part in", async () => {
    const thread = fake.createThread({ ownerId: fake.member.id });
    const q = fake.sendMessage({ content: "what did he compare AI to?", channelId: thread });
    const marker = fake.sendMessage(mention("H200"));
    await fake.waitForRequest(replyTo(marker));
    expect(fake.requests.some(replyTo(q))).toBe(false);
  });

  it("offers follow-up buttons the engine answers, and answers a click where the answer is", async () => {
    const answer = await sentReplyTo(fake.sendMessage(mention("Did China approve H200 imports?")));
    const buttons = answer.body.components?.[0]?.components ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(3);
    const customId: string = buttons[0].custom_id;
    expect(customId.startsWith(FOLLOW_UP_PREFIX)).toBe(true);
    const question = customId.slice(FOLLOW_UP_PREFIX.length);
    expect(engine.ask(question).answered).toBe(true);
    const { id, token } = fake.sendButton({ customId, messageId: answer.id });
    const callback = await fake.waitForRequest((r) => r.method === "POST" && r.route === `/interactions/${id}/${token}/callback`);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.content).toBe(`**<@${fake.member.id}>:** ${question.replace(/([*_`~|>\\])/gu, "\\$1")}`);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(callback.body.data.embeds[0].fields.map((f: { value: string }) => f.value)).toEqual(await expectedFields(question));
  });

  it("answers the Ask Chokepoint message command with the message's text as the question", async () => {
    const { id, token } = fake.sendMessageCommand({ name: "Ask Chokepoint", target: { id: fake.snowflake(), content: "Did China approve H200 imports?" } });
    const callback = await fake.waitForRequest((r) => r.method === "POST" && r.route === `/interactions/${id}/${token}/callback`);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags ?? 0).toBe(0);
    expect(callback.body.data.embeds[0].fields.map((f: { value: string }) => f.value)).toEqual(await expectedFields("Did China approve H200 imports?"));
    // Its answer starts a chain: a reply to it is read in its context.
    await fake.waitForRequest((r) => r.method === "GET" && r.route.includes(`/webhooks/${fake.applicationId}/${token}/messages/`));
    const original = fake.originalIds.get(token)!;
    await new Promise((r) => setTimeout(r, 50));
    const reply = await sentReplyTo(fake.sendMessage({ content: "why?", replyTo: { id: original } }));
    expect(reply.body.content).toMatch(/^\*\(about: .*H200.* — why\)\*$/u);
  });

  it("autocompletes /timeline's topic from the knowledge base's topics", async () => {
    const { id, token } = fake.sendAutocomplete({ name: "timeline", option: "topic", value: "h2" });
    const callback = await fake.waitForRequest((r) => r.method === "POST" && r.route === `/interactions/${id}/${token}/callback`);
    expect(callback.body.type).toBe(8);
    const names = callback.body.data.choices.map((c: { name: string }) => c.name);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.toLowerCase()).toContain("h2");
    const topics = [...engine.usage("en").topics, ...engine.usage("ko").topics];
    for (const n of names) expect(topics).toContain(n);
  });
});
