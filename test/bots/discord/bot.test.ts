// End to end: the real discord.js Client, logged in to a fake Discord on 127.0.0.1, over the
// real engine and the bundled knowledge base in data/.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Partials } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../../src/engine/engine-types.ts";
import { createEngine } from "../../../src/engine/engine.ts";
import type { Answer } from "../../../src/answer/types.ts";
import { startDiscord, type DiscordBot } from "../../../src/bots/discord/bot.ts";
import type { DiscordConfig } from "../../../src/bots/discord/config.ts";
import { unescapeMarkdown } from "../../../src/bots/discord/format.ts";
import { DEFER_AFTER_MS } from "../../../src/bots/discord/respond.ts";
import { stringsFor } from "../../../src/bots/discord/strings.ts";
import { reloadStartedText } from "../../../src/bots/shared/reload-gate.ts";
import { createLogger } from "../../../src/log.ts";
import { FakeDiscord, type RecordedRequest } from "./fake-discord.ts";

const DATA_DIR = fileURLToPath(new URL("../../../data", import.meta.url));
const THROWING_QUESTION = "please make the engine throw";
const SLOW_QUESTION = "please take your time";
const SLOW_REFUSAL = "please take your time to refuse";
const REFUSED_QUESTION = "What is the best pizza topping in Naples?";
const EPHEMERAL = 64;
/** A real reload of data/ takes seconds on a loaded machine. */
const RELOAD_WAIT_MS = 15_000;
const MANAGE_GUILD = 1n << 5n;

function articleBody(articleId: string): string {
  const text = readFileSync(`${DATA_DIR}/articles/${articleId}.md`, "utf8");
  return text.replace(/^---\n[\s\S]*?\n---\n/, "");
}

const squash = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim();

/** The quote shown in a citation field, without quotation marks, escapes or a truncation mark. */
function quoteInField(value: string): string {
  const match = value.match(/^“([\s\S]*)”\n/);
  if (!match?.[1]) throw new Error(`no quote in field value: ${value}`);
  return unescapeMarkdown(match[1]).replace(/…$/, "");
}

/** True when every part of a quote (parts joined with " … ") occurs in the article. */
function occursIn(quote: string, body: string): boolean {
  const haystack = squash(body);
  return quote
    .split(" … ")
    .map(squash)
    .filter((part) => part !== "")
    .every((part) => haystack.includes(part));
}

describe("Discord bot against a fake Discord", () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  let engine: Engine;
  let reloads = 0;
  let failReload = false;
  /** While set, a reload waits for it before it starts. */
  let holdReload: Promise<void> | null = null;
  const logs: Array<Record<string, unknown>> = [];
  /** A question the knowledge base answers, taken from the engine's own examples. */
  let question: string;
  let expected: Answer;

  const callbackFor = (id: string) => (r: RecordedRequest) =>
    r.method === "POST" && r.route.startsWith(`/interactions/${id}/`) && r.route.endsWith("/callback");
  const replyTo = (messageId: string) => (r: RecordedRequest) =>
    r.method === "POST" && r.route === `/channels/${r.route.split("/")[2]}/messages` && r.body?.message_reference?.message_id === messageId;
  const ask = (value: string, extra: { locale?: string } = {}) =>
    fake.sendCommand({ name: "ask", options: [{ name: "question", type: 3, value }], ...extra });

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1000 });
    const real = await createEngine({ dataDir: DATA_DIR });
    engine = {
      ...real,
      ask: (q) => {
        if (q === THROWING_QUESTION) throw new Error("engine exploded on purpose");
        // An answer that takes longer than Discord waits for an acknowledgement.
        if (q === SLOW_QUESTION) return new Promise((resolve) => setTimeout(() => resolve(real.ask(question)), DEFER_AFTER_MS + 500));
        if (q === SLOW_REFUSAL) return new Promise((resolve) => setTimeout(() => resolve(real.ask(REFUSED_QUESTION)), DEFER_AFTER_MS + 500));
        return real.ask(q);
      },
      reload: async (actor) => {
        reloads += 1;
        if (failReload) throw new Error("disk on fire");
        await holdReload;
        return real.reload(actor);
      },
    };
    const examples = [...real.usage("en").examples.en, ...real.usage("ko").examples.ko];
    const answered = examples.find((q) => real.ask(q).answered);
    if (!answered) throw new Error("no example question is answered by the knowledge base in data/");
    question = answered;
    expected = real.ask(question);

    const config: DiscordConfig = {
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      adminRoleIds: [fake.adminRoleId],
      adminGuildIds: [fake.guildId],
      apiUrl: fake.apiUrl,
    };
    const logger = createLogger({ level: "debug", write: (line) => logs.push(JSON.parse(line)) });
    bot = await startDiscord({ config, engine, logger });
  });

  afterAll(async () => {
    if (process.env.DUMP_LOGS) for (const l of logs) console.log(JSON.stringify(l).slice(0, 300));
    await bot?.stop();
    await fake?.close();
  });

  it("logs in and reaches READY with only the non-privileged intents it needs", async () => {
    expect(bot.isReady()).toBe(true);
    expect(bot.state()).toBe("ready");
    expect(bot.client.user?.id).toBe(fake.botUser.id);
    expect(bot.client.options.allowedMentions).toEqual({ parse: [] });
    expect(bot.client.options.partials).toContain(Partials.Channel);
    const identify = await fake.waitForGateway((p) => p.op === 2);
    expect(identify.d.token).toBe(fake.token);
    // Guilds (1) | GuildMessages (512) | DirectMessages (4096); no MessageContent (32768).
    expect(identify.d.intents).toBe(1 | 512 | 4096);
    const gatewayCall = fake.requests.find((r) => r.route === "/gateway/bot");
    expect(gatewayCall?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it("answers /ask with a visible embed whose quotes occur in the cited articles", async () => {
    const { id } = ask(question);
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.type).toBe(4);
    const data = callback.body.data;
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const embed = data.embeds[0];
    expect(unescapeMarkdown(embed.description)).toBe(expected.text);
    expect(embed.fields.length).toBe(expected.citations.length);
    expected.citations.forEach((citation, i) => {
      const field = embed.fields[i];
      // An article whose date the page did not state exactly is marked, never shown as exact.
      const date = citation.dateApproximate
        ? `${citation.publishedAt} (${stringsFor("en").approximateDate})`
        : citation.publishedAt;
      expect(field.name).toBe(`[${i + 1}] ${citation.outlet} · ${date}`);
      const quote = quoteInField(field.value);
      expect(quote.length).toBeGreaterThan(0);
      expect(occursIn(quote, articleBody(citation.articleId))).toBe(true);
    });
  });

  it("defers an answer that takes longer than Discord waits, visibly, then fills it in", async () => {
    const { id, token } = ask(SLOW_QUESTION);
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.type).toBe(5);
    expect((callback.body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.route === `/webhooks/${fake.applicationId}/${token}/messages/%40original`,
    );
    expect(unescapeMarkdown(edit.body.embeds[0].description)).toBe(expected.text);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("sends a refusal that came after a visible deferral privately: deletes the deferred reply, then follows up ephemerally", async () => {
    const { id, token } = ask(SLOW_REFUSAL);
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.type).toBe(5);
    const original = `/webhooks/${fake.applicationId}/${token}/messages/%40original`;
    const deleted = await fake.waitForRequest((r) => r.method === "DELETE" && r.route === original);
    const followUp = await fake.waitForRequest((r) => r.method === "POST" && r.route === `/webhooks/${fake.applicationId}/${token}`);
    expect(followUp.at!).toBeGreaterThanOrEqual(deleted.at!);
    expect(fake.requests.indexOf(followUp)).toBeGreaterThan(fake.requests.indexOf(deleted));
    expect(followUp.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(followUp.body.embeds[0].title).toBe(stringsFor("en").refusalTitle);
    expect(followUp.body.allowed_mentions).toEqual({ parse: [] });
    expect(fake.requests.some((r) => r.method === "PATCH" && r.route === original)).toBe(false);
  });

  it("sends a refusal ephemerally", async () => {
    const { id } = ask(REFUSED_QUESTION);
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].title).toBe(stringsFor("en").refusalTitle);
  });

  it("answers a mention as a reply to the message, with the mention stripped", async () => {
    const messageId = fake.sendMessage({ content: `<@${fake.botUser.id}> ${question}`, mentions: [fake.botUser] });
    const reply = await fake.waitForRequest(replyTo(messageId));
    expect(reply.route).toBe(`/channels/${fake.channelId}/messages`);
    expect(reply.body.message_reference.message_id).toBe(messageId);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    expect(unescapeMarkdown(reply.body.embeds[0].title)).toBe(question);
    expect(reply.body.embeds[0].fields.length).toBe(expected.citations.length);
  });

  it("answers a mention of its own managed role like a mention of the bot", async () => {
    const messageId = fake.sendMessage({ content: `<@&${fake.botRoleId}> ${question}`, mentionRoles: [fake.botRoleId] });
    const reply = await fake.waitForRequest(replyTo(messageId));
    expect(reply.body.message_reference.message_id).toBe(messageId);
    expect(unescapeMarkdown(reply.body.embeds[0].title)).toBe(question);
    expect(reply.body.embeds[0].fields.length).toBe(expected.citations.length);
  });

  it("sends a question containing @everyone with no mentions allowed", async () => {
    const messageId = fake.sendMessage({
      content: `<@${fake.botUser.id}> @everyone ${question}`,
      mentions: [fake.botUser],
      mentionEveryone: true,
    });
    const reply = await fake.waitForRequest(replyTo(messageId));
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    expect(reply.body.embeds[0].title).toContain("@everyone");
  });

  it("answers a bare mention with the short usage", async () => {
    const messageId = fake.sendMessage({ content: `<@${fake.botUser.id}>`, mentions: [fake.botUser] });
    const reply = await fake.waitForRequest(replyTo(messageId));
    expect(reply.body.content).toContain("/ask");
    expect(reply.body.content).toContain("/help");
    expect(reply.body.embeds ?? []).toEqual([]);
  });

  it("ignores bots, @everyone without a mention of the bot, and messages not for it", async () => {
    const fromBot = fake.sendMessage({
      content: `<@${fake.botUser.id}> ${question}`,
      mentions: [fake.botUser],
      author: { id: "1300000000000000077", username: "otherbot", bot: true },
    });
    const everyoneOnly = fake.sendMessage({ content: `@everyone ${question}`, mentionEveryone: true });
    const unrelated = fake.sendMessage({ content: question });
    const otherRole = fake.sendMessage({ content: `<@&${fake.adminRoleId}> ${question}`, mentionRoles: [fake.adminRoleId] });
    const control = fake.sendMessage({ content: `<@!${fake.botUser.id}> ${question}`, mentions: [fake.botUser] });
    await fake.waitForRequest(replyTo(control));
    for (const ignored of [fromBot, everyoneOnly, unrelated, otherRole]) {
      expect(fake.requests.some(replyTo(ignored))).toBe(false);
    }
  });

  it("answers a direct message", async () => {
    const messageId = fake.sendMessage({ content: question, dm: true });
    const reply = await fake.waitForRequest(replyTo(messageId));
    expect(reply.route).toBe(`/channels/${fake.dmChannelId}/messages`);
    expect(reply.body.embeds[0].fields.length).toBe(expected.citations.length);
  });

  it("rolls back for an admin, acknowledging at once and then reporting", async () => {
    const { id, token } = fake.sendCommand({ name: "kb", options: [{ name: "rollback", type: 1 }], roles: [fake.adminRoleId] });
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.content).toBe(reloadStartedText("rollback", "en"));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.route === `/webhooks/${fake.applicationId}/${token}/messages/%40original`,
      RELOAD_WAIT_MS,
    );
    expect(edit.body.embeds[0].title).toMatch(/^(Knowledge base rolled back|Rollback failed)$/);
  });

  it("refuses /kb reload to a non-admin, ephemerally, without reloading", async () => {
    const before = reloads;
    const { id } = fake.sendCommand({ name: "kb", options: [{ name: "reload", type: 1 }] });
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.content).toBe(stringsFor("en").notAdmin);
    expect(reloads).toBe(before);
  });

  it("reloads for a member with an admin role, saying at once that it is reloading and then editing in the report", async () => {
    const before = reloads;
    const { id, token } = fake.sendCommand({
      name: "kb",
      options: [{ name: "reload", type: 1 }],
      roles: [fake.adminRoleId],
      locale: "ko",
    });
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.content).toBe(reloadStartedText("reload", "ko"));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.route === `/webhooks/${fake.applicationId}/${token}/messages/%40original`,
      RELOAD_WAIT_MS,
    );
    expect(edit.body.content).toBe("");
    expect(reloads).toBe(before + 1);
    const embed = edit.body.embeds[0];
    const status = engine.status();
    expect(embed.title).toBe(stringsFor("ko").reloadOkTitle);
    const counts = embed.fields.find((f: { name: string }) => f.name === stringsFor("ko").counts);
    expect(counts.value).toBe(stringsFor("ko").countsLine(status.counts.articles, status.counts.facts, status.counts.terms));
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("tells a second /kb reload or rollback at once that one is running, by whom and since when, without queueing it", async () => {
    const before = reloads;
    let release: () => void = () => {};
    holdReload = new Promise<void>((resolve) => (release = resolve));
    const first = fake.sendCommand({ name: "kb", options: [{ name: "reload", type: 1 }], permissions: MANAGE_GUILD });
    try {
      const ack = await fake.waitForRequest(callbackFor(first.id));
      expect(ack.body.data.content).toBe(reloadStartedText("reload", "en"));
      for (const sub of ["reload", "rollback"]) {
        const second = fake.sendCommand({ name: "kb", options: [{ name: sub, type: 1 }], roles: [fake.adminRoleId] });
        const busy = await fake.waitForRequest(callbackFor(second.id));
        expect(busy.body.type).toBe(4);
        expect(busy.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
        expect(busy.body.data.content).toMatch(
          new RegExp(
            `^A knowledge base reload is already running \\(started by discord:${fake.member.username} \\(${fake.member.id}\\) at \\d\\d:\\d\\d:\\d\\d UTC, \\d+ s ago\\)\\. Try \`/kb status\` when it has finished\\.$`,
          ),
        );
      }
      expect(reloads).toBe(before + 1);
    } finally {
      release();
      holdReload = null;
    }
    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.route === `/webhooks/${fake.applicationId}/${first.token}/messages/%40original`,
      RELOAD_WAIT_MS,
    );
    expect(edit.body.embeds[0].title).toBe(stringsFor("en").reloadOkTitle);
  });

  it("shows /kb status to a member with Manage Server", async () => {
    const { id } = fake.sendCommand({ name: "kb", options: [{ name: "status", type: 1 }], permissions: MANAGE_GUILD });
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].fields[0].value).toBe(engine.status().version);
  });

  it("answers /help in Korean for a Korean client, with examples in both languages", async () => {
    const { id } = fake.sendCommand({ name: "help", locale: "ko" });
    const callback = await fake.waitForRequest(callbackFor(id));
    const embed = callback.body.data.embeds[0];
    const ko = stringsFor("ko");
    expect(embed.title).toBe(ko.helpTitle);
    const names = embed.fields.map((f: { name: string }) => f.name);
    expect(names).toContain(ko.helpExamplesKo);
    expect(names).toContain(ko.helpExamplesEn);
    expect(names).toContain(ko.helpCommands);
    const commandsField = embed.fields.find((f: { name: string }) => f.name === ko.helpCommands);
    expect(commandsField.value).toContain("`/kb status` · `/kb reload` · `/kb rollback` · `/kb gaps [days]` — 지식 베이스 관리 (관리자)");
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("lists /sources", async () => {
    const { id } = fake.sendCommand({ name: "sources" });
    const callback = await fake.waitForRequest(callbackFor(id));
    const sources = engine.sources();
    expect(callback.body.data.embeds[0].title).toBe(stringsFor("en").sourcesTitle(sources.length));
    expect(callback.body.data.embeds[0].description).toContain(sources[0]?.outlet ?? "");
  });

  it("shows a timeline with /timeline, in the topic's language", async () => {
    const { id } = fake.sendCommand({ name: "timeline", options: [{ name: "topic", type: 3, value: "희토류" }] });
    const callback = await fake.waitForRequest(callbackFor(id));
    const embed = callback.body.data.embeds[0];
    expect(embed.title).toBe("타임라인: 희토류 (희토류)");
    for (const e of (await engine.timeline("희토류", "ko")).entries) expect(embed.description).toContain(e.when);
    expect(callback.body.data.flags ?? 0).toBe(0);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it("apologizes ephemerally when a handler throws, logs the cause, and keeps working", async () => {
    const { id } = ask(THROWING_QUESTION);
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.content).toBe(stringsFor("en").apology);
    const failure = logs.find((l) => l.msg === "discord: command failed");
    expect((failure?.error as { message?: string } | undefined)?.message).toBe("engine exploded on purpose");

    const next = ask(question);
    const answer = await fake.waitForRequest(callbackFor(next.id));
    expect(answer.body.data.embeds[0].fields.length).toBe(expected.citations.length);
    expect(bot.isReady()).toBe(true);
  });

  it("edits the acknowledgement into an apology when a reload throws", async () => {
    failReload = true;
    try {
      const { id, token } = fake.sendCommand({ name: "kb", options: [{ name: "reload", type: 1 }], permissions: MANAGE_GUILD });
      const callback = await fake.waitForRequest(callbackFor(id));
      expect(callback.body.type).toBe(4);
      expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      const edit = await fake.waitForRequest(
        (r) => r.method === "PATCH" && r.route === `/webhooks/${fake.applicationId}/${token}/messages/%40original`,
      );
      expect(edit.body.content).toBe(stringsFor("en").apology);
      expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    } finally {
      failReload = false;
    }
  });

  it("apologizes in a reply when answering a mention throws", async () => {
    const messageId = fake.sendMessage({ content: `<@${fake.botUser.id}> ${THROWING_QUESTION}`, mentions: [fake.botUser] });
    const reply = await fake.waitForRequest(replyTo(messageId));
    expect(reply.body.content).toBe(stringsFor("en").apology);
    expect(logs.some((l) => l.msg === "discord: message handler failed")).toBe(true);
  });

  it("answers an unknown command ephemerally", async () => {
    const { id } = fake.sendCommand({ name: "nope" });
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.content).toBe(stringsFor("en").unknownCommand);
  });

  it("resumes a dropped gateway connection and answers the next question", async () => {
    const identifies = fake.received.filter((p) => p.op === 2).length;
    fake.dropConnection(4000);
    await expect.poll(() => bot.state(), { timeout: 2000, interval: 10 }).toBe("reconnecting");
    expect(bot.isReady()).toBe(false);
    const resume = await fake.waitForGateway((p) => p.op === 6);
    expect(resume.d.session_id).toBe(fake.sessionId);
    expect(resume.d.token).toBe(fake.token);
    await expect.poll(() => bot.isReady(), { timeout: 5000 }).toBe(true);
    expect(logs.some((l) => l.msg === "discord: gateway session resumed")).toBe(true);

    const { id } = ask(question);
    const callback = await fake.waitForRequest(callbackFor(id));
    expect(callback.body.data.embeds[0].fields.length).toBe(expected.citations.length);
    expect(fake.received.filter((p) => p.op === 2).length).toBe(identifies);
  });

  it("stops cleanly and reports not ready", async () => {
    await bot.stop();
    expect(bot.isReady()).toBe(false);
    expect(bot.state()).toBe("stopped");
    await bot.stop();
  });
});
