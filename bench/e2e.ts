// End to end on 127.0.0.1: the real Slack bot (Bolt, in HTTP mode and in Socket Mode) and the
// real Discord bot (discord.js) over the engine `npm start` runs, in a process of their own
// (bench/e2e-bot.ts); the fake Slack and fake Discord of the tests and the askers in another
// (bench/e2e-peer.ts), so that only the bots' own work runs on the bots' event loop, with the
// heap a deployed bot has. Latency is from the event leaving the asker to the bot's answer
// (chat.postMessage, or the interaction callback) arriving at the fake. The CPU time of both
// processes per answer shows where a platform's time goes: with askers that ask again as soon
// as answered, latency is about the askers times the work per answer on the busiest thread.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { BotReply, BotStart } from "./e2e-bot.ts";
import type { PeerReady, Platform, PlatformRun, RunRequest } from "./e2e-peer.ts";
import { round, summarize, type LatencySummary } from "./measure.ts";

export interface EndToEndOptions {
  /** The knowledge base's data files, which the bots' engine loads. */
  dataDir: string;
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
  /** The warm-up asks before the measured ones: what the first answers after a start see. */
  warmupLatency: LatencySummary;
  /** Answers per second over the measured run. */
  throughput: number;
  /** CPU time per measured answer, ms: the bots' process (all its threads), and the fakes' and askers'. */
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
const BOT = join(import.meta.dirname, "e2e-bot.ts");
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
    warmupLatency: summarize(run.warmupLatencies),
    throughput: Math.round((run.latencies.length / run.wallMs) * 1000 * 10) / 10,
    cpuMsPerAnswer: { bot: round(botCpuMs / answers, 2), peer: round(run.cpuMs / answers, 2) },
  };
}

/** A child process spoken to in JSON lines: `next()` is its next line, parsed. */
function child(name: string, script: string): { proc: ChildProcessByStdio<Writable, Readable, null>; next: <T>() => Promise<T>; send: (msg: unknown) => void; exited: Promise<string> } {
  const proc = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<string>((resolve) => proc.once("exit", (code, signal) => resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`)));
  proc.stdin.on("error", () => {}); // a process that has exited: its exit is reported instead
  const lines = createInterface({ input: proc.stdout, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return {
    proc,
    exited,
    async next<T>(): Promise<T> {
      const { value, done } = await lines.next();
      if (done) throw new Error(`bench: the end-to-end ${name} ${await exited}`);
      return JSON.parse(value as string) as T;
    },
    send: (msg) => proc.stdin.write(`${JSON.stringify(msg)}\n`),
  };
}

async function close(c: ReturnType<typeof child>, msg: unknown): Promise<void> {
  if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.stdin.end(`${JSON.stringify(msg)}\n`);
  const timer = setTimeout(() => c.proc.kill(), 10_000);
  await c.exited;
  clearTimeout(timer);
}

export async function measureEndToEnd(options: EndToEndOptions): Promise<EndToEndFigures> {
  const wantSlack = options.slack ?? true;
  const wantDiscord = options.discord ?? true;
  const peer = child("peer", PEER);
  const bot = child("bot process", BOT);
  let botLog: string[] = [];
  try {
    const ready = await peer.next<PeerReady>();
    const start: BotStart = { type: "start", dataDir: options.dataDir, peer: ready, slack: wantSlack, discord: wantDiscord };
    bot.send(start);
    const { slackPort } = await bot.next<Extract<BotReply, { type: "bots" }>>();
    const botCpu = async () => {
      bot.send({ type: "cpu" });
      return (await bot.next<Extract<BotReply, { type: "cpu" }>>()).cpuMs;
    };
    // One platform at a time, so that the bots' CPU time is that platform's.
    const runOn = async (platform: Platform): Promise<PlatformFigures | null> => {
      const run: RunRequest = {
        type: "run",
        platform,
        slackEventsUrl: slackPort !== null ? `http://127.0.0.1:${slackPort}/slack/events` : null,
        questions: [...options.questions],
        concurrency: options.concurrency,
        asks: options.asks,
        warmup: options.warmup,
        timeoutMs: options.timeoutMs ?? 15_000,
      };
      peer.send(run);
      await peer.next<{ type: "measuring" }>();
      const cpuBefore = await botCpu();
      const result = await peer.next<{ run: PlatformRun }>();
      return figures(result.run, options.concurrency, (await botCpu()) - cpuBefore);
    };
    const slack = wantSlack ? await runOn("slack") : null;
    const slackSocket = wantSlack ? await runOn("slackSocket") : null;
    const discord = wantDiscord ? await runOn("discord") : null;
    bot.send({ type: "close" });
    botLog = (await bot.next<Extract<BotReply, { type: "closed" }>>()).botLog;
    return { slack, slackSocket, discord, botLog };
  } finally {
    await close(bot, { type: "close" });
    await close(peer, { type: "close" });
  }
}
