// The far side of the end-to-end benchmark, in its own process so that it does not share the
// bot's event loop: the fake Slack and fake Discord of the tests, and the askers. Talks to
// the bench over stdin/stdout, one JSON object a line:
//   → {"type":"ready","slack":{...},"discord":{...}}        (fakes listening)
//   ← {"type":"run", ...RunRequest}                          (bots connected; one platform)
//   → {"type":"measuring"}                                   (warm-up done: measured asks start)
//   → {"type":"result","run":PlatformRun}                    (and again per platform)
//   ← {"type":"close"}
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { FakeDiscord, type RecordedRequest } from "../test/bots/discord/fake-discord.ts";
import { FakeSlack, type ApiCall } from "../test/bots/slack/fake-slack.ts";
import { eventCallback, mentionEvent, SIGNING_SECRET, sign } from "../test/bots/slack/slack-requests.ts";
import { cpuMsSince } from "./measure.ts";

export type Platform = "slack" | "slackSocket" | "discord";

export interface RunRequest {
  type: "run";
  /** Slack over HTTP (to `slackEventsUrl`), Slack over Socket Mode, or Discord. */
  platform: Platform;
  /** The Slack bot's `/slack/events` URL, for Slack over HTTP. */
  slackEventsUrl: string | null;
  questions: string[];
  concurrency: number;
  /** Asks measured per platform, after `warmup` unmeasured ones. */
  asks: number;
  warmup: number;
  timeoutMs: number;
}

export interface PlatformRun {
  /** Milliseconds from sending the event to the bot's answer reaching the fake. */
  latencies: number[];
  /** The same, for the warm-up asks: the bot's code as yet unoptimized, as after a start. */
  warmupLatencies: number[];
  errors: string[];
  /** Wall time of the measured asks, from the first one's start, ms. */
  wallMs: number;
  /** CPU time this process (the fakes and the askers) spent over the measured asks, ms. */
  cpuMs: number;
}

export interface PeerReady {
  type: "ready";
  slack: { apiUrl: string };
  discord: { apiUrl: string; token: string; applicationId: string; guildId: string };
}

type Waiter = (at: number) => void;

/** Resolves the promise registered under a key when `arrive(key)` is called, with the time. */
class Arrivals {
  readonly #waiters = new Map<string, Waiter>();
  readonly #early = new Map<string, number>();

  arrive(key: string, at: number): void {
    const waiter = this.#waiters.get(key);
    if (waiter) {
      this.#waiters.delete(key);
      waiter(at);
    } else this.#early.set(key, at);
  }

  wait(key: string, timeoutMs: number): Promise<number> {
    const early = this.#early.get(key);
    if (early !== undefined) {
      this.#early.delete(key);
      return Promise.resolve(early);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(key);
        reject(new Error(`bench: no answer for ${key} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(key, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }
}

/** Runs `total` asks with `concurrency` askers, each asking again as soon as answered. */
async function runAskers(
  total: number,
  warmup: number,
  concurrency: number,
  askOne: (n: number) => Promise<number>,
): Promise<PlatformRun> {
  const latencies: number[] = [];
  const warmupLatencies: number[] = [];
  const errors: string[] = [];
  let next = 0;
  let started = performance.now();
  let cpu = process.cpuUsage();
  const asker = async () => {
    while (next < total + warmup) {
      const n = next++;
      if (n === warmup) {
        // The measured part starts with its first ask: wall and CPU time from here on.
        started = performance.now();
        cpu = process.cpuUsage();
        send({ type: "measuring" });
      }
      try {
        const ms = await askOne(n);
        (n >= warmup ? latencies : warmupLatencies).push(ms);
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, asker));
  return { latencies, warmupLatencies, errors, wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
}

/** Replies arriving at the fake Slack, by the thread they answer. */
function slackArrivals(fake: FakeSlack): Arrivals {
  const arrivals = new Arrivals();
  const record = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...calls: ApiCall[]) => {
    const at = performance.now();
    for (const c of calls) {
      if (c.method === "chat.postMessage" && typeof c.args.thread_ts === "string") arrivals.arrive(c.args.thread_ts, at);
    }
    // Keep only what is needed: thousands of answers with their blocks add up.
    return record(...calls.map((c) => ({ method: c.method, args: {}, token: null })));
  };
  return arrivals;
}

/**
 * A signed event POST, as Slack sends it, over kept-alive connections: node:http rather than
 * the tests' fetch, whose extra CPU per request would be taken from the bot on the same cores.
 */
function postEvent(agent: Agent, url: URL, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": sign(SIGNING_SECRET, timestamp, body),
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Slack over HTTP: each mention is a signed POST to the bot's events URL, acknowledged by its response. */
async function runSlack(arrivals: Arrivals, req: RunRequest, eventsUrl: string): Promise<PlatformRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: req.concurrency });
  const url = new URL(eventsUrl);
  try {
    return await runAskers(req.asks, req.warmup, req.concurrency, async (n) => {
    const ts = `${1_800_000_000 + n}.000100`;
    const text = req.questions[n % req.questions.length] ?? "H20";
    const body = JSON.stringify(eventCallback(mentionEvent(text, { ts, channel: "C0BENCH01" })));
    const start = performance.now();
    const arrived = arrivals.wait(ts, req.timeoutMs);
    const status = await postEvent(agent, url, body).catch((err: unknown) => {
      arrived.catch(() => {});
      throw err;
    });
    if (status !== 200) {
      arrived.catch(() => {});
      throw new Error(`bench: Slack event got HTTP ${status}`);
    }
    return (await arrived) - start;
    });
  } finally {
    agent.destroy();
  }
}

/** Slack over Socket Mode: each mention is an envelope on the bot's WebSocket, acknowledged on it. */
async function runSlackSocket(fake: FakeSlack, arrivals: Arrivals, req: RunRequest): Promise<PlatformRun> {
  const socket = await fake.waitFor(() => fake.sockets.find((s) => s.readyState === s.OPEN), "the Slack bot's Socket Mode connection");
  return runAskers(req.asks, req.warmup, req.concurrency, async (n) => {
    const ts = `${1_900_000_000 + n}.000100`;
    const text = req.questions[n % req.questions.length] ?? "H20";
    const payload = eventCallback(mentionEvent(text, { ts, channel: "C0BENCH02" }));
    const start = performance.now();
    const arrived = arrivals.wait(ts, req.timeoutMs);
    socket.send(JSON.stringify({ envelope_id: `bench-${n}`, type: "events_api", payload, accepts_response_payload: false }));
    return (await arrived) - start;
  });
}

async function runDiscord(fake: FakeDiscord, req: RunRequest): Promise<PlatformRun> {
  const arrivals = new Arrivals();
  const record = fake.requests.push.bind(fake.requests);
  fake.requests.push = (...requests: RecordedRequest[]) => {
    const at = performance.now();
    for (const r of requests) {
      const m = /^\/interactions\/(\d+)\/[^/]+\/callback$/u.exec(r.route);
      if (r.method === "POST" && m?.[1]) arrivals.arrive(m[1], at);
    }
    return record(...requests.map((r) => ({ ...r, body: null, headers: {} })));
  };
  return runAskers(req.asks, req.warmup, req.concurrency, async (n) => {
    const value = req.questions[n % req.questions.length] ?? "H20";
    const start = performance.now();
    const { id } = fake.sendCommand({ name: "ask", options: [{ name: "question", type: 3, value }] });
    return (await arrivals.wait(id, req.timeoutMs)) - start;
  });
}

function send(msg: unknown): void {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

async function main(): Promise<void> {
  const slack = await FakeSlack.start();
  const discord = await FakeDiscord.start({ heartbeatIntervalMs: 30_000 });
  const ready: PeerReady = {
    type: "ready",
    slack: { apiUrl: slack.apiUrl },
    discord: { apiUrl: discord.apiUrl, token: discord.token, applicationId: discord.applicationId, guildId: discord.guildId },
  };
  send(ready);
  const arrivals = slackArrivals(slack);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const msg = JSON.parse(line) as RunRequest | { type: "close" };
    if (msg.type === "close") break;
    const run =
      msg.platform === "slack"
        ? await runSlack(arrivals, msg, msg.slackEventsUrl ?? "")
        : msg.platform === "slackSocket"
          ? await runSlackSocket(slack, arrivals, msg)
          : await runDiscord(discord, msg);
    send({ type: "result", run });
  }
  await Promise.all([slack.close(), discord.close()]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench e2e peer: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
