// A direct message to the bot (`message` event with `channel_type: im`; `app_mention` does
// not fire in DMs): answered in the DM, in the message's thread when it has one. The DM keeps
// its last exchange for 30 minutes, so a follow-up there is read in its context.
import type { App } from "@slack/bolt";
import { formatApology } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { extractQuestion, helpLang } from "../../question.ts";
import { dmConversation } from "../../conversation.ts";
import { buildReply, isFromBotOrSystem } from "../../reply.ts";

export function register(app: App, deps: SlackDeps): void {
  app.event("message", async ({ event, context, body }) => {
    if (event.channel_type !== "im") return;
    if (event.subtype !== undefined || isFromBotOrSystem(event, context.botUserId)) return;
    const target = { channel: event.channel, threadTs: event.thread_ts ?? null, questionId: `${event.channel}:${event.ts}`, questionTs: event.ts };
    const question = extractQuestion(event.text ?? "", context.botUserId);
    const log = deps.logger.child({ event: "message.im", eventId: body.event_id, channel: event.channel, user: event.user });
    try {
      const { message } = await buildReply(deps, question, { channel: event.channel, user: event.user ?? null, conversation: dmConversation(event.channel) });
      await deps.replies.post(target, message);
    } catch (err) {
      log.error("slack: answering a direct message failed", { err });
      await deps.replies
        .post({ ...target, questionId: `${target.questionId}:apology` }, formatApology(helpLang(question)))
        .catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
    }
  });
}
