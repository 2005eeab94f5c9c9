// The /healthz report: the knowledge base serving and the state of each chat adapter.
// Healthy ("ok", HTTP 200) when every enabled adapter is connected; "degraded" (HTTP 503)
// otherwise, including while adapters connect at start-up and once a shutdown has begun,
// so a load balancer or orchestrator sends no work to a bot that cannot answer it.
import type { KbStatus } from "../knowledge/report.ts";

export type AdapterState = "connecting" | "connected" | "reconnecting" | "disconnected" | "stopped";

export interface AdapterHealth {
  enabled: boolean;
  /** "disabled" for an adapter that is not configured. */
  state: AdapterState | "disabled";
  /** Discord: every gateway shard's state and guild count. */
  shards?: Array<{ id: number; state: AdapterState; guilds: number }>;
}

export type Platform = "slack" | "discord";

export interface HealthReport {
  status: "ok" | "degraded";
  uptimeSeconds: number;
  kb: KbStatus;
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
  /** A sharded adapter's shards (Discord). */
  shards?(): Array<{ id: number; state: string; guilds: number }>;
}

export interface HealthInput {
  kb: KbStatus;
  uptimeSeconds: number;
  /**
   * Per platform: null when not configured, an adapter once started, or "connecting" while
   * it starts.
   */
  adapters: Partial<Record<Platform, AdapterProbe | "connecting" | null>>;
  /** Redis's connection state; absent without REDIS_URL. */
  redis?: string | null;
}

const STATES: readonly string[] = ["connecting", "connected", "reconnecting", "disconnected", "stopped"];

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
              ...(probe.shards ? { shards: probe.shards().map((s) => ({ id: s.id, state: normalizeState(s.state), guilds: s.guilds })) } : {}),
            };
  }
  const kb = input.kb;
  const ok = Object.values(adapters).every((a) => !a.enabled || a.state === "connected");
  return {
    httpStatus: ok ? 200 : 503,
    report: {
      status: ok ? "ok" : "degraded",
      uptimeSeconds: Math.floor(input.uptimeSeconds),
      kb: { version: kb.version, loadedAt: kb.loadedAt, loadedBy: kb.loadedBy, counts: { ...kb.counts } },
      adapters,
      ...(input.redis ? { redis: { state: input.redis } } : {}),
    },
  };
}
