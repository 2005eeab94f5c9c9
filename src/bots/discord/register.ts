// Registers the slash commands with one bulk-overwrite PUT: idempotent, so running it again
// after a change replaces the whole set. In one guild (instant, for testing or a single
// community), otherwise globally (every guild the bot is in). Commands registered in both
// scopes show twice in a server, so registering in one scope clears the other: a guild
// registration clears the global commands; a global one clears the guild commands of every
// server the bot is in.
import { REST, Routes, type RESTGetAPICurrentUserGuildsResult, type RESTPutAPIApplicationCommandsResult } from "discord.js";
import { commands as defaultCommands, messageCommands as defaultMessageCommands, type Command, type MessageCommand } from "./commands/index.ts";
import type { DiscordConfig } from "./config.ts";

export interface RegisterOptions {
  config: DiscordConfig;
  commands?: readonly Command[];
  /** Message context-menu commands; the bot's own ("Ask Chokepoint") by default. */
  messageCommands?: readonly MessageCommand[];
  /** A REST client to use instead of one built from the config (tests). */
  rest?: REST;
}

/** Commands removed from the scope not written. */
export interface ClearedScope {
  /** The guild whose commands were removed, or null for the global ones. */
  guildId: string | null;
  count: number;
}

export interface RegisterResult {
  scope: "guild" | "global";
  route: string;
  /** Names of the commands Discord now has, as it answered. */
  registered: string[];
  /** Where the other scope had commands, now removed; empty when it had none. */
  cleared: ClearedScope[];
  /** How many places of the other scope were looked at: 1 (global) or the bot's servers. */
  checked: number;
}

/** The bot's servers are listed in pages of this size. */
const GUILDS_PAGE = 200;

export function commandsRoute(config: Pick<DiscordConfig, "applicationId" | "guildId">): `/${string}` {
  return config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
}

/** One REST call; a failure names the method, the route and what it was for. */
async function call<T>(what: string, method: "GET" | "PUT", route: `/${string}`, request: () => Promise<unknown>): Promise<T> {
  try {
    return (await request()) as T;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`discord: [${method}] ${route}: ${what} failed: ${why}`, { cause: error });
  }
}

/** Empties the scope at `route` when it holds commands; returns how many it held. */
async function clearScope(rest: REST, route: `/${string}`): Promise<number> {
  const existing = await call<unknown[]>("listing the commands to clear", "GET", route, () => rest.get(route));
  if (!Array.isArray(existing) || existing.length === 0) return 0;
  await call("clearing the commands", "PUT", route, () => rest.put(route, { body: [] }));
  return existing.length;
}

/** Every server the bot is in, page by page. */
async function botGuildIds(rest: REST): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const query = new URLSearchParams({ limit: String(GUILDS_PAGE), ...(ids.length > 0 ? { after: ids.at(-1)! } : {}) });
    const page = await call<RESTGetAPICurrentUserGuildsResult>("listing the bot's servers", "GET", Routes.userGuilds(), () =>
      rest.get(Routes.userGuilds(), { query }),
    );
    ids.push(...page.map((g) => g.id));
    if (page.length < GUILDS_PAGE) return ids;
  }
}

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const { config } = options;
  const rest =
    options.rest ?? new REST({ version: "10", ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  const body = [
    ...(options.commands ?? defaultCommands).map((c) => c.data.toJSON()),
    ...(options.messageCommands ?? defaultMessageCommands).map((c) => c.data.toJSON()),
  ];
  const route = commandsRoute(config);
  const result = await call<RESTPutAPIApplicationCommandsResult>("command registration", "PUT", route, () => rest.put(route, { body }));

  const cleared: ClearedScope[] = [];
  let checked: number;
  if (config.guildId) {
    const count = await clearScope(rest, Routes.applicationCommands(config.applicationId));
    if (count > 0) cleared.push({ guildId: null, count });
    checked = 1;
  } else {
    const guilds = await botGuildIds(rest);
    for (const guildId of guilds) {
      const count = await clearScope(rest, Routes.applicationGuildCommands(config.applicationId, guildId));
      if (count > 0) cleared.push({ guildId, count });
    }
    checked = guilds.length;
  }
  return {
    scope: config.guildId ? "guild" : "global",
    route,
    registered: Array.isArray(result) ? result.map((c) => c.name) : [],
    cleared,
    checked,
  };
}
