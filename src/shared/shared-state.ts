// What replicas may share, behind one interface: the Slack events already handled, the
// per-user rate limit, conversations, the admin, refusal and feedback logs, and the
// knowledge-base version.
// Without REDIS_URL it all stays in this process (and the state directory), as one process
// needs; with it, in Redis.
import type { Registry } from "prom-client";
import { createDedupeCache } from "../bots/shared/dedupe.ts";
import { createFeedbackRecorder, type FeedbackEntry, type FeedbackRecorder } from "../bots/shared/feedback.ts";
import { cutField } from "../bots/shared/jsonl-log.ts";
import { createRateLimiter, type RateLimiter } from "../bots/shared/rate-limit.ts";
import { openState, type AdminEntry, type RefusalEntry, type StateLogs } from "../bots/shared/recording-engine.ts";
import { createMemoryConversationStore, type ConversationStore } from "../engine/conversation-store.ts";
import type { Engine } from "../engine/engine-types.ts";
import { countDroppedRecords } from "../health/metrics.ts";
import type { Logger } from "../log.ts";
import type { SharedConfig } from "./config.ts";
import { createRedisConversationStore } from "./conversation-store.ts";
import type { SeenIds } from "./dedupe.ts";
import { createRedisSeenIds } from "./dedupe.ts";
import { createFailOpen } from "./fail-open.ts";
import { createRedisRateLimiter } from "./rate-limit.ts";
import { connectRedis, type RedisState } from "./redis.ts";
import { startReplicas, withReplicas, type Replicas } from "./replicas.ts";
import { createStreamLog, type RecordLog } from "./stream-log.ts";

export const KEY_PREFIX = "chokepoint:";

export interface SharedState {
  /** "in-process" or "redis". */
  readonly kind: "in-process" | "redis";
  readonly seenEvents: SeenIds;
  readonly rateLimiter: RateLimiter;
  /** Each conversation's last answered question, for follow-ups on any replica. */
  readonly conversations: ConversationStore;
  readonly logs: StateLogs;
  /**
   * The engine the adapters build on: with replicas, its reloads and rollbacks are announced
   * and the others' applied to it, and its status lists the replicas. In process: `engine`.
   */
  coordinate(engine: Engine): Promise<Engine>;
  /** Redis's state for /healthz; null in process. */
  redisState(): RedisState | null;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  /** Null: in process. */
  config: SharedConfig | null;
  stateDir: string;
  logger: Logger;
  perMinute: number;
  onLimited?: (key: string) => void;
  /** The metrics registry, to count what passed while Redis was down. */
  registry?: Registry;
  /** Replicas' heartbeat; default 5 s. */
  heartbeatMs?: number;
}

export function openInProcessState(options: Omit<SharedStateOptions, "config">): SharedState {
  return {
    kind: "in-process",
    seenEvents: createDedupeCache(),
    rateLimiter: createRateLimiter({ perMinute: options.perMinute, ...(options.onLimited ? { onLimited: options.onLimited } : {}) }),
    conversations: createMemoryConversationStore(),
    logs: openState(options.stateDir, {
      logger: options.logger,
      ...(options.registry ? { onDropped: countDroppedRecords(options.registry) } : {}),
    }),
    coordinate: async (engine) => engine,
    redisState: () => null,
    close: async () => {},
  };
}

/** Votes over a shared log, cut as the file recorder cuts them. */
function feedbackOver(log: RecordLog<FeedbackEntry>, where: string, maxFieldChars = 4_000): FeedbackRecorder {
  return {
    file: where,
    record: (entry) =>
      log.append({ ...entry, question: cutField(entry.question, maxFieldChars), answer: cutField(entry.answer, maxFieldChars) }).catch((err: unknown) => {
        throw new Error(`feedback: ${where}: could not record vote: ${(err as Error).message}`, { cause: err });
      }),
    read: () => log.read(),
    readAll: () => log.readAll(),
  };
}

/** The logs as Redis streams (also what `npm run kb -- gaps` reads with REDIS_URL set). */
export function streamLogs(redis: Parameters<typeof createStreamLog>[0]["redis"], prefix = KEY_PREFIX): StateLogs {
  const key = (name: string) => `${prefix}log:${name}`;
  return {
    dir: `redis streams ${prefix}log:*`,
    refusals: createStreamLog<RefusalEntry>({ redis, key: key("refusals") }),
    admin: createStreamLog<AdminEntry>({ redis, key: key("admin") }),
    feedback: feedbackOver(createStreamLog<FeedbackEntry>({ redis, key: key("feedback") }), `redis stream ${key("feedback")}`),
  };
}

export function openRedisState(options: SharedStateOptions & { config: SharedConfig }): SharedState {
  const { config, logger } = options;
  const commands = connectRedis({ url: config.url, logger, role: "commands" });
  const failOpen = createFailOpen(logger, options.registry);
  let replicas: Replicas | null = null;
  let subscriber: ReturnType<typeof connectRedis> | null = null;
  return {
    kind: "redis",
    seenEvents: createRedisSeenIds({ redis: commands, failOpen, prefix: KEY_PREFIX }),
    rateLimiter: createRedisRateLimiter({ redis: commands, failOpen, prefix: KEY_PREFIX, perMinute: options.perMinute, ...(options.onLimited ? { onLimited: options.onLimited } : {}) }),
    conversations: createRedisConversationStore({ redis: commands, failOpen, prefix: KEY_PREFIX }),
    logs: streamLogs(commands),
    async coordinate(engine) {
      subscriber = connectRedis({ url: config.url, logger, role: "subscriber", queueWhileDown: true });
      // Not awaited past a short wait: Redis down at start-up must not hold the bot back; the
      // subscription is made when the connection comes.
      const started = startReplicas({
        id: config.replicaId,
        commands,
        subscriber,
        prefix: KEY_PREFIX,
        engine,
        logger,
        ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      }).then((r) => (replicas = r));
      await Promise.race([started, new Promise((r) => setTimeout(r, 2_000).unref())]);
      // Until the subscription is up, the admin's engine works alone.
      return {
        ...engine,
        reload: (actor) => (replicas ? withReplicas(engine, replicas).reload(actor) : engine.reload(actor)),
        rollback: (actor) => (replicas ? withReplicas(engine, replicas).rollback(actor) : engine.rollback(actor)),
        status: () => (replicas ? withReplicas(engine, replicas).status() : engine.status()),
      };
    },
    redisState: () => commands.state(),
    async close() {
      await replicas?.close();
      await subscriber?.close();
      await commands.close();
    },
  };
}

export function openSharedState(options: SharedStateOptions): SharedState {
  return options.config ? openRedisState({ ...options, config: options.config }) : openInProcessState(options);
}
