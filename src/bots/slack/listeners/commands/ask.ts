// `/ask <question>`: answered in the channel for everyone (`response_type: in_channel`),
// restating the question since nobody else saw the command. `/ask`, `/ask help` get usage.
import type { App } from "@slack/bolt";
import { formatApology } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { extractQuestion, helpLang } from "../../question.ts";
import { buildReply } from "../../reply.ts";

export function register(app: App, deps: SlackDeps): void {
  app.command("/ask", async ({ command, ack, respond }) => {
    await ack();
    const question = extractQuestion(command.text);
    const log = deps.logger.child({ command: "/ask", channel: command.channel_id, user: command.user_id });
    try {
      const { message, kind } = await buildReply(deps, question, { channel: command.channel_id, askedBy: command.user_id, user: command.user_id });
      // Usage is for the asker only; answers are for the channel.
      await respond({ response_type: kind === "answer" ? "in_channel" : "ephemeral", ...message });
    } catch (err) {
      log.error("slack: answering /ask failed", { err });
      await respond({ response_type: "ephemeral", ...formatApology(helpLang(question)) }).catch((e: unknown) =>
        log.warn("slack: could not send the apology", { err: e }),
      );
    }
  });
}
