// A slash command is a plain { data, execute } object; bot.ts dispatches by name and
// register.ts sends every `data.toJSON()` to Discord.
import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { Engine } from "../../../engine/engine-types.ts";
import type { Logger } from "../../../log.ts";
import type { RateLimiter } from "../../shared/rate-limit.ts";
import type { DiscordConfig } from "../config.ts";

export interface CommandContext {
  engine: Engine;
  /** Bound to the interaction (id, command, user, guild). */
  logger: Logger;
  config: DiscordConfig;
  /** Per-user question limit; absent means no limit. */
  rateLimiter?: RateLimiter;
}

export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Must acknowledge the interaction within 3 s: reply, or defer first when the work may take longer. */
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
}
