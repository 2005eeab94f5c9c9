// A fake Discord on 127.0.0.1 for end-to-end tests of the real discord.js Client: the REST
// routes the bot uses and a gateway (WebSocket) that says HELLO, answers IDENTIFY with READY
// and GUILD_CREATE, acknowledges heartbeats, accepts RESUME, and dispatches events.
// Every REST request and gateway payload is recorded for the tests to inspect.
// Faults for reliability tests: REST errors (429 with rate-limit headers, 5xx) or a reset
// connection for a route's next requests, and a gateway connection cut without a close frame.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, as sent (so "@original" arrives as "%40original"). */
  route: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: any;
  /** The HTTP status the fake answered with. */
  status?: number;
  /** When the request arrived (`Date.now()`). */
  at?: number;
}

/** A REST failure for the requests matching `method` and `route` (a path after /api/v10). */
export interface RestFault {
  method: string;
  route: RegExp;
  /** The status to answer with, e.g. 429 or 500; "reset" destroys the connection without an answer (recorded as status 0). */
  status: number | "reset";
  /** Extra response headers, e.g. `retry-after` and `x-ratelimit-*`. */
  headers?: Record<string, string>;
  /** The JSON body. Default a Discord-style error for the status. */
  body?: unknown;
  /** How many requests get the fault; `Infinity` until `clearFaults`. Default 1. */
  times?: number;
}

/** The headers Discord sends with a 429 for a per-route bucket that is used up. */
export function rateLimitHeaders(retryAfterSeconds: number, bucket = "fake-bucket"): Record<string, string> {
  return {
    "retry-after": String(retryAfterSeconds),
    "x-ratelimit-limit": "5",
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": String(Date.now() / 1000 + retryAfterSeconds),
    "x-ratelimit-reset-after": String(retryAfterSeconds),
    "x-ratelimit-bucket": bucket,
    "x-ratelimit-scope": "user",
  };
}

export interface GatewayPayload {
  op: number;
  d: any;
  s?: number | null;
  t?: string | null;
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface CommandInteractionInput {
  name: string;
  options?: unknown[];
  user?: FakeUser;
  roles?: string[];
  /** The member's permissions in the channel as Discord computes them. Default: none. */
  permissions?: bigint;
  locale?: string;
  /** The second guild (on shard 1 of 2) instead of the first. */
  second?: boolean;
}

export interface MessageInput {
  content: string;
  author?: FakeUser;
  /** Users the message mentions explicitly. */
  mentions?: FakeUser[];
  /** Roles the message mentions (`<@&id>` in the content), e.g. the bot's own `botRoleId`. */
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  /** A DM instead of a message in the guild channel. */
  dm?: boolean;
  /** In the second guild's channel (on shard 1 of 2). */
  second?: boolean;
  /** In this guild channel or thread instead of the default channel. */
  channelId?: string;
  /** A reply to this message (sent by `author`, the bot by default). */
  replyTo?: { id: string; author?: FakeUser };
}

export interface ComponentInteractionInput {
  customId: string;
  /** The message the button is on. */
  messageId: string;
  channelId?: string;
  user?: FakeUser;
}

/** The shard Discord sends a guild's events on: (guild id >> 22) % shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

const PERMISSIONS_ALL_TEXT = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n);

export class FakeDiscord {
  readonly applicationId = "1300000000000000001";
  readonly guildId = "1300000000000000002";
  readonly channelId = "1300000000000000003";
  readonly adminRoleId = "1300000000000000004";
  readonly dmChannelId = "1300000000000000005";
  /** A second guild, with a channel of its own: on shard 1 when there are two (shard 0 holds the first). */
  readonly secondGuildId = "1300000000004194306";
  readonly secondChannelId = "1300000000000000007";
  /** The role Discord creates for the bot when it joins the first guild (managed, tagged with the bot's id). */
  readonly botRoleId = "1300000000000000008";
  readonly botUser: FakeUser = { id: this.applicationId, username: "Chokepoint", bot: true };
  readonly member: FakeUser = { id: "1300000000000000010", username: "minji" };
  readonly token = "fake-bot-token.for.tests";

  readonly requests: RecordedRequest[] = [];
  /** Payloads the client sent on the gateway, in order. */
  readonly received: GatewayPayload[] = [];
  readonly sessionId = "fake-session-1";

  private server: Server;
  private wss: WebSocketServer;
  private socket: WebSocket | null = null;
  /** With sharding: each shard's connection, by shard id. */
  private readonly shardSockets = new Map<number, WebSocket>();
  private seq = 0;
  private nextId = 1_400_000_000_000_000_000n;
  private readonly interactionChannels = new Map<string, string>();
  /** Messages the bot posted to channels, with the ids the fake gave them. */
  readonly sentMessages: { id: string; channelId: string; body: any }[] = [];
  /** The id of each interaction's original response, once asked for. */
  readonly originalIds = new Map<string, string>();
  private readonly waiters = new Set<() => void>();
  private readonly faults: { fault: RestFault; left: number }[] = [];
  /** Application commands by scope ("global" or a guild id), as the last bulk overwrite left them. */
  readonly commands = new Map<string, any[]>();
  /** False once the session was invalidated: a RESUME then gets INVALID_SESSION until the next IDENTIFY. */
  private sessionValid = true;

  private constructor(
    private readonly heartbeatIntervalMs: number,
    /** Shards /gateway/bot recommends; with more than one, the second guild is served too. */
    readonly shardCount = 1,
    /** Serve the second guild even on one shard (a server the bot was added to by someone else). */
    private readonly secondGuild = false,
  ) {
    this.server = createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: "/gateway" });
    this.wss.on("connection", (ws) => this.handleSocket(ws));
  }

  static async start(options: { heartbeatIntervalMs?: number; shards?: number; secondGuild?: boolean } = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options.heartbeatIntervalMs ?? 1000, options.shards ?? 1, options.secondGuild ?? false);
    fake.server.listen(0, "127.0.0.1");
    await once(fake.server, "listening");
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL would be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  snowflake(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** Resolves with the first recorded request (past or future) matching `match`. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitFor(() => this.requests.find(match), timeoutMs, "REST request");
  }

  /** Resolves with the first gateway payload from the client (past or future) matching `match`. */
  waitForGateway(match: (p: GatewayPayload) => boolean, timeoutMs = 5000): Promise<GatewayPayload> {
    return this.waitFor(() => this.received.find(match), timeoutMs, "gateway payload");
  }

  requestsTo(method: string, routePrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.route.startsWith(routePrefix));
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (hit === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake-discord: no matching ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }

  // ---- gateway -------------------------------------------------------------------------

  private send(payload: GatewayPayload, socket: WebSocket | null = this.socket): void {
    if (!socket) throw new Error("fake-discord: no gateway connection");
    socket.send(JSON.stringify(payload));
  }

  /** Sends a dispatch (op 0) with the next sequence number; a guild's event goes to its shard's connection. */
  dispatch(t: string, d: unknown, socket?: WebSocket): void {
    this.seq += 1;
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const target = socket ?? (this.shardCount > 1 && typeof guildId === "string" ? (this.shardSockets.get(shardOfGuild(guildId, this.shardCount)) ?? null) : this.socket);
    this.send({ op: 0, t, s: this.seq, d }, target);
  }

  /** The guilds a shard serves. */
  private guildsOf(shard: number): Array<{ guildId: string; channelId: string }> {
    const all = [{ guildId: this.guildId, channelId: this.channelId }];
    if (this.shardCount > 1 || this.secondGuild) all.push({ guildId: this.secondGuildId, channelId: this.secondChannelId });
    return all.filter((g) => shardOfGuild(g.guildId, this.shardCount) === shard);
  }

  /**
   * Closes the gateway connection as Discord does on a server-side drop. With
   * `invalidateSession`, the session is gone too (as after 4009, session timed out): a RESUME
   * is answered with INVALID_SESSION (op 9, not resumable) and only a new IDENTIFY works.
   */
  dropConnection(code = 4000, options: { invalidateSession?: boolean } = {}): void {
    if (options.invalidateSession) this.sessionValid = false;
    this.socket?.close(code, "fake-discord: dropped");
  }

  /** Cuts the gateway connection without a close frame, as a network drop does. */
  terminateConnection(): void {
    this.socket?.terminate();
  }

  private handleSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.on("message", (raw) => {
      const payload = JSON.parse(raw.toString()) as GatewayPayload;
      this.received.push(payload);
      if (payload.op === 1) {
        ws.send(JSON.stringify({ op: 11, d: null }));
      } else if (payload.op === 2) {
        this.sessionValid = true;
        const [shard] = (payload.d?.shard as [number, number] | undefined) ?? [0, 1];
        this.shardSockets.set(shard, ws);
        const guilds = this.guildsOf(shard);
        this.dispatch("READY", this.readyData(shard, guilds.map((g) => g.guildId)), ws);
        for (const g of guilds) this.dispatch("GUILD_CREATE", this.guildData(g.guildId, g.channelId), ws);
      } else if (payload.op === 6) {
        if (payload.d?.session_id === this.sessionId && this.sessionValid) this.dispatch("RESUMED", {});
        else ws.send(JSON.stringify({ op: 9, d: false }));
      }
      this.notify();
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private apiUser(u: FakeUser) {
    return {
      id: u.id,
      username: u.username,
      discriminator: "0",
      global_name: null,
      avatar: null,
      bot: u.bot ?? false,
      flags: 0,
    };
  }

  private readyData(shard = 0, guildIds: string[] = [this.guildId]) {
    return {
      v: 10,
      user: { ...this.apiUser(this.botUser), verified: true, mfa_enabled: false },
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: this.sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard: [shard, this.shardCount],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      user_settings: {},
      guild_join_requests: [],
    };
  }

  private role(id: string, name: string, permissions: bigint, position: number, botId?: string) {
    return {
      id,
      name,
      permissions: permissions.toString(),
      position,
      color: 0,
      hoist: false,
      managed: botId !== undefined,
      mentionable: false,
      flags: 0,
      ...(botId !== undefined ? { tags: { bot_id: botId } } : {}),
    };
  }

  private memberData(u: FakeUser, roles: string[] = []) {
    return {
      user: this.apiUser(u),
      roles,
      nick: null,
      avatar: null,
      joined_at: "2025-01-01T00:00:00.000Z",
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  private channelData(channelId = this.channelId, guildId = this.guildId) {
    return {
      id: channelId,
      type: 0,
      guild_id: guildId,
      name: "export-controls",
      position: 0,
      permission_overwrites: [],
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    };
  }

  private guildData(guildId = this.guildId, channelId = this.channelId) {
    return {
      id: guildId,
      name: "Chip Watchers",
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: "1300000000000000099",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      // The admin role and the bot's managed role exist in the first guild only: role ids are unique.
      roles: [
        this.role(guildId, "@everyone", PERMISSIONS_ALL_TEXT, 0),
        ...(guildId === this.guildId
          ? [this.role(this.adminRoleId, "KB editors", PERMISSIONS_ALL_TEXT, 1), this.role(this.botRoleId, "Chokepoint", PERMISSIONS_ALL_TEXT, 2, this.botUser.id)]
          : []),
      ],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: "ko",
      public_updates_channel_id: null,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: "2025-01-01T00:00:00.000Z",
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [this.memberData(this.botUser, guildId === this.guildId ? [this.botRoleId] : [])],
      channels: [this.channelData(channelId, guildId)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** Dispatches a slash command in the guild channel; returns the interaction's id and token. */
  sendCommand(input: CommandInteractionInput): { id: string; token: string } {
    const id = this.snowflake();
    const token = `interaction-token-${id}`;
    const [guildId, channelId] = input.second ? [this.secondGuildId, this.secondChannelId] : [this.guildId, this.channelId];
    this.interactionChannels.set(token, channelId);
    const user = input.user ?? this.member;
    this.dispatch("INTERACTION_CREATE", {
      id,
      application_id: this.applicationId,
      type: 2,
      token,
      version: 1,
      data: { id: `9${this.applicationId.slice(1)}`, name: input.name, type: 1, options: input.options ?? [] },
      guild_id: guildId,
      channel_id: channelId,
      channel: this.channelData(channelId, guildId),
      member: { ...this.memberData(user, input.roles ?? []), permissions: (input.permissions ?? 0n).toString() },
      app_permissions: PERMISSIONS_ALL_TEXT.toString(),
      locale: input.locale ?? "en-US",
      guild_locale: "ko",
      entitlements: [],
      authorizing_integration_owners: { "0": guildId },
      context: 0,
      attachment_size_limit: 8_388_608,
    });
    return { id, token };
  }

  /** Dispatches a message in the guild channel (or a DM); returns its id. */
  sendMessage(input: MessageInput): string {
    const id = this.snowflake();
    const author = input.author ?? this.member;
    const channelId = input.dm ? this.dmChannelId : input.second ? this.secondChannelId : (input.channelId ?? this.channelId);
    const reply = input.replyTo
      ? {
          message_reference: { type: 0, message_id: input.replyTo.id, channel_id: channelId, guild_id: input.dm ? undefined : this.guildId },
          referenced_message: this.messageData(channelId, { content: "" }, { id: input.replyTo.id, author: this.apiUser(input.replyTo.author ?? this.botUser) }),
        }
      : {};
    this.dispatch("MESSAGE_CREATE", {
      id,
      ...reply,
      channel_id: channelId,
      ...(input.dm ? { channel_type: 1 } : { guild_id: input.second ? this.secondGuildId : this.guildId, channel_type: 0, member: this.memberData(author) }),
      author: this.apiUser(author),
      content: input.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: input.mentionEveryone ?? false,
      mentions: (input.mentions ?? []).map((u) => this.apiUser(u)),
      mention_roles: input.mentionRoles ?? [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: input.replyTo ? 19 : 0,
      flags: 0,
      components: [],
    });
    return id;
  }

  /** Dispatches THREAD_CREATE for a public thread in the guild channel; `id` is the starter message's when started from one. */
  createThread(input: { id?: string; ownerId: string; name?: string }): string {
    const id = input.id ?? this.snowflake();
    this.dispatch("THREAD_CREATE", {
      id,
      type: 11,
      guild_id: this.guildId,
      parent_id: this.channelId,
      owner_id: input.ownerId,
      name: input.name ?? "follow-ups",
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
      member_count: 1,
      message_count: 0,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      newly_created: true,
    });
    return id;
  }

  private interactionBase(type: number, channelId: string, user: FakeUser) {
    const id = this.snowflake();
    const token = `interaction-token-${id}`;
    this.interactionChannels.set(token, channelId);
    return {
      id,
      token,
      d: {
        id,
        application_id: this.applicationId,
        type,
        token,
        version: 1,
        guild_id: this.guildId,
        channel_id: channelId,
        channel: this.channelData(channelId, this.guildId),
        member: { ...this.memberData(user, []), permissions: "0" },
        app_permissions: PERMISSIONS_ALL_TEXT.toString(),
        locale: "en-US",
        guild_locale: "ko",
        entitlements: [],
        authorizing_integration_owners: { "0": this.guildId },
        context: 0,
        attachment_size_limit: 8_388_608,
      },
    };
  }

  /** Dispatches a click on a button of a message the bot sent; returns the interaction's id and token. */
  sendButton(input: ComponentInteractionInput): { id: string; token: string } {
    const channelId = input.channelId ?? this.channelId;
    const { id, token, d } = this.interactionBase(3, channelId, input.user ?? this.member);
    this.dispatch("INTERACTION_CREATE", {
      ...d,
      data: { custom_id: input.customId, component_type: 2 },
      message: this.messageData(channelId, { content: "" }, { id: input.messageId }),
    });
    return { id, token };
  }

  /** Dispatches a message context-menu command on a message with `content`. */
  sendMessageCommand(input: { name: string; target: { id: string; content: string; author?: FakeUser } }): { id: string; token: string } {
    const { id, token, d } = this.interactionBase(2, this.channelId, this.member);
    const target = { ...this.messageData(this.channelId, { content: input.target.content }, { id: input.target.id }), author: this.apiUser(input.target.author ?? this.member) };
    this.dispatch("INTERACTION_CREATE", {
      ...d,
      data: { id: `8${this.applicationId.slice(1)}`, name: input.name, type: 3, target_id: input.target.id, resolved: { messages: { [input.target.id]: target } } },
    });
    return { id, token };
  }

  /** Dispatches an autocomplete request for a command's focused string option. */
  sendAutocomplete(input: { name: string; option: string; value: string }): { id: string; token: string } {
    const { id, token, d } = this.interactionBase(4, this.channelId, this.member);
    this.dispatch("INTERACTION_CREATE", {
      ...d,
      data: { id: `9${this.applicationId.slice(1)}`, name: input.name, type: 1, options: [{ name: input.option, type: 3, value: input.value, focused: true }] },
    });
    return { id, token };
  }

  // ---- REST ----------------------------------------------------------------------------

  /** Answers the next `fault.times` requests matching the fault with it instead of the route's answer. */
  failRest(fault: RestFault): void {
    this.faults.push({ fault, left: fault.times ?? 1 });
  }

  /** Removes the REST faults still pending. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  private takeFault(method: string, route: string): RestFault | null {
    const index = this.faults.findIndex((f) => f.fault.method === method && f.fault.route.test(route));
    const found = this.faults[index];
    if (!found) return null;
    found.left -= 1;
    if (found.left <= 0) this.faults.splice(index, 1);
    return found.fault;
  }

  private messageData(channelId: string, body: any, extra: Record<string, unknown> = {}) {
    return {
      id: this.snowflake(),
      channel_id: channelId,
      author: this.apiUser(this.botUser),
      content: body?.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      components: [],
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
      ...extra,
    };
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = url.pathname.replace(/^\/api\/v10/, "");
    let body: any = raw;
    if ((req.headers["content-type"] ?? "").includes("application/json") && raw) body = JSON.parse(raw);
    const request: RecordedRequest = { method: req.method ?? "GET", route, query: url.searchParams, headers: req.headers, body, at: Date.now() };
    this.requests.push(request);

    const json = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    };
    const method = request.method;
    let m: RegExpMatchArray | null;

    const authorized = req.headers.authorization === `Bot ${this.token}`;
    const fault = this.takeFault(method, route);
    if (fault?.status === "reset") {
      request.status = 0;
      req.socket.destroy();
      this.notify();
      return;
    }
    if (fault) {
      const retryAfter = Number(fault.headers?.["retry-after"] ?? 0);
      const text = JSON.stringify(
        fault.body ??
          (fault.status === 429
            ? { message: "You are being rate limited.", retry_after: retryAfter, global: false }
            : { message: `${fault.status}: Internal Server Error`, code: 0 }),
      );
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
      res.end(text);
    } else if (!authorized && (route === "/gateway/bot" || route.startsWith("/applications/") || route.startsWith("/channels/") || route.startsWith("/users/"))) {
      json(401, { message: "401: Unauthorized", code: 0 });
    } else if (method === "GET" && route === "/gateway/bot") {
      json(200, {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    } else if (method === "POST" && (m = route.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      res.writeHead(204); // a 204 carries no JSON content-type
      res.end();
    } else if (method === "GET" && (m = route.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(%40original|@original)$/))) {
      // The original response, with one id per interaction: replies to it can name it.
      const token = decodeURIComponent(m[2] ?? "");
      const channelId = this.interactionChannels.get(token) ?? this.channelId;
      const messageId = this.originalIds.get(token) ?? this.snowflake();
      this.originalIds.set(token, messageId);
      json(200, this.messageData(channelId, {}, { id: messageId, webhook_id: m[1], application_id: m[1] }));
    } else if (method === "PATCH" && (m = route.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(%40original|@original)$/))) {
      const channelId = this.interactionChannels.get(decodeURIComponent(m[2] ?? "")) ?? this.channelId;
      json(200, this.messageData(channelId, body, { webhook_id: m[1], application_id: m[1] }));
    } else if (method === "DELETE" && /^\/webhooks\/\d+\/[^/]+\/messages\/(%40original|@original)$/.test(route)) {
      res.writeHead(204);
      res.end();
    } else if (method === "POST" && (m = route.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      const channelId = this.interactionChannels.get(decodeURIComponent(m[2] ?? "")) ?? this.channelId;
      json(200, this.messageData(channelId, body, { webhook_id: m[1], application_id: m[1] }));
    } else if (method === "POST" && (m = route.match(/^\/channels\/(\d+)\/messages$/))) {
      const sent = this.messageData(m[1] ?? "", body);
      this.sentMessages.push({ id: sent.id, channelId: m[1] ?? "", body });
      json(200, sent);
    } else if (method === "POST" && /^\/channels\/\d+\/typing$/.test(route)) {
      res.writeHead(204);
      res.end();
    } else if (method === "GET" && route === "/users/@me/guilds") {
      const guilds = [this.guildId, ...(this.shardCount > 1 || this.secondGuild ? [this.secondGuildId] : [])];
      const after = BigInt(url.searchParams.get("after") ?? "0");
      json(200, guilds.filter((id) => BigInt(id) > after).map((id) => ({ id, name: "Chip Watchers", icon: null, owner: false, permissions: "0", features: [] })));
    } else if ((method === "GET" || method === "PUT") && (m = route.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      // Bulk overwrite: the scope's whole set is replaced, as Discord does.
      const scope = m[2] ?? "global";
      if (method === "PUT") {
        const list = Array.isArray(body) ? body : [];
        this.commands.set(
          scope,
          list.map((c: any) => ({ ...c, id: this.snowflake(), application_id: m?.[1], ...(m?.[2] ? { guild_id: m[2] } : {}), version: "1" })),
        );
      }
      json(200, this.commands.get(scope) ?? []);
    } else {
      json(404, { message: "404: Not Found", code: 0 });
    }
    request.status = res.statusCode;
    this.notify();
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) this.waiters.delete(waiter);
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
