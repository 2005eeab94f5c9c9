// The "Ask Chokepoint" message shortcut: the message's text is the question, answered in the
// message's thread (restating who asked), which the bot then takes part in. When the bot
// cannot post there (it is not in the channel), the asker alone gets the answer.
import type { App, MessageShortcut } from "@slack/bolt";
import { threadConversation } from "../../conversation.ts";
import { formatApology } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { extractQuestion, helpLang } from "../../question.ts";
import { buildReply } from "../../reply.ts";

export const ASK_SHORTCUT_ID = "ask_chokepoint";

export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ type: "message_action", callback_id: ASK_SHORTCUT_ID }, async ({ ack, shortcut, client, respond, context }) => {
    await ack();
    const channel = shortcut.channel.id;
    const threadTs = shortcut.message.thread_ts ?? shortcut.message.ts;
    const question = extractQuestion(shortcut.message.text ?? "", context.botUserId);
    const log = deps.logger.child({ shortcut: ASK_SHORTCUT_ID, channel, user: shortcut.user.id });
    try {
      const { message } = await buildReply(deps, question, {
        channel,
        user: shortcut.user.id,
        askedBy: shortcut.user.id,
        conversation: threadConversation(channel, threadTs),
      });
      try {
        await client.chat.postMessage({ channel, thread_ts: threadTs, ...message });
      } catch (err) {
        log.warn("slack: could not answer the shortcut in the thread; answering the asker alone", { err });
        await respond({ response_type: "ephemeral", ...message });
      }
    } catch (err) {
      log.error("slack: answering a message shortcut failed", { err });
      await respond({ response_type: "ephemeral", ...formatApology(helpLang(question)) }).catch((e: unknown) =>
        log.warn("slack: could not send the apology", { err: e }),
      );
    }
  });
}
