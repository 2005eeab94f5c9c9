// Starts the Slack bot: a Bolt App in Socket Mode when an app-level token is set, else over
// HTTP at `/slack/events` with signature verification. The adapter is thin: listeners turn
// events into questions, the engine answers, `format.ts` shapes the reply.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import { createMemoryConversationStore, type ConversationStore } from "../../engine/conversation-store.ts";
import type { Engine } from "../../engine/engine-types.ts";
import type { Logger } from "../../log.ts";
import { Lru } from "../../lru.ts";
import { createDedupeCache } from "../shared/dedupe.ts";
import { createFeedbackRecorder, type FeedbackRecorder } from "../shared/feedback.ts";
import type { SeenIds } from "../../shared/dedupe.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";
import { toBoltLogger } from "./bolt-logger.ts";
import { useNativeQueryEscape } from "./query-escape.ts";
import { describeStartFailure, isTokenRefusal } from "./start-errors.ts";
import { createWebFetch } from "./web-fetch.ts";
import { createReplyPoster } from "./post-once.ts";
import { guardRequests } from "./request-guard.ts";
import type { SlackConfig, SlackMode } from "./config.ts";
import type { AnswerRecord, SlackDeps } from "./deps.ts";
import { createReloadGate, type ReloadGate } from "../shared/reload-gate.ts";
import { registerListeners } from "./listeners/index.ts";
import { dedupeEvents } from "./middleware/dedupe-events.ts";

export const SLACK_EVENTS_PATH = "/slack/events";
/** Longest a single Web API call may take before it counts as failed (and is retried). */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

export interface StartSlackOptions {
  config: SlackConfig;
  engine: Engine;
  logger: Logger;
  /** Directory for `feedback.jsonl`, created when missing. Default `./state`. */
  stateDir?: string;
  /** HTTP mode: overrides `config.port`; 0 picks a free port (read it from `SlackBot.port`). */
  port?: number;
  /** HTTP mode: address to bind. Default all interfaces; tests use "127.0.0.1". */
  host?: string;
  /**
   * Web API retry policy for the bot's calls (replies, votes). Default `SLACK_RETRY_POLICY`;
   * tests pass `{ retries: 0 }` or a fast policy. In Socket Mode the connection's own client
   * (`apps.connections.open`) keeps the Socket Mode default unless this is given.
   */
  retryConfig?: webApi.RetryOptions;
  /** Longest a single Web API call may take. Default `SLACK_CALL_TIMEOUT_MS`; tests shorten it. */
  callTimeoutMs?: number;
  /** Socket Mode: reconnect when the connection drops. Default true. */
  autoReconnect?: boolean;
  /**
   * Socket Mode: while the connection is down, how often the app-level token is checked, so
   * that a revoked one stops the reconnecting with its reason. Default `TOKEN_CHECK_MS`.
   */
  tokenCheckMs?: number;
  /** How many recent answers are remembered for their feedback buttons. Default 2,000. */
  rememberAnswers?: number;
  /** Per-user question limit, shared with other adapters. Default none. */
  rateLimiter?: RateLimiter;
  /** Where votes are recorded (Redis streams when replicas share state). Default `feedback.jsonl` in `stateDir`. */
  feedback?: FeedbackRecorder;
  /** Event ids already handled (shared by replicas over Redis). Default an in-process cache. */
  seenEvents?: SeenIds;
  /** Threads and DMs the bot answered in. Default in memory (10,000 conversations). */
  conversations?: ConversationStore;
  /** One reload or rollback at a time; pass the same gate to every adapter. Default one of its own. */
  reloadGate?: ReloadGate;
}

export interface SlackBot {
  readonly app: App;
  readonly mode: SlackMode;
  /** HTTP mode: the bound port; null in Socket Mode. */
  readonly port: number | null;
  /** Where votes are recorded. */
  readonly feedbackFile: string;
  /** Stops receiving (closes the HTTP server or the socket). Safe to call twice. */
  stop(): Promise<void>;
  /** For health checks. HTTP mode: "connected" while listening. Socket Mode: the socket's state. */
  state(): SlackConnectionState;
  /** Why the bot is "failed" (Slack refused its app-level token while reconnecting); null otherwise. */
  reason(): string | null;
}

export type SlackConnectionState = "connecting" | "connected" | "reconnecting" | "disconnected" | "stopped" | "failed";

/**
 * While a Socket Mode connection is down, the app-level token is checked this often. The
 * Socket Mode client retries a revoked token for good, 5 s longer each time, and gives up on
 * an invalid one without a word; only a refusal Slack itself sends stops the reconnecting.
 */
export const TOKEN_CHECK_MS = 30_000;

const STOP_GRACE_MS = 5_000;

/**
 * The Web API retry policy: 3 retries after about 0.5, 1 and 2 s (each randomized up to
 * double), so a failing reply is given up within about 10 s instead of the client's default
 * of about 30 minutes: an answer that late only confuses the thread. 5xx and network errors
 * are retried on this schedule; a 429 first waits its Retry-After (the client honours it, as
 * `rejectRateLimitedCalls` is false) and then counts as one failed attempt.
 */
export const SLACK_RETRY_POLICY: Readonly<webApi.RetryOptions> = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true };

/**
 * The policy with a warning logged for each failed attempt that will be retried. The Web API
 * client runs every call under p-retry with this object, so the hook sees all clients Bolt
 * creates (listeners get their own per-team clients, which `app.client.on("rate_limited")`
 * would not see). The final failure is the caller's to log.
 */
function logRetries(policy: webApi.RetryOptions, logger: Logger): webApi.RetryOptions {
  const onFailedAttempt = (attempt: unknown): void => {
    // p-retry 4 passes the error, decorated with the counts; later versions pass { error, ...counts }.
    const info = attempt as { error?: unknown; attemptNumber?: number; retriesLeft?: number };
    const err = (attempt instanceof Error ? attempt : info.error) as { message?: unknown; statusCode?: unknown } | undefined;
    if ((info.retriesLeft ?? 0) <= 0) return;
    logger.warn("slack: Web API call failed, retrying", {
      attempt: info.attemptNumber,
      retriesLeft: info.retriesLeft,
      ...(typeof err?.statusCode === "number" ? { status: err.statusCode } : {}),
      error: typeof err?.message === "string" ? err.message : String(err),
    });
  };
  const withHook: webApi.RetryOptions & { onFailedAttempt: typeof onFailedAttempt } = { ...policy, onFailedAttempt };
  return withHook;
}

function withTimeout(promise: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
    timer.unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function describeError(err: unknown): string {
  const e = err as { message?: unknown; data?: { error?: unknown } };
  const code = typeof e?.data?.error === "string" ? ` (${e.data.error})` : "";
  return `${typeof e?.message === "string" ? e.message : String(err)}${code}`;
}

/**
 * Connects to Slack and starts answering. Rejects, with the cause, when the bot token is
 * refused (`auth.test`), the port is taken, or the Socket Mode connection cannot be opened.
 */
export async function startSlack(options: StartSlackOptions): Promise<SlackBot> {
  const { config, engine } = options;
  const logger = options.logger.child({ platform: "slack", mode: config.mode });
  const boltLogger = toBoltLogger(logger.child({ component: "bolt" }));

  useNativeQueryEscape();
  const webFetch = createWebFetch();
  const apiUrl = config.apiUrl !== null ? { slackApiUrl: config.apiUrl } : {};
  const retryPolicy = options.retryConfig ?? SLACK_RETRY_POLICY;
  const transport: webApi.WebClientOptions = {
    ...apiUrl,
    // A hung call would block its listener for good; bounded retries need a bounded call.
    timeout: options.callTimeoutMs ?? SLACK_CALL_TIMEOUT_MS,
    // One call per answer, on the thread that also receives Slack's events: see web-fetch.ts.
    fetch: webFetch,
  };
  const clientOptions: webApi.WebClientOptions = { ...transport, retryConfig: logRetries(retryPolicy, logger) };
  // Replies to questions are retried by the poster, which looks for an earlier copy first.
  const replyClient = new webApi.WebClient(config.botToken, { ...transport, retryConfig: { retries: 0 }, logger: boltLogger });

  const seenEvents = options.seenEvents ?? createDedupeCache();
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (config.mode === "socket") {
    if (config.appToken === null) throw new Error("slack: Socket Mode needs SLACK_APP_TOKEN");
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      autoReconnectEnabled: options.autoReconnect ?? true,
      // Not the bot's bounded policy: when apps.connections.open fails for good during a
      // reconnect (HTTP or network error), the Socket Mode client gives up reconnecting. A
      // fresh object, as that client writes its own retry default (100 retries) into it.
      installerOptions: {
        clientOptions: { ...apiUrl, ...(options.retryConfig !== undefined ? { retryConfig: options.retryConfig } : {}) },
      },
    });
  } else {
    if (config.signingSecret === null) throw new Error("slack: HTTP mode needs SLACK_SIGNING_SECRET");
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger,
      // Ack at once and work after: Slack wants an answer within 3 s.
      processBeforeResponse: false,
    });
    receiver.requestListener = guardRequests(receiver.requestListener, {
      signingSecret: config.signingSecret,
      seen: seenEvents,
      logger,
      path: SLACK_EVENTS_PATH,
    });
  }

  const app = new App({
    token: config.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    convoStore: false,
    // auth.test runs in `app.init()` below, so a refused token fails start-up with its cause.
    deferInitialization: true,
  });

  const stateDir = options.stateDir ?? "./state";
  const deps: SlackDeps = {
    engine,
    logger,
    adminUserIds: new Set(config.adminUserIds),
    feedback: options.feedback ?? createFeedbackRecorder({ stateDir }),
    recentAnswers: new Lru<string, AnswerRecord>(options.rememberAnswers ?? 2_000),
    replies: createReplyPoster({ client: replyClient, policy: retryPolicy, logger }),
    newAnswerId: () => randomBytes(6).toString("base64url"),
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    conversations: options.conversations ?? createMemoryConversationStore(),
    reloadGate: options.reloadGate ?? createReloadGate(),
  };

  app.use(dedupeEvents(seenEvents, logger));
  registerListeners(app, deps);
  app.error(async (error) => {
    // Listeners catch their own failures; this is the net for anything else. Never rethrow:
    // a rethrown error would only reach the receiver's default handler.
    logger.error("slack: unhandled error", { err: error, code: error.code });
  });

  const slackApiUrl = config.apiUrl ?? "https://slack.com/api/";
  try {
    await app.init();
  } catch (err) {
    const message = describeStartFailure(err, { token: "SLACK_BOT_TOKEN", method: "auth.test", apiUrl: slackApiUrl, timeoutMs: SLACK_CALL_TIMEOUT_MS });
    throw new Error(message, { cause: err });
  }

  let stopped = false;
  if (receiver instanceof SocketModeReceiver) {
    const socket = receiver;
    const appTokenCall = { token: "SLACK_APP_TOKEN", method: "apps.connections.open", apiUrl: slackApiUrl, timeoutMs: SLACK_CALL_TIMEOUT_MS } as const;
    // (The receiver was only made with an app-level token.)
    const check = new webApi.WebClient(config.appToken ?? "", { ...clientOptions, logger: boltLogger });
    try {
      // The Socket Mode client retries most refusals of the app-level token (wrong token
      // type, missing connections:write, revoked) for good, 5 s longer each time, and start()
      // never settles. Asked once here, a refusal stops start-up with its reason; the client
      // then asks again for its own connection URL (each answer is a fresh, single-use URL).
      await check.apps.connections.open({});
    } catch (err) {
      webFetch.close();
      throw new Error(describeStartFailure(err, appTokenCall), { cause: err });
    }
    try {
      await app.start();
    } catch (err) {
      void socket.client.disconnect();
      webFetch.close();
      const code = (err as { code?: unknown })?.code;
      const fromApi = typeof code === "string" && code.startsWith("slack_webapi_");
      throw new Error(fromApi ? describeStartFailure(err, appTokenCall) : `slack: could not open the Socket Mode connection: ${describeError(err)}`, {
        cause: err,
      });
    }
    logger.info("slack: connected over Socket Mode", { admins: config.adminUserIds.length });
    let connection: SlackConnectionState = "connected";
    let refusal: string | null = null;
    // While the connection is down, the token is asked about now and then (each answer a
    // fresh URL nobody uses): a refusal stops the reconnecting, a network error does not.
    const checkEvery = options.tokenCheckMs ?? TOKEN_CHECK_MS;
    const tokenCheck = new webApi.WebClient(config.appToken ?? "", { ...transport, retryConfig: { retries: 0 }, logger: boltLogger });
    let watchdog: NodeJS.Timeout | null = null;
    const stopWatching = () => {
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
    };
    const watch = () => {
      if (watchdog || stopped || refusal) return;
      let asking = false;
      watchdog = setInterval(() => {
        if (asking) return;
        asking = true;
        tokenCheck.apps.connections.open({}).then(
          () => (asking = false),
          (err: unknown) => {
            asking = false;
            if (stopped || refusal || connection === "connected" || !isTokenRefusal(err)) return;
            refusal = describeStartFailure(err, appTokenCall);
            stopWatching();
            logger.error("slack: Slack refused the app-level token while reconnecting; stopped reconnecting until restarted with a valid one", { reason: refusal });
            void socket.client.disconnect();
          },
        );
      }, checkEvery);
      watchdog.unref();
    };
    socket.client.on("connected", () => {
      connection = "connected";
      stopWatching();
    });
    socket.client.on("close", () => {
      if (connection === "connected") connection = "reconnecting";
      watch();
    });
    socket.client.on("reconnecting", () => {
      connection = "reconnecting";
      watch();
    });
    socket.client.on("disconnected", () => (connection = "disconnected"));
    return {
      app,
      mode: "socket",
      port: null,
      feedbackFile: deps.feedback.file,
      state: () => (stopped ? "stopped" : refusal ? "failed" : connection),
      reason: () => (stopped ? null : refusal),
      async stop() {
        if (stopped) return;
        stopped = true;
        stopWatching();
        await withTimeout(socket.client.disconnect(), STOP_GRACE_MS, () =>
          logger.warn("slack: the socket did not close in time"),
        );
        webFetch.close();
        logger.info("slack: stopped");
      },
    };
  }

  const port = options.port ?? config.port;
  const listen = options.host !== undefined ? { port, host: options.host } : { port };
  let server: Server;
  try {
    server = (await app.start(listen)) as Server;
  } catch (err) {
    throw new Error(`slack: could not listen on port ${port}: ${describeError(err)}`, { cause: err });
  }
  const bound = (server.address() as AddressInfo).port;
  logger.info("slack: listening for Slack requests", { port: bound, path: SLACK_EVENTS_PATH, admins: config.adminUserIds.length });
  return {
    app,
    mode: "http",
    port: bound,
    feedbackFile: deps.feedback.file,
    state: () => (stopped ? "stopped" : server.listening ? "connected" : "disconnected"),
    reason: () => null,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeIdleConnections();
      await withTimeout(app.stop(), STOP_GRACE_MS, () => server.closeAllConnections());
      webFetch.close();
      logger.info("slack: stopped");
    },
  };
}
