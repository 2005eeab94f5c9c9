// `npm start`: the Slack and Discord adapters whose settings are present, or the terminal
// chat on the bundled data when none are.
import { existsSync } from "node:fs";
import { startDiscord, type DiscordBot } from "./bots/discord/bot.ts";
import { startSlack, type SlackBot } from "./bots/slack/app.ts";
import { createRateLimiter } from "./bots/shared/rate-limit.ts";
import { openState, withRecording } from "./bots/shared/recording-engine.ts";
import { runTerminal } from "./bots/terminal/chat.ts";
import { createEngine } from "./answer/engine.ts";
import { parseConfig } from "./config.ts";
import { KnowledgeLoadError } from "./knowledge/store.ts";
import { createLogger } from "./log.ts";

async function main(): Promise<number> {
  // A local .env is read when present; variables already set in the environment win.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write("config: cannot start:\n" + parsed.problems.map((p) => `  - ${p}`).join("\n") + "\n");
    return 1;
  }
  const config = parsed.config;
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });

  let engine;
  try {
    engine = await createEngine({ dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof KnowledgeLoadError) {
      process.stderr.write(err.message + "\n");
      return 1;
    }
    throw err;
  }

  // Each adapter records its refusals and admin actions in the state directory.
  const state = openState(config.stateDir);
  const recorded = (platform: string) => withRecording(engine, { state, platform, logger });
  const rateLimiter = createRateLimiter({ perMinute: config.rateLimitPerMinute });

  if (!config.slack && !config.discord) {
    await runTerminal({ engine: recorded("terminal"), input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    return 0;
  }

  // Both adapters start together: discord.js keeps retrying an unreachable gateway, which
  // must not hold Slack back.
  const starts: Array<Promise<SlackBot | DiscordBot>> = [];
  if (config.slack) starts.push(startSlack({ config: config.slack, engine: recorded("slack"), logger, stateDir: config.stateDir, rateLimiter }));
  if (config.discord) starts.push(startDiscord({ config: config.discord, engine: recorded("discord"), logger, rateLimiter }));
  const settled = await Promise.allSettled(starts);
  const running = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  if (failed.length > 0) {
    for (const err of failed) logger.error("start-up failed", { err });
    await Promise.allSettled(running.map((r) => r.stop()));
    return 1;
  }
  logger.info("started", { slack: Boolean(config.slack), discord: Boolean(config.discord), kb: engine.status().version });

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      logger.info("stopping", { signal });
      void Promise.allSettled(running.map((r) => r.stop())).then(() => resolveStop());
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  return 0;
}

process.exitCode = await main();
