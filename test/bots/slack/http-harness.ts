// The real Bolt app over HTTP on 127.0.0.1, against a fresh fake Slack, with the fixed-answer
// engine, logs kept in memory and a state directory of its own, for the files that drive it
// with signed requests. The directory goes with the file's tests (temp-dir.ts).
import { startSlack, type SlackBot, type StartSlackOptions } from "../../../src/bots/slack/app.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { createFakeEngine } from "./fake-engine.ts";
import { FakeSlack } from "./fake-slack.ts";
import { createMemoryLogger, testConfig } from "./helpers.ts";
import { SIGNING_SECRET } from "./slack-requests.ts";

export interface HttpSlack {
  fake: FakeSlack;
  bot: SlackBot;
  memory: ReturnType<typeof createMemoryLogger>;
  stateDir: string;
  /** Where signed events, commands and clicks are posted. */
  eventsUrl: string;
  stop(): Promise<void>;
}

/** Starts the bot; `options` adds to (or overrides) the start options every such file uses. */
export async function startHttpSlack(name: string, options: Partial<StartSlackOptions> = {}): Promise<HttpSlack> {
  const fake = await FakeSlack.start();
  const stateDir = await tempDir(`slack-${name}`);
  const memory = createMemoryLogger();
  const bot = await startSlack({
    config: testConfig({ apiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET }),
    engine: createFakeEngine(),
    logger: memory.logger,
    stateDir,
    port: 0,
    host: "127.0.0.1",
    ...options,
  });
  return {
    fake,
    bot,
    memory,
    stateDir,
    eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    async stop() {
      await bot.stop();
      await fake.close();
    },
  };
}
