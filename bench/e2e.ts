// End to end on 127.0.0.1: the real Slack bot (Bolt, in HTTP mode and in Socket Mode) and the real Discord bot
// (discord.js) in this process, over the given engine; the fake Slack and fake Discord of the
// tests and the askers in a child process (bench/e2e-peer.ts), so that only the bot's own
// work runs on the bot's event loop. Latency is from the event leaving the asker to the
// bot's answer (chat.postMessage, or the interaction callback) arriving at the fake. The
// CPU time of both processes per answer shows where a platform's time goes: with askers
// that ask again as soon as answered, latency is about the askers times the work per answer.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Engine } from "../src/answer/engine-types.ts";
import { startDiscord, type DiscordBot } from "../src/bots/discord/bot.ts";
import { startSlack, type SlackBot } from "../src/bots/slack/app.ts";
import { createLogger } from "../src/log.ts";
import { SIGNING_SECRET } from "../test/bots/slack/slack-requests.ts";
import type { PeerReady, Platform, PlatformRun, RunRequest } from "./e2e-peer.ts";
import { cpuMsSince, round, summarize, type LatencySummary } from "./measure.ts";

export interface EndToEndOptions {
  engine: Engine;
  questions: readonly string[];
  concurrency: number;
  asks: number;
  warmup: number;
  /** Slack over HTTP and over Socket Mode. */
  slack?: boolean;
  discord?: boolean;
  /** An answer not received within this long counts as an error. Default 15 s. */
  timeoutMs?: number;
}

export interface PlatformFigures {
  concurrency: number;
  asks: number;
  errors: number;
  firstError: string | null;
  latency: LatencySummary;
  /** Answers per second over the measured run. */
  throughput: number;
  /** CPU time per answer, ms, warm-up included: the bots' process (all its threads), and the fakes' and askers'. */
  cpuMsPerAnswer: { bot: number; peer: number };
}

export interface EndToEndFigures {
  /** Slack in HTTP mode: a signed POST per event, acknowledged by the response. */
  slack: PlatformFigures | null;
  /** Slack in Socket Mode: events and acks over one WebSocket. */
  slackSocket: PlatformFigures | null;
  discord: PlatformFigures | null;
  /** Warnings and errors the bots logged during the run (first few). */
  botLog: string[];
}

const PEER = join(import.meta.dirname, "e2e-peer.ts");
const ROOT = join(import.meta.dirname, "..");

function figures(run: PlatformRun | null, concurrency: number, botCpuMs: number): PlatformFigures | null {
  if (!run) return null;
  const answers = Math.max(1, run.latencies.length + run.errors.length);
  return {
    concurrency,
    asks: run.latencies.length,
    errors: run.errors.length,
    firstError: run.errors[0] ?? null,
    latency: summarize(run.latencies),
    throughput: Math.round((run.latencies.length / run.wallMs) * 1000 * 10) / 10,
    cpuMsPerAnswer: { bot: round(botCpuMs / answers, 2), peer: round(run.cpuMs / answers, 2) },
  };
}

export async function measureEndToEnd(options: EndToEndOptions): Promise<EndToEndFigures> {
  const wantSlack = options.slack ?? true;
  const wantDiscord = options.discord ?? true;
  const botLog: string[] = [];
  const logger = createLogger({ level: "warn", write: (line) => void (botLog.length < 20 && botLog.push(line.slice(0, 400))) });
  const peer = spawn(process.execPath, ["--import", "tsx", PEER], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => peer.once("exit", (code) => resolve(code)));
  const lines = createInterface({ input: peer.stdout, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const nextMessage = async <T>(): Promise<T> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`bench: the end-to-end peer exited (${await exited})`);
    return JSON.parse(value as string) as T;
  };

  let slack: SlackBot | null = null;
  let slackSocket: SlackBot | null = null;
  let discord: DiscordBot | null = null;
  const stateDir = await mkdtemp(join(tmpdir(), "chokepoint-bench-"));
  try {
    const ready = await nextMessage<PeerReady>();
    if (wantSlack) {
      slack = await startSlack({
        config: {
          botToken: "xoxb-bench-token",
          signingSecret: SIGNING_SECRET,
          appToken: null,
          mode: "http",
          port: 0,
          apiUrl: ready.slack.apiUrl,
          adminUserIds: [],
        },
        engine: options.engine,
        logger,
        stateDir,
        port: 0,
        host: "127.0.0.1",
        retryConfig: { retries: 0 },
      });
      slackSocket = await startSlack({
        config: {
          botToken: "xoxb-bench-token",
          signingSecret: SIGNING_SECRET,
          appToken: "xapp-bench-token",
          mode: "socket",
          port: 0,
          apiUrl: ready.slack.apiUrl,
          adminUserIds: [],
        },
        engine: options.engine,
        logger,
        stateDir,
        retryConfig: { retries: 0 },
        autoReconnect: false,
      });
    }
    if (wantDiscord) {
      discord = await startDiscord({
        config: {
          token: ready.discord.token,
          applicationId: ready.discord.applicationId,
          guildId: ready.discord.guildId,
          adminRoleIds: [],
          apiUrl: ready.discord.apiUrl,
        },
        engine: options.engine,
        logger,
      });
    }
    // One platform at a time, so that this process's CPU time is that platform's.
    const runOn = async (platform: Platform): Promise<PlatformFigures | null> => {
      const run: RunRequest = {
        type: "run",
        platform,
        slackEventsUrl: slack ? `http://127.0.0.1:${slack.port}/slack/events` : null,
        questions: [...options.questions],
        concurrency: options.concurrency,
        asks: options.asks,
        warmup: options.warmup,
        timeoutMs: options.timeoutMs ?? 15_000,
      };
      const cpu = process.cpuUsage();
      peer.stdin.write(`${JSON.stringify(run)}\n`);
      const result = await nextMessage<{ run: PlatformRun }>();
      return figures(result.run, options.concurrency, cpuMsSince(cpu));
    };
    return {
      slack: slack ? await runOn("slack") : null,
      slackSocket: slackSocket ? await runOn("slackSocket") : null,
      discord: discord ? await runOn("discord") : null,
      botLog,
    };
  } finally {
    await slack?.stop();
    await slackSocket?.stop();
    await discord?.stop();
    peer.stdin.end(`${JSON.stringify({ type: "close" })}\n`);
    const timer = setTimeout(() => peer.kill(), 5_000);
    await exited;
    clearTimeout(timer);
    await rm(stateDir, { recursive: true, force: true });
  }
}
