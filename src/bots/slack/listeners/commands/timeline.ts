// `/timeline [topic]`: the dated events about a topic in order (or the key events), posted
// in the channel like an answer.
import type { App } from "@slack/bolt";
import { detectLang } from "../../../../search/analysis.ts";
import { formatApology, formatTimeline } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { extractQuestion, helpLang } from "../../question.ts";

export function register(app: App, deps: SlackDeps): void {
  app.command("/timeline", async ({ command, ack, respond }) => {
    await ack();
    const topic = extractQuestion(command.text) || null;
    const log = deps.logger.child({ command: "/timeline", channel: command.channel_id, user: command.user_id });
    try {
      const t = await deps.engine.timeline(topic, topic ? detectLang(topic) : "en");
      await respond({ response_type: t.entries.length > 0 ? "in_channel" : "ephemeral", ...formatTimeline(t) });
    } catch (err) {
      log.error("slack: building the timeline failed", { err });
      await respond({ response_type: "ephemeral", ...formatApology(helpLang(command.text)) }).catch((e: unknown) =>
        log.warn("slack: could not send the apology", { err: e }),
      );
    }
  });
}
