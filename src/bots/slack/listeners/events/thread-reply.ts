// A reply in a channel thread the bot has answered in, without a mention: answered in that
// thread, in its context. Left alone: replies in threads the bot never joined, replies that
// mention the bot (app_mention answers those) or anyone else, and replies that do not read as
// a question ("thanks!"). Needs the message.channels / message.groups events.
import type { App } from "@slack/bolt";
import { tookPart } from "../../../../engine/conversation.ts";
import { looksLikeQuestion } from "../../../shared/question-like.ts";
import { threadConversation } from "../../conversation.ts";
import { formatApology } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { extractQuestion, helpLang } from "../../question.ts";
import { buildReply, isFromBotOrSystem } from "../../reply.ts";

/** A user, user group or broadcast mention (`<@U…>`, `<!subteam^…>`, `<!here>`). */
const MENTION = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>|<!(?:here|channel|everyone)(?:\|[^>]*)?>/u;

/** Why a thread reply is not for the bot, or null when it is to be answered (given the bot took part). */
export function threadReplySkip(text: string, botUserId: string | undefined): "mentions-bot" | "mentions-other" | "not-a-question" | null {
  if (botUserId && text.includes(`<@${botUserId}`)) return "mentions-bot";
  if (MENTION.test(text)) return "mentions-other";
  return looksLikeQuestion(extractQuestion(text, botUserId)) ? null : "not-a-question";
}

export function register(app: App, deps: SlackDeps): void {
  app.event("message", async ({ event, context, body }) => {
    if (event.channel_type !== "channel" && event.channel_type !== "group") return;
    if (event.subtype !== undefined || isFromBotOrSystem(event, context.botUserId)) return;
    const threadTs = event.thread_ts;
    if (threadTs === undefined || threadTs === event.ts) return;
    const text = event.text ?? "";
    if (threadReplySkip(text, context.botUserId) !== null) return;
    const conversation = threadConversation(event.channel, threadTs);
    if (!(await tookPart(deps.conversations, conversation.key))) return;
    const question = extractQuestion(text, context.botUserId);
    const target = { channel: event.channel, threadTs, questionId: `${event.channel}:${event.ts}`, questionTs: event.ts };
    const log = deps.logger.child({ event: "message.thread", eventId: body.event_id, channel: event.channel, user: event.user });
    try {
      const { message } = await buildReply(deps, question, { channel: event.channel, user: event.user ?? null, conversation });
      await deps.replies.post(target, message);
    } catch (err) {
      log.error("slack: answering a thread reply failed", { err });
      await deps.replies
        .post({ ...target, questionId: `${target.questionId}:apology` }, formatApology(helpLang(question)))
        .catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
    }
  });
}
