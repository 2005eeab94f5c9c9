// Bolt (and its Web API and Socket Mode clients) log through this adapter into the project's
// structured logger, so their lines are JSON too and secrets are masked the same way.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../log.ts";

function describe(parts: unknown[]): { msg: string; err?: Error } {
  let err: Error | undefined;
  const texts = parts.map((p) => {
    if (p instanceof Error) {
      err ??= p;
      return p.message;
    }
    if (typeof p === "string") return p;
    try {
      return JSON.stringify(p);
    } catch {
      return String(p);
    }
  });
  return { msg: texts.join(" "), ...(err ? { err } : {}) };
}

export function toBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let name = "bolt";
  const emit = (method: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    // Bolt and the Web API client log several debug lines per event, one with the whole request
    // body; below the logger's level they are not even put together.
    if (!logger.enabled(method)) return;
    const { msg, err } = describe(parts);
    logger[method](`${name}: ${msg}`, err ? { err } : undefined);
  };
  return {
    debug: (...m: unknown[]) => emit("debug", m),
    info: (...m: unknown[]) => emit("info", m),
    warn: (...m: unknown[]) => emit("warn", m),
    error: (...m: unknown[]) => emit("error", m),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}
