// Start-up configuration, read from the environment once and validated whole: every
// problem is listed before the process stops. Empty strings count as unset.
import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { DISCORD_ENV_VARS, parseDiscordConfig, type DiscordConfig } from "./bots/discord/config.ts";
import { parseSlackConfig, SLACK_ENV_VARS, slackSecrets, type SlackConfig } from "./bots/slack/config.ts";
import { SharedEnvSchema, sharedConfigOf, sharedSecrets, type SharedConfig } from "./shared/config.ts";

const PORT_HINT = "must be a whole number from 1 to 65535";
const HOST_HINT = "must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name such as localhost";
const SHUTDOWN_HINT = "must be a whole number of milliseconds from 0 to 600000";

const CommonSchema = SharedEnvSchema.extend({
  DATA_DIR: z.string().default("data"),
  STATE_DIR: z.string().default("state"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int("must be a whole number").min(0, "must be 0 (off) or more").default(10),
  HEALTH_PORT: z
    .string()
    .regex(/^\d+$/, PORT_HINT)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65_535, PORT_HINT)
    .optional(),
  HEALTH_HOST: z
    .string()
    .refine((s) => isIP(s) !== 0 || /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(s), HOST_HINT)
    .default("127.0.0.1"),
  SHUTDOWN_TIMEOUT_MS: z
    .string()
    .regex(/^\d+$/, SHUTDOWN_HINT)
    .transform(Number)
    .refine((n) => n <= 600_000, SHUTDOWN_HINT)
    .default(10_000),
});

/** Every variable the bot reads, from the schemas themselves (.env.example lists the same; a test checks). */
export const SETTING_NAMES: readonly string[] = [...Object.keys(CommonSchema.shape), ...SLACK_ENV_VARS, ...DISCORD_ENV_VARS];

export interface HealthConfig {
  /** Address the health server binds; 127.0.0.1 unless HEALTH_HOST says otherwise. */
  host: string;
  port: number;
}

export interface AppConfig {
  dataDir: string;
  stateDir: string;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Questions a user may ask a minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** The /healthz and /metrics server; null (HEALTH_PORT unset) runs none. */
  health: HealthConfig | null;
  /** How long a shutdown waits for adapters to stop and answers in flight to finish. */
  shutdownTimeoutMs: number;
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
  /** State shared by replicas over Redis (REDIS_URL); null keeps it in this process. */
  shared: SharedConfig | null;
  /** Values that must never appear in logs. */
  secrets: string[];
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

export function parseConfig(rawEnv: Readonly<Record<string, string | undefined>>): ConfigResult {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(rawEnv)) env[k] = v === undefined || v.trim() === "" ? undefined : v.trim();

  const problems: string[] = [];
  const common = CommonSchema.safeParse(env);
  if (!common.success) {
    for (const issue of common.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  const slack = parseSlackConfig(env);
  if (slack.enabled && "problems" in slack) problems.push(...slack.problems);
  const discord = parseDiscordConfig(env);
  if (discord.enabled && "problems" in discord) problems.push(...discord.problems);
  if (problems.length > 0 || !common.success) return { ok: false, problems };

  const slackConfig = slack.enabled && "config" in slack ? slack.config : null;
  const discordConfig = discord.enabled && "config" in discord ? discord.config : null;
  // The values as the adapters use them, and every token variable set, whether or not used.
  const secrets = [
    ...(slackConfig ? slackSecrets(slackConfig) : []),
    ...(discordConfig ? [discordConfig.token] : []),
    ...["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN"].map((name) => env[name] ?? ""),
  ].filter((s) => s !== "");
  const c = common.data;
  const shared = sharedConfigOf(c);
  secrets.push(...sharedSecrets(shared));
  return {
    ok: true,
    config: {
      dataDir: resolve(c.DATA_DIR),
      stateDir: resolve(c.STATE_DIR),
      logLevel: c.LOG_LEVEL,
      rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
      health: c.HEALTH_PORT === undefined ? null : { host: c.HEALTH_HOST, port: c.HEALTH_PORT },
      shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
      slack: slackConfig,
      discord: discordConfig,
      shared,
      secrets: [...new Set(secrets)],
    },
  };
}
