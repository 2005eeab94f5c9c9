// A real Redis for the tests: Debian's redis-server on 127.0.0.1, on a free port, with
// persistence off, stopped (and restartable on the same port, to test reconnection) by the
// test. Where redis-server is not installed the tests that need it are skipped, and say so.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createConnection } from "node:net";
import { freePort } from "../main/run-main.ts";

export const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** True when redis-server can be run here. */
export const redisAvailable: boolean = spawnSync(REDIS_SERVER, ["--version"], { stdio: "ignore" }).status === 0;

/** For `describe.skipIf(!redisAvailable)`: prints why the suite is skipped, once per file. */
export function warnWhenRedisMissing(suite: string): void {
  if (!redisAvailable) {
    console.warn(`${suite}: skipped: ${REDIS_SERVER} is not installed (apt-get install -y redis-server; .ci/run installs it)`);
  }
}


/** Resolves once something accepts connections on the port, or rejects after `timeoutMs`. */
async function waitForPort(port: number, timeoutMs: number, exited: () => string | null): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    const why = exited();
    if (why !== null) throw new Error(`redis test server: ${why}`);
    if (performance.now() > deadline) throw new Error(`redis test server: nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RedisTestServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL: as a crash would) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisTestServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = "";

  const launch = async () => {
    log = "";
    const proc = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--loglevel", "warning"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout!.setEncoding("utf8").on("data", (s: string) => (log += s));
    proc.stderr!.setEncoding("utf8").on("data", (s: string) => (log += s));
    child = proc;
    await waitForPort(port, 5_000, () => (proc.exitCode !== null ? `exited with ${proc.exitCode}: ${log}` : null));
  };
  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = once(proc, "exit");
    proc.kill("SIGKILL");
    await gone;
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: kill,
  };
}
