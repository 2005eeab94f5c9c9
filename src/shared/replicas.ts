// Reload for all: a reload or rollback that succeeds on one replica is published over Redis
// pub/sub with the version it led to; every other replica loads from the shared data
// directory (or rolls back) and reports back in a hash of replicas, which /kb status lists.
// Each replica also refreshes its entry every few seconds, so one that stopped, or lost
// Redis, shows as not heard from.
import type { Engine } from "../engine/engine-types.ts";
import type { ReloadReport, ReplicaStatus } from "../knowledge/report.ts";
import type { Logger } from "../log.ts";
import type { RedisConnection } from "./redis.ts";

export type KbAction = "reload" | "rollback";

/** What a replica publishes after a reload or rollback of its own that succeeded. */
export interface KbAnnouncement {
  origin: string;
  action: KbAction;
  version: string;
  actor: string;
}

/** A replica's entry in the hash, as JSON. */
interface ReplicaEntry {
  id: string;
  version: string;
  failed: { version: string; reason: string } | null;
  seenAt: string;
}

export interface Replicas {
  readonly id: string;
  /** Every replica as last read (this one always, and first). */
  list(): ReplicaStatus[];
  /** Tells the others; resolves once published (or logged as not published). */
  announce(action: KbAction, report: ReloadReport, actor: string): Promise<void>;
  /** Resolves when every announcement received so far has been applied here (for tests and shutdown). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface ReplicasOptions {
  id: string;
  /** For commands (the hash, PUBLISH). */
  commands: RedisConnection;
  /** Subscribed to the announcements; a connection of its own, as Redis requires. */
  subscriber: RedisConnection;
  prefix: string;
  /** The engine announcements are applied to (not the one that announces). */
  engine: Engine;
  logger: Logger;
  /** How often the entry is refreshed and the hash read. Default 5 s. */
  heartbeatMs?: number;
  now?: () => Date;
}

/** Heartbeats missed before a replica counts as not heard from. */
const STALE_AFTER_BEATS = 3;
/** A replica not heard from for this long is dropped from the hash. */
const FORGET_AFTER_MS = 10 * 60 * 1000;

export async function startReplicas(options: ReplicasOptions): Promise<Replicas> {
  const { id, engine, prefix } = options;
  const logger = options.logger.child({ component: "replicas", replica: id });
  const now = options.now ?? (() => new Date());
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const hash = `${prefix}replicas`;
  const kbChannel = `${prefix}kb`;
  const changedChannel = `${prefix}replicas-changed`;
  const redis = options.commands.client;
  let failed: ReplicaEntry["failed"] = null;
  let others: ReplicaEntry[] = [];
  let closed = false;

  const own = (): ReplicaEntry => ({ id, version: engine.status().version, failed, seenAt: now().toISOString() });

  const refresh = async (): Promise<void> => {
    const all = await redis.hgetall(hash);
    const t = now().getTime();
    const next: ReplicaEntry[] = [];
    for (const [key, json] of Object.entries(all)) {
      if (key === id) continue;
      try {
        const entry = JSON.parse(json) as ReplicaEntry;
        if (t - Date.parse(entry.seenAt) > FORGET_AFTER_MS) await redis.hdel(hash, key);
        else next.push(entry);
      } catch {
        await redis.hdel(hash, key);
      }
    }
    others = next.sort((a, b) => a.id.localeCompare(b.id));
  };

  const report = async (tellOthers: boolean): Promise<void> => {
    await redis.hset(hash, id, JSON.stringify(own()));
    if (tellOthers) await redis.publish(changedChannel, id);
    await refresh();
  };
  const beat = () => {
    if (closed) return;
    report(false).catch((err: unknown) => logger.debug("redis: heartbeat failed", { error: (err as Error).message }));
  };

  // Announcements apply one at a time, in the order they arrive.
  let applying: Promise<void> = Promise.resolve();
  const apply = async (a: KbAnnouncement): Promise<void> => {
    const before = engine.status().version;
    const by = `${a.actor} (via ${a.origin})`;
    let result: ReloadReport | null = null;
    if (before !== a.version) result = a.action === "reload" ? await engine.reload(by) : await engine.rollback(by);
    const serving = engine.status().version;
    if (serving === a.version) failed = null;
    else {
      const reason = result && !result.ok && result.errors[0] ? result.errors[0].message : `serves ${serving} instead`;
      failed = { version: a.version, reason };
    }
    if (failed) logger.error(`replicas: could not ${a.action} to ${a.version} as ${a.origin} did`, { reason: failed.reason, serving });
    else logger.info(`replicas: ${a.action} as ${a.origin} did`, { version: serving, from: before });
    await report(true).catch((err: unknown) => logger.warn("replicas: could not report back", { error: (err as Error).message }));
  };

  const sub = options.subscriber.client;
  sub.on("message", (channel: string, message: string) => {
    if (channel === changedChannel) {
      if (message !== id) refresh().catch(() => {});
      return;
    }
    if (channel !== kbChannel) return;
    let a: KbAnnouncement;
    try {
      a = JSON.parse(message) as KbAnnouncement;
    } catch {
      return;
    }
    if (a.origin === id) return;
    applying = applying.then(() => apply(a)).catch((err: unknown) => logger.error("replicas: applying an announcement failed", { err }));
  });
  await sub.subscribe(kbChannel, changedChannel);
  await report(true).catch((err: unknown) => logger.warn("replicas: could not register", { error: (err as Error).message }));
  const timer = setInterval(beat, heartbeatMs);
  timer.unref();

  return {
    id,
    list() {
      const t = now().getTime();
      const self: ReplicaStatus = { ...own(), stale: false, self: true };
      return [
        self,
        ...others.map((o) => ({ ...o, stale: t - Date.parse(o.seenAt) > STALE_AFTER_BEATS * heartbeatMs, self: false })),
      ];
    },
    async announce(action, result, actor) {
      if (!result.ok) return;
      failed = null;
      const message: KbAnnouncement = { origin: id, action, version: result.version, actor };
      try {
        await redis.publish(kbChannel, JSON.stringify(message));
        await report(true);
      } catch (err) {
        logger.warn(`replicas: the ${action} was not announced to the other replicas`, { version: result.version, error: (err as Error).message });
      }
    },
    settled: () => applying,
    async close() {
      closed = true;
      clearInterval(timer);
      await redis.hdel(hash, id).catch(() => {});
      await redis.publish(changedChannel, id).catch(() => {});
    },
  };
}

/** The engine an admin talks to: its reloads and rollbacks are announced; its status lists the replicas. */
export function withReplicas(engine: Engine, replicas: Replicas): Engine {
  return {
    ...engine,
    reload: async (actor) => {
      const report = await engine.reload(actor);
      await replicas.announce("reload", report, actor);
      return report;
    },
    rollback: async (actor) => {
      const report = await engine.rollback(actor);
      await replicas.announce("rollback", report, actor);
      return report;
    },
    status: () => ({ ...engine.status(), replicas: replicas.list() }),
  };
}
