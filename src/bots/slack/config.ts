// The Slack adapter's settings, parsed once from the environment at start-up. An empty
// string counts as unset; every problem is reported at once, each named by its variable.
import { z } from "zod";

export type SlackMode = "socket" | "http";

export interface SlackConfig {
  /** Bot token (xoxb-…), used for every Web API call. */
  readonly botToken: string;
  /** Verifies HTTP requests from Slack; required in HTTP mode, unused in Socket Mode. */
  readonly signingSecret: string | null;
  /** App-level token (xapp-…); when set the bot connects out over Socket Mode. */
  readonly appToken: string | null;
  readonly mode: SlackMode;
  /** HTTP mode: port of the `/slack/events` endpoint. Default 3000. */
  readonly port: number;
  /** Web API base URL ending in "/", e.g. a GovSlack or test server; null for Slack's own. */
  readonly apiUrl: string | null;
  /** Slack user ids allowed to run `/kb`. */
  readonly adminUserIds: readonly string[];
}

export type SlackConfigResult =
  | { enabled: false }
  | { enabled: true; config: SlackConfig }
  | { enabled: true; problems: string[] };

export const SLACK_ENV_VARS = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_PORT",
  "SLACK_API_URL",
  "SLACK_ADMIN_USER_IDS",
] as const;

const unsetIfEmpty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

const userId = /^[UW][A-Z0-9]{2,}$/;

const SlackEnvSchema = z
  .object({
    SLACK_BOT_TOKEN: optional(
      z
        .string()
        .trim()
        .refine((s) => s.startsWith("xoxb-"), "must be a bot token starting with xoxb-"),
    ),
    SLACK_SIGNING_SECRET: optional(z.string().trim()),
    SLACK_APP_TOKEN: optional(
      z
        .string()
        .trim()
        .refine((s) => s.startsWith("xapp-"), "must be an app-level token starting with xapp- (or unset for HTTP mode)"),
    ),
    SLACK_PORT: optional(
      z
        .string()
        .trim()
        .regex(/^\d+$/, "must be a whole number from 1 to 65535")
        .transform(Number)
        .refine((n) => n >= 1 && n <= 65_535, "must be a whole number from 1 to 65535"),
    ),
    SLACK_API_URL: optional(
      z
        .string()
        .trim()
        .refine((s) => /^https?:\/\/[^/\s]+/.test(s) && URL.canParse(s), "must be an http(s) URL such as https://slack.com/api/"),
    ),
    SLACK_ADMIN_USER_IDS: optional(z.string()),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN === undefined) {
      ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "required (the bot token, xoxb-…)" });
    }
    if (env.SLACK_APP_TOKEN === undefined && env.SLACK_SIGNING_SECRET === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
    for (const id of splitList(env.SLACK_ADMIN_USER_IDS)) {
      if (!userId.test(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["SLACK_ADMIN_USER_IDS"],
          message: `"${id}" is not a Slack user id (like U0123ABCD)`,
        });
      }
    }
  });

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Reads the SLACK_* variables. Not enabled when none is set; otherwise either a config or
 * every problem, each as "VARIABLE: reason" (token values are never echoed).
 */
export function parseSlackConfig(env: Record<string, string | undefined>): SlackConfigResult {
  const present = SLACK_ENV_VARS.filter((name) => unsetIfEmpty(env[name]) !== undefined);
  if (present.length === 0) return { enabled: false };

  const picked = Object.fromEntries(SLACK_ENV_VARS.map((name) => [name, env[name]]));
  const parsed = SlackEnvSchema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "SLACK");
      return `${name}: ${issue.message}`;
    });
    const rank = (p: string) => SLACK_ENV_VARS.findIndex((name) => p.startsWith(`${name}:`));
    return { enabled: true, problems: [...new Set(problems)].sort((a, b) => rank(a) - rank(b)) };
  }

  const e = parsed.data;
  const appToken = e.SLACK_APP_TOKEN ?? null;
  const config: SlackConfig = Object.freeze({
    // The schema reports a missing bot token, so it is set here.
    botToken: e.SLACK_BOT_TOKEN ?? "",
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    appToken,
    mode: appToken === null ? "http" : "socket",
    port: e.SLACK_PORT ?? 3000,
    apiUrl: e.SLACK_API_URL === undefined ? null : withTrailingSlash(e.SLACK_API_URL),
    adminUserIds: Object.freeze(splitList(e.SLACK_ADMIN_USER_IDS)),
  });
  return { enabled: true, config };
}

/** The secrets in a config, for the logger's mask list. */
export function slackSecrets(config: SlackConfig): string[] {
  return [config.botToken, config.signingSecret, config.appToken].filter((s): s is string => s !== null && s !== "");
}
