// A slash command is a plain { data, execute } object; bot.ts dispatches by name and
// register.ts sends every `data.toJSON()` to Discord.
import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { ConversationStore } from "../../../engine/conversation-store.ts";
import type { Engine } from "../../../engine/engine-types.ts";
import type { Logger } from "../../../log.ts";
import type { RateLimiter } from "../../shared/rate-limit.ts";
import type { ReloadGate } from "../../shared/reload-gate.ts";
import type { DiscordConfig } from "../config.ts";

export interface CommandContext {
  engine: Engine;
  /** Bound to the interaction (id, command, user, guild). */
  logger: Logger;
  config: DiscordConfig;
  /** Per-user question limit; absent means no limit. */
  rateLimiter?: RateLimiter;
  /** Conversations the bot answered in: an `/ask` answer starts one, for replies to it. */
  conversations?: ConversationStore;
  /** One reload or rollback at a time, shared with the other adapters of the process. */
  reloadGate: ReloadGate;
}

export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Must acknowledge the interaction within 3 s: reply, or defer first when the work may take longer. */
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  /** Suggests values for an option declared with autocomplete, within 3 s. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
}
