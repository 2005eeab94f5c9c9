// The far side of the end-to-end benchmark, in its own process so that it does not share the
// bot's event loop: the fake Slack and fake Discord of the tests, and the askers. Talks to
// the bench over stdin/stdout, one JSON object a line:
//   → {"type":"ready","slack":{...},"discord":{...}}        (fakes listening)
//   ← {"type":"run", ...RunRequest}                          (bots connected; one platform)
//   → {"type":"result","run":PlatformRun}                    (and again per platform)
//   ← {"type":"close"}
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { FakeDiscord, type RecordedRequest } from "../test/bots/discord/fake-discord.ts";
import { FakeSlack, type ApiCall } from "../test/bots/slack/fake-slack.ts";
import { eventCallback, mentionEvent, postSigned } from "../test/bots/slack/slack-requests.ts";
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
  errors: string[];
  wallMs: number;
  /** CPU time this process (the fakes and the askers) spent over the run, ms. */
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
  const errors: string[] = [];
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const asker = async () => {
    while (next < total + warmup) {
      const n = next++;
      try {
        const ms = await askOne(n);
        if (n >= warmup) latencies.push(ms);
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, asker));
  return { latencies, errors, wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
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

/** Slack over HTTP: each mention is a signed POST to the bot's events URL, acknowledged by its response. */
async function runSlack(arrivals: Arrivals, req: RunRequest, eventsUrl: string): Promise<PlatformRun> {
  return runAskers(req.asks, req.warmup, req.concurrency, async (n) => {
    const ts = `${1_800_000_000 + n}.000100`;
    const text = req.questions[n % req.questions.length] ?? "H20";
    const body = JSON.stringify(eventCallback(mentionEvent(text, { ts, channel: "C0BENCH01" })));
    const start = performance.now();
    const arrived = arrivals.wait(ts, req.timeoutMs);
    const res = await postSigned(eventsUrl, body, "application/json");
    if (!res.ok) {
      arrived.catch(() => {});
      throw new Error(`bench: Slack event got HTTP ${res.status}`);
    }
    return (await arrived) - start;
  });
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

async function main(): Promise<void> {
  const slack = await FakeSlack.start();
  const discord = await FakeDiscord.start({ heartbeatIntervalMs: 30_000 });
  const send = (msg: unknown) => process.stdout.write(`${JSON.stringify(msg)}\n`);
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
