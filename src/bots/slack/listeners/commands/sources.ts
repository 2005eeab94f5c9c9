// `/sources`: the articles the bot answers from, for the asker only.
import type { App } from "@slack/bolt";
import { formatApology, formatSources } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { helpLang } from "../../question.ts";

export function register(app: App, deps: SlackDeps): void {
  app.command("/sources", async ({ command, ack, respond }) => {
    await ack();
    const lang = helpLang(command.text);
    const log = deps.logger.child({ command: "/sources", channel: command.channel_id, user: command.user_id });
    try {
      await respond({ response_type: "ephemeral", ...formatSources(deps.engine.sources(), lang) });
    } catch (err) {
      log.error("slack: listing sources failed", { err });
      await respond({ response_type: "ephemeral", ...formatApology(lang) }).catch((e: unknown) =>
        log.warn("slack: could not send the apology", { err: e }),
      );
    }
  });
}
