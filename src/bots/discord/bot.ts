// The Discord adapter: a discord.js Client with only the intents it needs, slash commands,
// mentions and DMs, all thin over the Engine. `startDiscord` resolves once the gateway
// session is READY; gateway drops are resumed by discord.js and logged here.
import { ActivityType, Client, Events, GatewayIntentBits, Partials, RESTEvents, type ClientOptions } from "discord.js";
import { createMemoryConversationStore, type ConversationStore } from "../../engine/conversation-store.ts";
import type { Engine } from "../../engine/engine-types.ts";
import type { Logger } from "../../log.ts";
import { commands as defaultCommands, type Command } from "./commands/index.ts";
import type { DiscordConfig } from "./config.ts";
import { createInteractionHandler } from "./interactions.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";
import { createReloadGate, type ReloadGate } from "../shared/reload-gate.ts";
import { createMessageHandler } from "./messages.ts";
import { noMentions } from "./respond.ts";
import { retryResets } from "./rest-resets.ts";

export type ConnectionState = "connecting" | "ready" | "reconnecting" | "disconnected" | "stopped";

/** One gateway shard, for /healthz. */
export interface ShardHealth {
  id: number;
  state: ConnectionState;
  /** Guilds this shard serves. */
  guilds: number;
}

export interface DiscordBot {
  readonly client: Client;
  /** Every shard's state (one entry without sharding). */
  shards(): ShardHealth[];
  /** True while the gateway session is up (for health checks). */
  isReady(): boolean;
  state(): ConnectionState;
  /** Closes the gateway connection; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartDiscordOptions {
  config: DiscordConfig;
  engine: Engine;
  logger: Logger;
  /** The commands to answer; the bot's own set by default. */
  commands?: readonly Command[];
  /** How long stop() waits for the gateway connection to close. Default 5000 ms. */
  stopTimeoutMs?: number;
  /** Per-user question limit, shared with other adapters. Default none. */
  rateLimiter?: RateLimiter;
  /** Reply chains, threads and DMs the bot answered in. Default in memory (10,000 conversations). */
  conversations?: ConversationStore;
  /** One reload or rollback at a time; pass the same gate to every adapter. Default one of its own. */
  reloadGate?: ReloadGate;
}

/**
 * Guilds (slash commands, channel cache), GuildMessages and DirectMessages (mentions and
 * DMs). No privileged intent: mentions and DMs carry their content without Message Content.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** REST: retries of a 5xx or network error (made at once), and the per-request time limit. */
export const REST_RETRIES = 3;
export const REST_TIMEOUT_MS = 15_000;

export function discordClientOptions(config: DiscordConfig, logger: Logger): ClientOptions {
  return {
    intents: config.messageContent ? [...INTENTS, GatewayIntentBits.MessageContent] : INTENTS,
    // DM channels are not cached until a message arrives in them.
    partials: [Partials.Channel],
    allowedMentions: noMentions(),
    // Still answer (as a plain message) when the question was deleted meanwhile.
    failIfNotExists: false,
    presence: { activities: [{ name: "custom", state: "/ask · /help", type: ActivityType.Custom }] },
    // discord.js's defaults, made explicit: a 429 waits for its reset (Retry-After or the
    // X-RateLimit-* headers) and is retried without limit; a 5xx or network error is retried
    // REST_RETRIES times (a reset connection too: see rest-resets.ts); a request is aborted
    // after REST_TIMEOUT_MS.
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), retries: REST_RETRIES, timeout: REST_TIMEOUT_MS, makeRequest: retryResets(logger) },
    ...shardOptions(config.shards),
  };
}

/** discord.js's sharding within one client: every shard's guilds are answered by this process. */
function shardOptions(shards: DiscordConfig["shards"]): Pick<ClientOptions, "shards" | "shardCount"> {
  if (shards === undefined) return {};
  if (shards === "auto") return { shards: "auto" };
  return { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}

export async function startDiscord(options: StartDiscordOptions): Promise<DiscordBot> {
  const { config, engine } = options;
  const logger = options.logger.child({ component: "discord" });
  const client = new Client(discordClientOptions(config, logger));
  const limit = options.rateLimiter ? { rateLimiter: options.rateLimiter } : {};
  const conversations = options.conversations ?? createMemoryConversationStore();
  let state: ConnectionState = "connecting";
  const shardStates = new Map<number, ConnectionState>();
  // The client's state is its worst shard's, once every shard has said something.
  const overall = (): ConnectionState => {
    const states = [...shardStates.values()];
    for (const s of ["disconnected", "reconnecting", "connecting"] as const) if (states.includes(s)) return s;
    return "ready";
  };
  const shardState = (shardId: number, s: ConnectionState) => {
    shardStates.set(shardId, s);
    if (state !== "stopped") state = overall();
  };

  // REST retries happen inside discord.js; these make them visible. A request that still fails
  // rejects, and the handler that sent it logs the failure. (Routes, never URLs: those carry
  // interaction tokens.)
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn("discord: REST rate limited, waiting", {
      method: info.method,
      route: info.route,
      global: info.global,
      scope: info.scope,
      waitMs: info.timeToReset,
    }),
  );
  client.rest.on(RESTEvents.Response, (request, response) => {
    // `rateLimited` fires only when a bucket is known to be used up: a 429 on its own (and
    // every 429 on interaction callbacks) is retried silently without this.
    if (response.status === 429) {
      logger.warn("discord: REST request got 429, retrying after the reset", {
        method: request.method,
        route: request.route,
        retryAfter: response.headers.get("retry-after"),
        global: response.headers.has("x-ratelimit-global"),
      });
    } else if (response.status >= 500 && request.retries < REST_RETRIES) {
      logger.warn("discord: REST request failed, retrying", {
        method: request.method,
        route: request.route,
        status: response.status,
        retry: request.retries + 1,
        of: REST_RETRIES,
      });
    }
  });
  client.on(Events.Error, (error) => logger.error("discord: client error", { error }));
  client.on(Events.Warn, (message) => logger.warn("discord: client warning", { detail: message }));
  client.on(Events.ShardError, (error, shardId) => logger.warn("discord: gateway error", { shardId, error }));
  client.on(Events.ShardReconnecting, (shardId) => {
    if (state === "stopped") return; // our own stop() closes the connection too
    shardState(shardId, "reconnecting");
    logger.warn("discord: gateway connection lost, reconnecting", { shardId });
  });
  client.on(Events.ShardResume, (shardId, replayedEvents) => {
    shardState(shardId, "ready");
    logger.info("discord: gateway session resumed", { shardId, replayedEvents });
  });
  client.on(Events.ShardReady, (shardId) => {
    shardState(shardId, "ready");
    logger.debug("discord: gateway shard ready", { shardId });
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (state === "stopped") return;
    shardState(shardId, "disconnected");
    logger.error("discord: gateway closed for good", { shardId, code: event.code });
  });

  client.on(
    Events.InteractionCreate,
    createInteractionHandler(options.commands ?? defaultCommands, {
      engine,
      logger,
      config,
      conversations,
      reloadGate: options.reloadGate ?? createReloadGate(),
      ...limit,
    }),
  );
  client.on(Events.MessageCreate, createMessageHandler({ engine, logger, conversations, ...limit }));

  // login() resolves once the shard is connected; ClientReady comes after the guilds arrived.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    state = "stopped";
    await client.destroy().catch(() => {});
    throw new Error(`discord: login failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  state = "ready";
  logger.info("discord: ready", {
    user: client.user?.tag,
    userId: client.user?.id,
    guilds: client.guilds.cache.size,
    commandScope: config.guildId ? `guild ${config.guildId}` : "global",
    adminGuilds: config.adminGuildIds ?? [],
  });
  if ((config.adminGuildIds ?? []).length === 0 && config.adminRoleIds.length === 0) {
    logger.warn("discord: /kb is refused in every server: set DISCORD_ADMIN_GUILD_IDS (or DISCORD_ADMIN_ROLE_IDS)");
  }

  let stopping: Promise<void> | null = null;
  return {
    client,
    shards: () => {
      const ids = [...new Set([...client.ws.shards.keys(), ...shardStates.keys()])].sort((a, b) => a - b);
      return ids.map((id) => ({
        id,
        state: state === "stopped" ? "stopped" : (shardStates.get(id) ?? "connecting"),
        guilds: client.guilds.cache.filter((g) => g.shardId === id).size,
      }));
    },
    isReady: () => state === "ready" && client.isReady(),
    state: () => state,
    stop: () => {
      stopping ??= (async () => {
        state = "stopped";
        // discord.js can wait forever when destroyed in the middle of a reconnect: bound it.
        const closed = await settlesWithin(client.destroy(), options.stopTimeoutMs ?? 5000);
        if (closed) logger.info("discord: stopped");
        else logger.warn("discord: stopped without the gateway confirming the close", { timeoutMs: options.stopTimeoutMs ?? 5000 });
      })();
      return stopping;
    },
  };
}

/** True when the promise settles (either way) within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
