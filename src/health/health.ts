// The /healthz report: the knowledge base serving, whether the engine can answer, and the
// state of each chat adapter. Healthy ("ok", HTTP 200) when the engine can answer and every
// enabled adapter is connected; "degraded" (HTTP 503) otherwise, including while adapters
// connect at start-up, while one that failed to start is retried, while the knowledge thread
// restarts, and once a shutdown has begun, so a load balancer or orchestrator sends no work
// to a bot that cannot answer it.
import type { KbStatus } from "../knowledge/report.ts";

export type AdapterState = "connecting" | "connected" | "reconnecting" | "disconnected" | "stopped" | "failed";

export interface AdapterHealth {
  enabled: boolean;
  /** "disabled" for an adapter that is not configured. */
  state: AdapterState | "disabled";
  /** Why a "failed" adapter did not start, and when it is tried again. */
  reason?: string;
  /** Discord: every gateway shard's state and guild count. */
  shards?: Array<{ id: number; state: AdapterState; guilds: number }>;
}

export type Platform = "slack" | "discord";

export interface HealthReport {
  status: "ok" | "degraded";
  uptimeSeconds: number;
  kb: KbStatus;
  /** Whether questions can be answered now (the knowledge thread serving), and why not. */
  engine?: { ok: boolean; reason?: string };
  adapters: Partial<Record<Platform, AdapterHealth>>;
  /**
   * With REDIS_URL: the connection's state. Shown, not counted against "ok": without Redis
   * the bot still answers (dedupe and the rate limit let questions through), and a 503 from
   * every replica at once would take them all out of a load balancer.
   */
  redis?: { state: string };
}

/** Something whose connection state can be asked: a SlackBot, a DiscordBot, a test stub. */
export interface AdapterProbe {
  state(): string;
  /** Why it is not connected, when known (an adapter that failed to start). */
  reason?(): string | null;
  /** A sharded adapter's shards (Discord). */
  shards?(): Array<{ id: number; state: string; guilds: number }>;
}

export interface HealthInput {
  kb: KbStatus;
  /** The engine's own health; absent counts as able to answer. */
  engine?: { ok: true } | { ok: false; reason: string };
  uptimeSeconds: number;
  /**
   * Per platform: null when not configured, an adapter once started, or "connecting" while
   * it starts.
   */
  adapters: Partial<Record<Platform, AdapterProbe | "connecting" | null>>;
  /** Redis's connection state; absent without REDIS_URL. */
  redis?: string | null;
}

const STATES: readonly string[] = ["connecting", "connected", "reconnecting", "disconnected", "stopped", "failed"];

/** One vocabulary for every adapter: discord.js's "ready" is "connected"; anything unknown is "disconnected". */
export function normalizeState(state: string): AdapterState {
  if (state === "ready") return "connected";
  return STATES.includes(state) ? (state as AdapterState) : "disconnected";
}

export function checkHealth(input: HealthInput): { httpStatus: 200 | 503; report: HealthReport } {
  const adapters: Partial<Record<Platform, AdapterHealth>> = {};
  for (const platform of ["slack", "discord"] as const) {
    if (!(platform in input.adapters)) continue;
    const probe = input.adapters[platform];
    adapters[platform] =
      probe === null || probe === undefined
        ? { enabled: false, state: "disabled" }
        : probe === "connecting"
          ? { enabled: true, state: "connecting" }
          : {
              enabled: true,
              state: normalizeState(probe.state()),
              ...(probe.reason?.() ? { reason: probe.reason()! } : {}),
              ...(probe.shards ? { shards: probe.shards().map((s) => ({ id: s.id, state: normalizeState(s.state), guilds: s.guilds })) } : {}),
            };
  }
  const kb = input.kb;
  const engine = input.engine ? (input.engine.ok ? { ok: true } : { ok: false, reason: input.engine.reason }) : null;
  const ok = (engine?.ok ?? true) && Object.values(adapters).every((a) => !a.enabled || a.state === "connected");
  return {
    httpStatus: ok ? 200 : 503,
    report: {
      status: ok ? "ok" : "degraded",
      uptimeSeconds: Math.floor(input.uptimeSeconds),
      kb: { version: kb.version, loadedAt: kb.loadedAt, loadedBy: kb.loadedBy, counts: { ...kb.counts } },
      ...(engine ? { engine } : {}),
      adapters,
      ...(input.redis ? { redis: { state: input.redis } } : {}),
    },
  };
}
