// The connection to Redis, when REDIS_URL is set. Commands never wait for a connection that
// is down: the offline queue is off and a command gets one short try, so that dedupe and the
// rate limit fail open at once (see fail-open.ts) instead of holding an answer. The client
// reconnects by itself, every few hundred milliseconds up to 2 s apart, for as long as it runs.
import { Redis } from "ioredis";
import type { Logger } from "../log.ts";

export type RedisState = "connecting" | "ready" | "reconnecting" | "closed";

export interface RedisConnection {
  /** For commands; fails at once while the connection is down. */
  readonly client: Redis;
  state(): RedisState;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  url: string;
  logger: Logger;
  /** For logs: "commands", "subscriber". */
  role: string;
  /** A subscriber keeps its commands until connected, so that its SUBSCRIBE is not lost. */
  queueWhileDown?: boolean;
}

/** How long a command may take before it counts as failed. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/** The delay before the n-th reconnection attempt: 100 ms, 200 ms, … at most 2 s. */
export function reconnectDelay(times: number): number {
  return Math.min(times * 100, 2_000);
}

/** The URL without its password, for logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable)";
  }
}

export function connectRedis(options: RedisConnectionOptions): RedisConnection {
  const { logger, role } = options;
  const queue = options.queueWhileDown ?? false;
  const client = new Redis(options.url, {
    enableOfflineQueue: queue,
    maxRetriesPerRequest: queue ? null : 1,
    ...(queue ? {} : { commandTimeout: REDIS_COMMAND_TIMEOUT_MS }),
    connectTimeout: 2_000,
    retryStrategy: reconnectDelay,
    lazyConnect: false,
  });
  let state: RedisState = "connecting";
  let lastError = "";
  client.on("ready", () => {
    if (state !== "connecting") logger.info("redis: connected again", { role });
    else logger.info("redis: connected", { role, url: redactedUrl(options.url) });
    state = "ready";
  });
  client.on("error", (err: Error) => {
    // ioredis repeats the same error on every attempt: log each new one once.
    if (err.message === lastError) return;
    lastError = err.message;
    logger.warn("redis: connection error", { role, error: err.message });
  });
  client.on("reconnecting", () => {
    if (state === "ready") logger.warn("redis: connection lost, reconnecting", { role });
    if (state !== "connecting") state = "reconnecting";
  });
  client.on("end", () => (state = "closed"));
  client.on("connect", () => (lastError = ""));
  return {
    client,
    state: () => state,
    async close() {
      state = "closed";
      await client.quit().catch(() => client.disconnect());
    },
  };
}
