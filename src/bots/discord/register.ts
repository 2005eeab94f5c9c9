// Registers the slash commands with one bulk-overwrite PUT: idempotent, so running it again
// after a change replaces the whole set. In the guild named by DISCORD_GUILD_ID (instant,
// for testing or a single community), otherwise globally (every guild the bot is in).
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from "discord.js";
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

export interface RegisterResult {
  scope: "guild" | "global";
  route: string;
  /** Names of the commands Discord now has, as it answered. */
  registered: string[];
}

export function commandsRoute(config: Pick<DiscordConfig, "applicationId" | "guildId">): `/${string}` {
  return config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
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
  let result: RESTPutAPIApplicationCommandsResult;
  try {
    result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`discord: [PUT] ${route}: command registration failed: ${why}`, { cause: error });
  }
  return {
    scope: config.guildId ? "guild" : "global",
    route,
    registered: Array.isArray(result) ? result.map((c) => c.name) : [],
  };
}
