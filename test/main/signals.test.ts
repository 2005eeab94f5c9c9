// The deployed start, signalled every way an operator's tools do, with answers in flight:
// SIGTERM to `node dist/main.js` itself, SIGTERM to `npm start` alone (a container runtime
// signals only its first process), and SIGINT or SIGTERM to the whole process group (Ctrl-C,
// systemd), which reaches the bot twice, once directly and once relayed by npm. Each time every
// answer in flight is delivered, the command exits 0 and none of its processes is left.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../bots/slack/fake-slack.ts";
import { eventCallback, mentionEvent, postSigned, SIGNING_SECRET } from "../bots/slack/slack-requests.ts";
import { DATA_DIR, freePort, ROOT } from "./run-main.ts";

const SHUTDOWN_TIMEOUT_MS = 8_000;
/** How long the fake Slack holds each chat.postMessage: the answers are in flight when the signal comes. */
const POST_DELAY_MS = 1_500;
const QUESTIONS = ["What is the H20?", "Why did the US approve H20 exports to China?", "What is the B40 chip?"];

interface Started {
  child: ChildProcessWithoutNullStreams;
  dir: string;
  stderr: () => string;
}

let started: Started | null = null;
let fake: FakeSlack | null = null;
afterEach(async () => {
  if (started) {
    // Whatever the test left running: the whole group it started.
    try {
      process.kill(-started.child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(started.dir, { recursive: true, force: true });
  }
  started = null;
  await fake?.close();
  fake = null;
});

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(ROOT, "scripts", "ensure-built.mjs")], { encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);

/** The package's own start script, as `npm start` runs it. */
function startScript(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return pkg.scripts.start!;
}

/**
 * Starts the bot in a process group of its own, in a scratch directory (no developer's .env is
 * read). `npm` runs the real start script there, with the built code linked in.
 */
function start(how: "node" | "npm", env: Record<string, string>): Started {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-signals-"));
  const fullEnv = { PATH: process.env.PATH ?? "", HOME: dir, DATA_DIR, STATE_DIR: join(dir, "state"), ...env };
  let child: ChildProcessWithoutNullStreams;
  if (how === "node") {
    child = spawn(process.execPath, [join(ROOT, "dist", "main.js")], { cwd: dir, env: fullEnv, detached: true, stdio: "pipe" });
  } else {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "chokepoint-start", private: true, scripts: { start: startScript() } }));
    for (const linked of ["scripts", "dist"]) symlinkSync(join(ROOT, linked), join(dir, linked));
    child = spawn("npm", ["start", "--silent"], { cwd: dir, env: fullEnv, detached: true, stdio: "pipe" });
  }
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
  child.stdout.resume();
  return { child, dir, stderr: () => err };
}

/** The live processes of a process group, read from /proc. */
function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command's closing parenthesis: state, ppid, pgrp, ...
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const [, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid) pids.push(Number(name));
    } catch {
      // exited while listing
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, check: () => Promise<T | null> | T | null, bot: Started, timeoutMs = 60_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (bot.child.exitCode !== null) throw new Error(`exited (${bot.child.exitCode}) while waiting for ${what}; stderr:\n${bot.stderr()}`);
    const found = await Promise.resolve(check()).catch(() => null);
    if (found !== null) return found;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${bot.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A group's signal reaches node twice only when npm's copy comes after the kernel's has been
// taken (the two may merge into one): "twice" sends the second copy for certain.
const cases = [
  { how: "node", target: "process", signal: "SIGTERM", times: 1 },
  { how: "node", target: "process", signal: "SIGTERM", times: 2 },
  { how: "npm", target: "process", signal: "SIGTERM", times: 1 },
  { how: "npm", target: "group", signal: "SIGINT", times: 1 },
  { how: "npm", target: "group", signal: "SIGTERM", times: 1 },
] as const;

describe("signals to the deployed start, with answers in flight", () => {
  it.each(cases)("$how: $signal to the $target ($times×) delivers every answer, exits 0 and leaves no process", async ({ how, target, signal, times }) => {
    fake = await FakeSlack.start();
    fake.delay("chat.postMessage", POST_DELAY_MS);
    const [slackPort, healthPort] = [await freePort(), await freePort()];
    const bot = start(how, {
      SLACK_BOT_TOKEN: "xoxb-1111111111-2222222222-chokepointTestBotToken",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: String(slackPort),
      SLACK_API_URL: fake.apiUrl,
      HEALTH_PORT: String(healthPort),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    started = bot;
    const pgid = bot.child.pid!;
    const exit = once(bot.child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    await until("/healthz to answer 200", async () => {
      const res = await fetch(`http://127.0.0.1:${healthPort}/healthz`, { signal: AbortSignal.timeout(1_000) });
      return res.status === 200 ? true : null;
    }, bot);
    const members = groupMembers(pgid);
    expect(members).toContain(pgid);
    // npm start: npm and the node it became through exec, nothing in between.
    expect(members).toHaveLength(how === "npm" ? 2 : 1);

    for (const [i, q] of QUESTIONS.entries()) {
      const body = JSON.stringify(eventCallback(mentionEvent(q, { ts: `1700000300.00010${i}`, user: `UASKER0${i}` })));
      const ack = await postSigned(`http://127.0.0.1:${slackPort}/slack/events`, body, "application/json");
      expect(ack.status).toBe(200);
    }
    const f = fake;
    await until("every answer posted and held", () => (f.callsOf("chat.postMessage").length === QUESTIONS.length ? true : null), bot);
    expect(f.callsOf("chat.postMessage").filter((c) => c.answeredAt !== undefined)).toEqual([]);

    process.kill(target === "group" ? -pgid : pgid, signal);
    if (times === 2) {
      await new Promise((r) => setTimeout(r, 20));
      process.kill(pgid, signal);
    }
    const [code, killedBy] = await exit;

    expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
    const posted = f.callsOf("chat.postMessage");
    expect(posted.map((c) => c.answeredAt !== undefined)).toEqual([true, true, true]);
    expect(posted.map((c) => c.args.thread_ts).sort()).toEqual(["1700000300.000100", "1700000300.000101", "1700000300.000102"]);
    const logs = bot
      .stderr()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.find((l) => l.msg === "stopped")).toMatchObject({ signal, drained: true });
    expect(logs.filter((l) => l.level === "warn" || l.level === "error")).toEqual([]);
    // Every process of the group is gone: no orphan still serving.
    await new Promise((r) => setTimeout(r, 200));
    expect(members.filter(alive)).toEqual([]);
  }, 120_000);
});
