// Runs `src/main.ts` from source (through tsx) as a child process, in a scratch directory (so no
// developer's .env is read) with only the environment a test gives it.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const MAIN = join(ROOT, "src", "main.ts");
export const DATA_DIR = join(ROOT, "data");
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface MainProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly dir: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code, or rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Test clean-up: kills the process if it still runs, removes its directory. */
  dispose(): void;
}

export function runMain(env: Record<string, string>): MainProcess {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-main-"));
  const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), DATA_DIR, STATE_DIR: join(dir, "state"), ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
  const exit = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    dir,
    stdout: () => out,
    stderr: () => err,
    async exited(timeoutMs) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`main: still running after ${timeoutMs} ms; stderr:\n${err}`)), timeoutMs);
      });
      try {
        const [code, signal] = await Promise.race([exit, timeout]);
        // Let the last piped output arrive.
        await Promise.all([child.stdout.closed ? null : once(child.stdout, "close"), child.stderr.closed ? null : once(child.stderr, "close")]);
        return { code, signal, ms: performance.now() - started };
      } finally {
        clearTimeout(timer);
      }
    },
    dispose() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise((r) => server.close(r));
  return port;
}

/** Polls until `check` returns a value, failing after `timeoutMs` or as soon as the process has exited. */
export async function waitUntil<T>(main: MainProcess, what: string, check: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (main.child.exitCode !== null) throw new Error(`main: exited (${main.child.exitCode}) while waiting for ${what}; stderr:\n${main.stderr()}`);
    const found = await check().catch(() => null);
    if (found !== null) return found;
    if (performance.now() > deadline) throw new Error(`main: timed out after ${timeoutMs} ms waiting for ${what}; stderr:\n${main.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
