// `/sources [words]`: the articles the bot answers from (those matching the words), for the asker only.
import type { App } from "@slack/bolt";
import { filterSources } from "../../../shared/source-filter.ts";
import { formatApology, formatSources } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { extractQuestion, helpLang } from "../../question.ts";

export function register(app: App, deps: SlackDeps): void {
  app.command("/sources", async ({ command, ack, respond }) => {
    await ack();
    const lang = helpLang(command.text);
    const query = extractQuestion(command.text);
    const log = deps.logger.child({ command: "/sources", channel: command.channel_id, user: command.user_id });
    try {
      const all = deps.engine.sources();
      const message = query === "" ? formatSources(all, lang) : formatSources(filterSources(all, query), lang, { query, of: all.length });
      await respond({ response_type: "ephemeral", ...message });
    } catch (err) {
      log.error("slack: listing sources failed", { err });
      await respond({ response_type: "ephemeral", ...formatApology(lang) }).catch((e: unknown) =>
        log.warn("slack: could not send the apology", { err: e }),
      );
    }
  });
}
