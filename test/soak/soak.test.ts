// Soak: 2,000 questions from 50 users through both adapters at once — Slack (a real Bolt App
// in HTTP mode: app_mention events and `/ask` commands) and Discord (the real discord.js
// Client: `/ask` interactions) against the fakes on 127.0.0.1 — with 20 in flight, while 20
// reloads run over a temp copy of data/, half of them with broken data. Asserts correctness
// only; the timings are printed (the benchmark owns them), with a very generous sanity bound.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer as answerOn } from "../../src/answer/answer.ts";
import { createEngine, type FullEngine } from "../../src/engine/engine.ts";
import type { SearchIndex } from "../../src/search/search-index.ts";
import type { Answer } from "../../src/answer/types.ts";
import { startDiscord, type DiscordBot } from "../../src/bots/discord/bot.ts";
import { unescapeMarkdown } from "../../src/bots/discord/format.ts";
import { stringsFor } from "../../src/bots/discord/strings.ts";
import { startSlack, type SlackBot } from "../../src/bots/slack/app.ts";
import type { ReloadReport } from "../../src/knowledge/report.ts";
import type { Article, Fact } from "../../src/knowledge/schema.ts";
import { createLogger } from "../../src/log.ts";
import { FakeDiscord } from "../bots/discord/fake-discord.ts";
import { BOT_USER_ID, FakeSlack } from "../bots/slack/fake-slack.ts";
import { DATA_DIR, postedQuotes, testConfig } from "../bots/slack/helpers.ts";
import { SIGNING_SECRET, commandFields, eventCallback, formBody, postSigned } from "../bots/slack/slack-requests.ts";
import {
  ORPHAN_FACTS,
  ReplyTracker,
  applyPlan,
  buildQuestions,
  percentile,
  quoteIn,
  recordingEngine,
  runPool,
  slackEscape,
  tagOf,
  untagged,
  type RecordingEngine,
  type ReloadPlan,
  type SoakQuestion,
} from "./harness.ts";

const QUESTIONS = 2_000;
const USERS = 50;
const IN_FLIGHT = 20;
const RELOADS = 20;
const SEED = 20_250_718;
/** Every Nth Slack mention is redelivered (X-Slack-Retry-Num: 1) and must still be answered once. */
const REDELIVER_EVERY = 40;
/** Every Nth answer is recomputed on its snapshot and must come out the same. */
const RECHECK_EVERY = 10;
const REPLY_TIMEOUT_MS = 15_000;
/** Very generous: the benchmark owns timings; this only catches a hang or a stalled loop. */
const MAX_LOOP_DELAY_MS = 5_000;
const MAX_RUN_MS = 50_000;
const EPHEMERAL = 64;

interface Version {
  index: SearchIndex;
  articles: ReadonlyMap<string, Article>;
  facts: ReadonlyMap<string, Fact>;
}

const slackUser = (u: number) => `USOAK${String(u).padStart(4, "0")}`;
const discordUser = (u: number) => `1300000000000100${String(u).padStart(3, "0")}`;
const mentionTs = (id: number) => `${1_710_000_000 + id}.000100`;

/** The quote shown in a Discord citation field, without quotation marks or escapes. */
function quoteInField(value: string): string {
  const match = /^“([\s\S]*)”\n/u.exec(value);
  return unescapeMarkdown(match?.[1] ?? "");
}

describe("soak: both adapters under load while the knowledge base reloads", () => {
  let root: string;
  let dataDir: string;
  let real: FullEngine;
  let engine: RecordingEngine;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let slackBot: SlackBot;
  let discordBot: DiscordBot;
  let eventsUrl: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "chokepoint-soak-"));
    dataDir = path.join(root, "data");
    await cp(DATA_DIR, dataDir, { recursive: true });
    real = await createEngine({ dataDir });
    engine = recordingEngine(real);
    const logger = createLogger({ level: "info", write: (line) => logLines.push(line) });

    slack = await FakeSlack.start();
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    slackBot = await startSlack({
      config: testConfig({ apiUrl: slack.apiUrl, signingSecret: SIGNING_SECRET }),
      engine,
      logger,
      stateDir: path.join(root, "state"),
      port: 0,
      host: "127.0.0.1",
      retryConfig: { retries: 0 },
    });
    eventsUrl = `http://127.0.0.1:${slackBot.port}/slack/events`;
    discordBot = await startDiscord({
      config: { token: discord.token, applicationId: discord.applicationId, guildId: discord.guildId, adminRoleIds: [], apiUrl: discord.apiUrl },
      engine,
      logger,
    });
  }, 20_000);

  afterAll(async () => {
    await discordBot?.stop();
    await slackBot?.stop();
    await discord?.close();
    await slack?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("answers every question exactly once, each from one snapshot, while broken reloads keep the old version serving", async () => {
    const startData = real.store.current().data;
    const questions = buildQuestions(startData, QUESTIONS, USERS, SEED);
    const articleIds = startData.articles.map((a) => a.id).sort();

    const versions = new Map<string, Version>();
    const remember = () => {
      const snap = real.store.current();
      versions.set(snap.data.version, {
        index: snap.index,
        articles: new Map(snap.data.articles.map((a) => [a.id, a])),
        facts: new Map(snap.data.facts.map((f) => [f.id, f])),
      });
    };
    remember();

    // Reloads: valid revisions and broken data alternate, the broken kinds in turn.
    const plans: ReloadPlan[] = [];
    const broken: ReloadPlan[] = [
      { kind: "bad-quote", article: articleIds[0]! },
      { kind: "unknown-article" },
      { kind: "unknown-term", article: articleIds[1]! },
    ];
    for (let k = 0; k < RELOADS; k++) plans.push(k % 2 === 0 ? { kind: "ok", rev: k / 2 + 1 } : broken[((k - 1) / 2) % broken.length]!);

    const tracker = new ReplyTracker(slack, discord);
    const latencies: number[] = [];
    let done = 0;
    let reloadsDone = 0;
    let reloadsEnded = false;
    let poolEnded = false;
    /** Reload k starts once `dueOf(k)` questions are answered; questions from `dueOf(k + 2)` on wait for it to end. */
    const dueOf = (k: number) => Math.round(((k + 1) * QUESTIONS) / (RELOADS + 1));
    const reloads: Array<{ plan: ReloadPlan; report: ReloadReport; before: string; after: string; answeredDuring: number }> = [];

    const driveReloads = async () => {
      for (const [k, plan] of plans.entries()) {
        const due = dueOf(k);
        while (done < due && !poolEnded) await new Promise((r) => setTimeout(r, 5));
        if (poolEnded) return;
        const before = real.store.current().data;
        const restore = applyPlan(dataDir, plan, before);
        const asksBefore = engine.askMs.length;
        const report = await engine.reload("soak");
        const answeredDuring = engine.askMs.length - asksBefore;
        restore();
        reloads.push({ plan, report, before: before.version, after: real.store.current().data.version, answeredDuring });
        if (report.ok) remember();
        reloadsDone += 1;
      }
    };

    const ask = async (q: SoakQuestion) => {
      // Reloads are spaced over the run: should a reload lag, the questions past the start of
      // the one after it wait for it to end (those before keep 20 in flight meanwhile), and
      // the last 20 questions wait for the last reload.
      const held = () => !reloadsEnded && reloadsDone < RELOADS && q.id >= Math.min(dueOf(reloadsDone + 2), QUESTIONS - IN_FLIGHT);
      while (held()) await new Promise((r) => setTimeout(r, 2));
      const started = performance.now();
      const replied = tracker.waitFor(q.id, REPLY_TIMEOUT_MS);
      const tag = tagOf(q);
      if (q.channel === "slack-mention") {
        const ts = mentionTs(q.id);
        tracker.expectThread(ts, q.id);
        const event = {
          type: "app_mention",
          user: slackUser(q.user),
          text: `<@${BOT_USER_ID}> ${slackEscape(q.text)} ${tag}`,
          ts,
          channel: `C0SOAK${String(q.user).padStart(3, "0")}`,
        };
        const body = JSON.stringify(eventCallback(event, `EvSOAK${String(q.id).padStart(6, "0")}`));
        const res = await postSigned(eventsUrl, body, "application/json");
        expect(res.status, `mention ${q.id}`).toBe(200);
        if (q.id % REDELIVER_EVERY === 0) {
          const retry = await postSigned(eventsUrl, body, "application/json", { retryNum: 1 });
          expect(retry.status, `redelivery of ${q.id}`).toBe(200);
        }
      } else if (q.channel === "slack-command") {
        const { id, url } = slack.newResponseUrl();
        tracker.expectResponse(id, q.id);
        const fields = commandFields("/ask", `${slackEscape(q.text)} ${tag}`, url, slackUser(q.user));
        const res = await postSigned(eventsUrl, formBody(fields), "application/x-www-form-urlencoded");
        expect(res.status, `/ask ${q.id}`).toBe(200);
      } else {
        const { id } = discord.sendCommand({
          name: "ask",
          options: [{ name: "question", type: 3, value: `${q.text} ${tag}` }],
          user: { id: discordUser(q.user), username: `soak${q.user}` },
          locale: q.lang === "ko" ? "ko" : "en-US",
        });
        tracker.expectInteraction(id, q.id);
      }
      await replied;
      latencies.push(performance.now() - started);
      done += 1;
    };

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    const reloading = driveReloads().finally(() => {
      reloadsEnded = true;
    });
    const asking = runPool(questions, IN_FLIGHT, ask).finally(() => {
      poolEnded = true;
    });
    let runMs: number;
    try {
      await Promise.all([asking, reloading]);
      runMs = performance.now() - started;
      loop.disable();
      // A duplicate (a redelivered event answered twice) would arrive shortly after: give it time.
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      loop.disable();
      tracker.stop();
    }

    // ---- Reloads --------------------------------------------------------------------
    expect(reloads).toHaveLength(RELOADS);
    for (const { plan, report, before, after } of reloads) {
      if (plan.kind === "ok") {
        expect(report, `reload rev ${plan.rev}`).toMatchObject({ ok: true, previousVersion: before, version: after, errors: [] });
        expect(report.version).not.toBe(before);
        expect([...report.articles.changed].sort()).toEqual(articleIds);
        expect(report.facts).toEqual({ added: [], removed: [], changed: [] });
      } else {
        expect(report, `broken reload ${plan.kind}`).toMatchObject({ ok: false, version: before, previousVersion: before });
        expect(after, `${plan.kind} leaves the previous version serving`).toBe(before);
        const messages = report.errors.map((e) => `${e.file}: ${e.path}: ${e.message}`);
        if (plan.kind === "bad-quote") {
          expect(messages).toEqual([expect.stringMatching(new RegExp(`^data/facts/${plan.article}\\.yaml: facts\\[0\\]\\.quote: not found in article "${plan.article}"`))]);
        } else if (plan.kind === "unknown-article") {
          expect(messages).toEqual([`data/facts/${ORPHAN_FACTS}: article: unknown article id "no-such-article"`]);
        } else {
          expect(messages).toEqual([`data/facts/${plan.article}.yaml: facts[0].entities[0]: unknown glossary term "no-such-term"`]);
        }
      }
    }
    expect(versions.size).toBe(RELOADS / 2 + 1);
    // The reloads ran among the questions, not between them.
    expect(reloads.reduce((n, r) => n + r.answeredDuring, 0)).toBeGreaterThan(0);

    // ---- Exactly once ---------------------------------------------------------------
    expect(tracker.strays).toEqual([]);
    expect(engine.untaggedAsks).toEqual([]);
    const count = (c: SoakQuestion["channel"]) => questions.filter((q) => q.channel === c).length;
    expect(slack.callsOf("chat.postMessage")).toHaveLength(count("slack-mention"));
    expect(slack.responses).toHaveLength(count("slack-command"));
    expect(discord.requests.filter((r) => r.route.endsWith("/callback"))).toHaveLength(count("discord-command"));
    const lost = questions.filter((q) => tracker.replies.get(q.id)?.length !== 1 || engine.byId.get(q.id)?.calls !== 1);
    expect(lost.map((q) => ({ id: q.id, replies: tracker.replies.get(q.id)?.length ?? 0, asks: engine.byId.get(q.id)?.calls ?? 0 }))).toEqual([]);

    // ---- One snapshot per answer ------------------------------------------------------
    const problems: string[] = [];
    const served = new Set<string>();
    let answered = 0;
    for (const q of questions) {
      const a: Answer = engine.byId.get(q.id)!.answer;
      const where = `question ${q.id} (${q.channel}, ${JSON.stringify(q.text.slice(0, 40))})`;
      const version = versions.get(a.kbVersion);
      if (!version) {
        problems.push(`${where}: answered from unknown version ${a.kbVersion}`);
        continue;
      }
      served.add(a.kbVersion);
      if (a.answered) answered += 1;
      if (a.lang !== "ko" && a.lang !== "en") problems.push(`${where}: lang ${String(a.lang)}`);
      if (!a.answered && a.citations.length > 0) problems.push(`${where}: a refusal with citations`);
      if (a.answered && a.citations.length === 0) problems.push(`${where}: an answer without citations`);
      for (const c of a.citations) {
        const article = version.articles.get(c.articleId);
        if (!article) {
          problems.push(`${where}: cites ${c.articleId}, not in ${a.kbVersion}`);
          continue;
        }
        if (c.title !== article.title) problems.push(`${where}: title ${JSON.stringify(c.title)} is not ${a.kbVersion}'s ${JSON.stringify(article.title)}`);
        if (!quoteIn(c.quote, article.body)) problems.push(`${where}: quote not in ${c.articleId} of ${a.kbVersion}: ${c.quote.slice(0, 60)}`);
        if (c.factId !== null) {
          const fact = version.facts.get(c.factId);
          if (!fact || fact.quote !== c.quote || fact.article !== c.articleId) problems.push(`${where}: fact ${c.factId} differs in ${a.kbVersion}`);
        }
      }
      if (q.id % RECHECK_EVERY === 0) {
        const again = answerOn(untagged(a.question), { index: version.index, version: a.kbVersion });
        const { question: _q1, ...was } = a;
        const { question: _q2, ...now } = again;
        expect(now, `${where} recomputed on its snapshot`).toEqual(was);
      }

      // The reply the platform received shows that answer.
      const reply = tracker.replies.get(q.id)![0]!.body;
      const raw = JSON.stringify(reply);
      if (q.channel === "discord-command") {
        const data = (reply as { type: number; data: Record<string, any> }).data;
        if ((reply as { type: number }).type !== 4) problems.push(`${where}: callback type ${(reply as { type: number }).type}`);
        if (JSON.stringify(data.allowed_mentions) !== JSON.stringify({ parse: [] })) problems.push(`${where}: allowed_mentions ${JSON.stringify(data.allowed_mentions)}`);
        const embed = data.embeds?.[0];
        const s = stringsFor(a.lang);
        if (a.answered) {
          if (embed?.footer?.text !== s.answerFooter(a.kbVersion, a.citations.length)) problems.push(`${where}: footer ${embed?.footer?.text}`);
          const quotes = (embed?.fields ?? []).map((f: { value: string }) => quoteInField(f.value));
          if (JSON.stringify(quotes) !== JSON.stringify(a.citations.map((c) => c.quote))) problems.push(`${where}: embed quotes differ`);
          if ((data.flags ?? 0) & EPHEMERAL) problems.push(`${where}: an answer sent ephemerally`);
        } else {
          if (embed?.title !== s.refusalTitle) problems.push(`${where}: refusal title ${embed?.title}`);
          if (!((data.flags ?? 0) & EPHEMERAL)) problems.push(`${where}: a refusal sent for everyone`);
        }
      } else {
        const posted = postedQuotes(reply);
        const quoted = a.citations.map((c) => c.quote);
        if (JSON.stringify(posted) !== JSON.stringify(quoted)) problems.push(`${where}: posted quotes differ: ${JSON.stringify(posted)} posted, ${JSON.stringify(quoted)} answered (${a.kbVersion})`);
        if (/<@UQ\d|<!(?:channel|here|everyone)/u.test(raw)) problems.push(`${where}: an unescaped mention from the question reached Slack`);
        if (q.channel === "slack-command" && reply.response_type !== "in_channel") problems.push(`${where}: response_type ${String(reply.response_type)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(served.size, "every valid version served some answers").toBe(versions.size);
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(QUESTIONS);

    // ---- Logs -------------------------------------------------------------------------
    const logs = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
    const redelivered = questions.filter((q) => q.channel === "slack-mention" && q.id % REDELIVER_EVERY === 0).length;
    expect(logs.filter((l) => l.msg === "slack: skipped a redelivered event")).toHaveLength(redelivered);

    // ---- Figures (printed; asserted only against a very generous bound) ---------------
    const loopMaxMs = loop.max / 1e6;
    const figures = {
      questions: QUESTIONS,
      reloads: RELOADS,
      runMs: Math.round(runMs),
      throughputPerS: Math.round((QUESTIONS / runMs) * 1000),
      answerP50Ms: Math.round(percentile(latencies, 50)),
      answerP99Ms: Math.round(percentile(latencies, 99)),
      answerMaxMs: Math.round(percentile(latencies, 100)),
      engineAskP99Ms: Math.round(percentile(engine.askMs, 99) * 10) / 10,
      loopDelayMaxMs: Math.round(loopMaxMs),
      loopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
      reloadMs: reloads.map((r) => r.report.durationMs),
      answeredDuringReloads: reloads.map((r) => r.answeredDuring),
      answered,
      refused: QUESTIONS - answered,
      warnings: logs.filter((l) => l.level === "warn").length,
    };
    console.log(`soak: ${JSON.stringify(figures)}`);
    expect(loopMaxMs).toBeLessThan(MAX_LOOP_DELAY_MS);
    expect(runMs).toBeLessThan(MAX_RUN_MS);
  }, 60_000);
});
