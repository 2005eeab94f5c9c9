// Discord configuration, parsed once from the environment at start-up.
// An empty string counts as unset. No DISCORD_* variable at all means Discord is simply not
// enabled; any variable set means the whole configuration must be valid, and every problem
// is reported by variable name (values are echoed, except the token's).
import { z } from "zod";

export interface DiscordConfig {
  /** Bot token from the Developer Portal (Bot → Reset Token), without the "Bot " prefix. */
  readonly token: string;
  /** Application id (General Information → Application ID). */
  readonly applicationId: string;
  /** Guild to register commands in (instant); null registers them globally. */
  readonly guildId: string | null;
  /** Roles whose members may use /kb (with Manage Server in an admin server; see permissions.ts). */
  readonly adminRoleIds: readonly string[];
  /**
   * Servers where /kb may be used at all (see permissions.ts for the whole rule). Absent or
   * empty: only members holding an admin role may, in that role's own server.
   */
  readonly adminGuildIds?: readonly string[];
  /** REST base such as "http://127.0.0.1:8080/api"; null uses Discord's own. */
  readonly apiUrl: string | null;
  /**
   * Gateway shards this process runs (discord.js's own sharding, all in this process):
   * "auto" asks Discord how many it recommends; a count runs shards 0…count-1; absent runs one.
   */
  readonly shards?: "auto" | number;
  /**
   * Ask for the privileged Message Content intent, so that plain messages in a thread the bot
   * started are read as follow-ups (mentions, replies and DMs need no intent). Default false.
   */
  readonly messageContent?: boolean;
}

export type DiscordConfigResult =
  | { enabled: false }
  | { enabled: true; config: DiscordConfig }
  | { enabled: true; problems: string[] };

/** The variables this module reads; setting any of them enables Discord. */
export const DISCORD_ENV_VARS = [
  "DISCORD_TOKEN",
  "DISCORD_APPLICATION_ID",
  "DISCORD_GUILD_ID",
  "DISCORD_ADMIN_ROLE_IDS",
  "DISCORD_ADMIN_GUILD_IDS",
  "DISCORD_API_URL",
  "DISCORD_SHARDS",
  "DISCORD_MESSAGE_CONTENT",
] as const;

const SNOWFLAKE = /^\d{1,20}$/;
const SNOWFLAKE_HINT = "must be a snowflake (a numeric id such as 1234567890123456789)";

const unsetIfEmpty = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `is required (${what})` : "must be a string"),
});

const snowflake = (what: string) =>
  z
    .string(required(what))
    .trim()
    .refine((v) => SNOWFLAKE.test(v), { error: (issue) => `${SNOWFLAKE_HINT}, got ${JSON.stringify(issue.input)}` });

/** A comma-separated list of snowflakes; each bad entry is named. */
const snowflakeList = (what: "role" | "server") =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .superRefine((ids, ctx) => {
      for (const id of ids) {
        if (!SNOWFLAKE.test(id)) {
          ctx.addIssue({ code: "custom", message: `${JSON.stringify(id)} is not a snowflake (comma-separated numeric ${what} ids)` });
        }
      }
    });

const EnvSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    unsetIfEmpty,
    z
      .string(required("the bot token from the Developer Portal"))
      .trim()
      .superRefine((v, ctx) => {
        if (/^bot\s/i.test(v)) ctx.addIssue({ code: "custom", message: 'must be the bare token, without the "Bot " prefix' });
        else if (/\s/.test(v)) ctx.addIssue({ code: "custom", message: "must not contain whitespace" });
      }),
  ),
  DISCORD_APPLICATION_ID: z.preprocess(unsetIfEmpty, snowflake("the application id from the Developer Portal")),
  DISCORD_GUILD_ID: z.preprocess(unsetIfEmpty, snowflake("").optional()),
  DISCORD_ADMIN_ROLE_IDS: z.preprocess(unsetIfEmpty, snowflakeList("role")),
  DISCORD_ADMIN_GUILD_IDS: z.preprocess(unsetIfEmpty, snowflakeList("server")),
  DISCORD_API_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), {
        error: (issue) => `must be an http(s) URL such as https://discord.com/api, got ${JSON.stringify(issue.input)}`,
      })
      .optional(),
  ),
  DISCORD_SHARDS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .refine((v) => v === "auto" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1_000), {
        error: (issue) => `must be "auto" or a number of shards from 1 to 1000, got ${JSON.stringify(issue.input)}`,
      })
      .optional(),
  ),
  DISCORD_MESSAGE_CONTENT: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .refine((v) => v === "true" || v === "false", { error: (issue) => `must be "true" or "false", got ${JSON.stringify(issue.input)}` })
      .optional(),
  ),
});

/** Parses the Discord settings out of an environment (process.env or a test object). */
export function parseDiscordConfig(env: Readonly<Record<string, string | undefined>>): DiscordConfigResult {
  const present = DISCORD_ENV_VARS.some((name) => unsetIfEmpty(env[name]) !== undefined);
  if (!present) return { enabled: false };

  const input: Record<string, string | undefined> = {};
  for (const name of DISCORD_ENV_VARS) input[name] = env[name];

  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "DISCORD")}: ${issue.message}`);
    return { enabled: true, problems };
  }

  const v = parsed.data;
  const config: DiscordConfig = Object.freeze({
    token: v.DISCORD_TOKEN,
    applicationId: v.DISCORD_APPLICATION_ID,
    guildId: v.DISCORD_GUILD_ID ?? null,
    adminRoleIds: Object.freeze([...new Set(v.DISCORD_ADMIN_ROLE_IDS)]),
    adminGuildIds: Object.freeze([...new Set(v.DISCORD_ADMIN_GUILD_IDS)]),
    apiUrl: v.DISCORD_API_URL ? v.DISCORD_API_URL.replace(/\/+$/, "") : null,
    ...(v.DISCORD_SHARDS === undefined ? {} : { shards: v.DISCORD_SHARDS === "auto" ? ("auto" as const) : Number(v.DISCORD_SHARDS) }),
    ...(v.DISCORD_MESSAGE_CONTENT === "true" ? { messageContent: true } : {}),
  });
  return { enabled: true, config };
}
