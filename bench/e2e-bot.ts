// The near side of the end-to-end benchmark: the bots `npm start` runs, over the engine it
// runs (the knowledge on a thread of its own, loaded from the data files), in a process of
// their own, so that their event loop and heap hold what a deployed bot's hold and not the
// bench's synthetic archives. Talks to the bench over stdin/stdout, one JSON object a line:
//   ← BotStart                                  (the data directory and the fakes' addresses)
//   → {"type":"bots","slackPort":n|null}        (bots connected)
//   ← {"type":"cpu"}  → {"type":"cpu","cpuMs":n}   (CPU time of this process so far, all threads)
//   ← {"type":"close"} → {"type":"closed","botLog":[...]}
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { createThreadEngine } from "../src/engine/thread-engine.ts";
import { startDiscord, type DiscordBot } from "../src/bots/discord/bot.ts";
import { startSlack, type SlackBot } from "../src/bots/slack/app.ts";
import { createLogger } from "../src/log.ts";
import { SIGNING_SECRET } from "../test/bots/slack/slack-requests.ts";
import type { PeerReady } from "./e2e-peer.ts";
import { cpuMsSince } from "./measure.ts";

export interface BotStart {
  type: "start";
  dataDir: string;
  peer: PeerReady;
  /** Slack over HTTP and over Socket Mode. */
  slack: boolean;
  discord: boolean;
}

export type BotReply = { type: "bots"; slackPort: number | null } | { type: "cpu"; cpuMs: number } | { type: "closed"; botLog: string[] };

function send(msg: BotReply): void {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

async function main(): Promise<void> {
  const cpuAtStart = process.cpuUsage();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  const start = JSON.parse(String(first.value)) as BotStart;
  const botLog: string[] = [];
  const logger = createLogger({ level: "warn", write: (line) => void (botLog.length < 20 && botLog.push(line.slice(0, 400))) });
  // No answers kept for repeated questions: the askers repeat theirs, and each is answered afresh.
  const engine = await createThreadEngine({ dataDir: start.dataDir, rememberAnswers: 0 });
  const stateDir = await mkdtemp(join(tmpdir(), "chokepoint-bench-"));
  const bots: Array<SlackBot | DiscordBot> = [];
  try {
    let slackPort: number | null = null;
    if (start.slack) {
      const common = { engine, logger, stateDir, retryConfig: { retries: 0 } };
      const base = { botToken: "xoxb-bench-token", signingSecret: SIGNING_SECRET, port: 0, apiUrl: start.peer.slack.apiUrl, adminUserIds: [] };
      const http = await startSlack({ ...common, config: { ...base, appToken: null, mode: "http" }, port: 0, host: "127.0.0.1" });
      bots.push(http);
      slackPort = http.port;
      bots.push(await startSlack({ ...common, config: { ...base, appToken: "xapp-bench-token", mode: "socket" }, autoReconnect: false }));
    }
    if (start.discord) {
      const { token, applicationId, guildId, apiUrl } = start.peer.discord;
      bots.push(await startDiscord({ config: { token, applicationId, guildId, adminRoleIds: [], apiUrl }, engine, logger }));
    }
    send({ type: "bots", slackPort });
    for (;;) {
      const { value, done } = await lines.next();
      if (done) break;
      const msg = JSON.parse(String(value)) as { type: "cpu" | "close" };
      if (msg.type === "close") break;
      send({ type: "cpu", cpuMs: cpuMsSince(cpuAtStart) });
    }
  } finally {
    for (const bot of bots) await bot.stop();
    await engine.close();
    await rm(stateDir, { recursive: true, force: true });
  }
  send({ type: "closed", botLog });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench e2e bot: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
