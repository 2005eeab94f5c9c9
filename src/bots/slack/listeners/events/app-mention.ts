// A mention of the bot in a channel: answered in the mention's thread (a follow-up mention
// inside a thread is answered in that same thread, in the thread's context). The rate-limit
// notice is ephemeral.
import type { App } from "@slack/bolt";
import { formatApology } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { extractQuestion, helpLang } from "../../question.ts";
import { threadConversation } from "../../conversation.ts";
import { buildReply, isFromBotOrSystem } from "../../reply.ts";

export function register(app: App, deps: SlackDeps): void {
  app.event("app_mention", async ({ event, client, context, body }) => {
    if (isFromBotOrSystem(event, context.botUserId)) return;
    const threadTs = event.thread_ts ?? event.ts;
    const target = { channel: event.channel, threadTs, questionId: `${event.channel}:${event.ts}`, questionTs: event.ts };
    const question = extractQuestion(event.text, context.botUserId);
    const log = deps.logger.child({ event: "app_mention", eventId: body.event_id, channel: event.channel, user: event.user });
    try {
      const { message, kind } = await buildReply(deps, question, {
        channel: event.channel,
        user: event.user ?? null,
        conversation: threadConversation(event.channel, threadTs),
      });
      // A notice that the asker is over the limit is for the asker alone (an ephemeral post
      // cannot be looked up afterwards, so it is not guarded against a second post).
      if (kind === "limited" && event.user) await client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts: threadTs, ...message });
      else await deps.replies.post(target, message);
    } catch (err) {
      log.error("slack: answering a mention failed", { err });
      await deps.replies
        .post({ ...target, questionId: `${target.questionId}:apology` }, formatApology(helpLang(question)))
        .catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
    }
  });
}
