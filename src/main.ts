// `npm start`: the Slack and Discord adapters whose settings are present, or the terminal
// chat on the bundled data when none are; with HEALTH_PORT, a /healthz and /metrics server.
// SIGTERM and SIGINT shut down gracefully: stop receiving, let the answers in flight finish
// (at most SHUTDOWN_TIMEOUT_MS; see health/inflight.ts for what counts), close, exit 0.
import { join } from "node:path";
import type { DiscordBot } from "./bots/discord/bot.ts";
import type { SlackBot } from "./bots/slack/app.ts";
import { withRecording } from "./bots/shared/recording-engine.ts";
import { createReloadGate } from "./bots/shared/reload-gate.ts";
import { runTerminal } from "./bots/terminal/chat.ts";
import type { Engine } from "./engine/engine-types.ts";
import { createThreadEngine } from "./engine/thread-engine.ts";
import { parseConfig } from "./config.ts";
import { unknownSettingWarnings } from "./config-warnings.ts";
import { loadDotEnv } from "./env-file.ts";
import { checkHealth, type HealthInput } from "./health/health.ts";
import { createInflightTracker, trackOutgoingRequests, withInflight } from "./health/inflight.ts";
import { retryAdapter, type RetryingAdapter } from "./health/retry-adapter.ts";
import { startHealthServer, type HealthServer } from "./health/server.ts";
import { drain, waitForShutdownSignal } from "./health/shutdown.ts";
import { KnowledgeLoadError } from "./knowledge/store.ts";
import { createLogger } from "./log.ts";

async function main(): Promise<number> {
  loadDotEnv();
  const parsed = parseConfig(process.env);
  // A misspelt setting is read by nobody: say so, with the name it was probably meant to be.
  const unknown = unknownSettingWarnings(process.env).map((w) => `config: ${w}`);
  if (!parsed.ok) {
    process.stderr.write("config: cannot start:\n" + parsed.problems.map((p) => `  - ${p}`).join("\n") + "\n" + unknown.map((w) => `${w}\n`).join(""));
    return 1;
  }
  const config = parsed.config;
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  for (const warning of unknown) logger.warn(warning);
  const signalled = waitForShutdownSignal(logger);
  // A library promise nobody awaits (a Socket Mode reconnect that gave up) must not take the
  // whole bot down: log it with its cause and keep serving.
  process.on("unhandledRejection", (reason) => logger.error("unhandled rejection", { err: reason }));

  // The knowledge base lives on a thread of its own, so that this thread's event loop
  // serves the platforms alone (see engine/thread-engine.ts). It starts first: the modules
  // only this thread needs (shared state and its clients, metrics) load meanwhile.
  const starting = createThreadEngine({
    dataDir: config.dataDir,
    // Fast restarts: the index of the data's version, kept from the last start (engine/index-snapshot.ts).
    snapshotDir: join(config.stateDir, "index"),
    onStartupLoad: (info) => logger.debug(`engine: knowledge base ${info.from === "snapshot" ? "loaded from its index snapshot" : "built"}`, { ...info }),
    onThreadExit: ({ reason, retryInMs }) => logger.error("engine: the knowledge thread stopped, restarting it", { reason, retryInMs }),
    onRestartFailed: ({ reason, failures, retryInMs }) => logger.error("engine: the knowledge thread could not start, retrying", { reason, failures, retryInMs }),
    onRestarted: () => logger.info("engine: the knowledge thread serves again"),
  }).then(
    (engine) => ({ engine }),
    (error: unknown) => ({ error }),
  );
  const [{ openSharedState }, { createMetrics, withMetrics }] = await Promise.all([import("./shared/shared-state.ts"), import("./health/metrics.ts")]);
  const begun = await starting;
  if ("error" in begun) {
    if (begun.error instanceof KnowledgeLoadError) {
      process.stderr.write(begun.error.message + "\n");
      return 1;
    }
    throw begun.error;
  }
  const engine = begun.engine;

  const inflight = createInflightTracker();
  trackOutgoingRequests(inflight);
  const metrics = config.health ? createMetrics() : null;
  // Each adapter records its refusals and admin actions in the state directory, is measured
  // when metrics are served, and counts its work in flight for the shutdown.
  // With REDIS_URL the replicas share dedupe, the rate limit, the logs and the version served
  // (shared/shared-state.ts); without it all of that stays in this process.
  const shared = openSharedState({
    config: config.shared,
    stateDir: config.stateDir,
    logger,
    perMinute: config.rateLimitPerMinute,
    ...(metrics ? { onLimited: metrics.countRateLimited, registry: metrics.registry } : {}),
  });
  const state = shared.logs;
  const base = await shared.coordinate(engine);
  const wrap = (platform: string): Engine => {
    const recorded = withRecording(base, { state, platform, logger });
    return withInflight(metrics ? withMetrics(recorded, metrics, platform) : recorded, inflight);
  };
  const rateLimiter = shared.rateLimiter;
  // One reload or rollback at a time, whichever platform asks for it.
  const reloadGate = createReloadGate();

  const adapters: HealthInput["adapters"] = {
    slack: config.slack ? "connecting" : null,
    discord: config.discord ? "connecting" : null,
  };
  let health: HealthServer | null = null;
  if (config.health && metrics) {
    try {
      health = await startHealthServer({
        ...config.health,
        metrics,
        logger,
        health: () => checkHealth({ kb: engine.status(), engine: engine.health(), uptimeSeconds: process.uptime(), adapters, redis: shared.redisState() }),
      });
    } catch (err) {
      logger.error("start-up failed", { err });
      return 1;
    }
  }
  const closeLast = async () => {
    await health?.close();
    await shared.close();
    await engine.close();
  };

  if (!config.slack && !config.discord) {
    const chat = runTerminal({ engine: wrap("terminal"), input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    const signal = await Promise.race([chat.then(() => null), signalled]);
    if (signal !== null) logger.debug("stopping", { signal });
    await drain({
      // Ends the chat's input; a line being answered still gets its reply.
      stopReceiving: async () => process.stdin.destroy(),
      inflight,
      closeLast,
      timeoutMs: config.shutdownTimeoutMs,
      logger,
    });
    return 0;
  }

  // Both adapters start together: discord.js keeps retrying an unreachable gateway, which
  // must not hold Slack back. A signal during start-up stops whatever has started by then.
  const running: Array<SlackBot | DiscordBot> = [];
  const retrying: RetryingAdapter[] = [];
  let stopping = false;
  const keep = (bot: SlackBot | DiscordBot) => {
    running.push(bot);
    // Started after the shutdown began: stop it too.
    if (stopping) void bot.stop();
  };
  const launchers: Array<{ platform: "slack" | "discord"; start: () => Promise<SlackBot | DiscordBot> }> = [];
  if (config.slack) {
    const [slack, slackEngine] = [config.slack, wrap("slack")];
    launchers.push({
      platform: "slack",
      start: async () => (await import("./bots/slack/app.ts")).startSlack({ config: slack, engine: slackEngine, logger, stateDir: config.stateDir, rateLimiter, feedback: state.feedback, seenEvents: shared.seenEvents, conversations: shared.conversations, reloadGate }),
    });
  }
  if (config.discord) {
    const [discord, discordEngine] = [config.discord, wrap("discord")];
    launchers.push({ platform: "discord", start: async () => (await import("./bots/discord/bot.ts")).startDiscord({ config: discord, engine: discordEngine, logger, rateLimiter, conversations: shared.conversations, reloadGate }) });
  }
  const started = Promise.allSettled(
    launchers.map(({ platform, start }) =>
      start().then((bot) => {
        adapters[platform] = bot;
        keep(bot);
      }),
    ),
  );
  const stopAll = () => {
    stopping = true;
    return Promise.allSettled([...retrying.map((r) => r.stop()), ...running.map((r) => r.stop())]);
  };
  const first = await Promise.race([started.then(() => null), signalled]);
  if (first === null) {
    const results = await started;
    const failed = launchers.flatMap(({ platform, start }, i) => {
      const result = results[i]!;
      return result.status === "rejected" ? [{ platform, start, err: result.reason as unknown }] : [];
    });
    if (failed.length === launchers.length) {
      // Nothing serves: stop, so that the error is seen rather than a bot that answers nobody.
      for (const { err } of failed) logger.error("start-up failed", { err });
      await stopAll();
      await closeLast();
      return 1;
    }
    // One platform down leaves the other serving: the failed one is tried again with backoff,
    // and /healthz is 503 naming it until it comes up.
    for (const { platform, start, err } of failed) {
      logger.error("start-up failed", { adapter: platform, err });
      const retry = retryAdapter({
        name: platform,
        start,
        firstError: err,
        logger,
        onStarted: (bot) => {
          adapters[platform] = bot;
          keep(bot);
        },
      });
      retrying.push(retry);
      adapters[platform] = retry;
    }
    logger.info("started", {
      slack: Boolean(config.slack),
      discord: Boolean(config.discord),
      ...(failed.length > 0 ? { retrying: failed.map((f) => f.platform) } : {}),
      kb: engine.status().version,
      health: health ? `${health.host}:${health.port}` : null,
    });
  }

  const signal = await signalled;
  logger.info("stopping", { signal, timeoutMs: config.shutdownTimeoutMs });
  const result = await drain({ stopReceiving: stopAll, inflight, closeLast, timeoutMs: config.shutdownTimeoutMs, logger });
  logger.info("stopped", { signal, drained: result.drained, ms: result.ms });
  return 0;
}

// Exit explicitly once done: client libraries may keep timers or pooled sockets open, and
// a stopped bot must not linger on them.
process.exit(await main());
