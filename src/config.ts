// Start-up configuration, read from the environment once and validated whole: every
// problem is listed before the process stops. Empty strings count as unset.
import { resolve } from "node:path";
import { z } from "zod";
import { parseDiscordConfig, type DiscordConfig } from "./bots/discord/config.ts";
import { parseSlackConfig, type SlackConfig } from "./bots/slack/config.ts";

const CommonSchema = z.object({
  DATA_DIR: z.string().default("data"),
  STATE_DIR: z.string().default("state"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int("must be a whole number").min(0, "must be 0 (off) or more").default(10),
});

export interface AppConfig {
  dataDir: string;
  stateDir: string;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Questions a user may ask a minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
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

  const secrets = [
    env.SLACK_BOT_TOKEN,
    env.SLACK_APP_TOKEN,
    env.SLACK_SIGNING_SECRET,
    env.DISCORD_TOKEN,
  ].filter((s): s is string => typeof s === "string");
  return {
    ok: true,
    config: {
      dataDir: resolve(common.data.DATA_DIR),
      stateDir: resolve(common.data.STATE_DIR),
      logLevel: common.data.LOG_LEVEL,
      rateLimitPerMinute: common.data.RATE_LIMIT_PER_MINUTE,
      slack: slack.enabled && "config" in slack ? slack.config : null,
      discord: discord.enabled && "config" in discord ? discord.config : null,
      secrets,
    },
  };
}
