// A click on a suggested follow-up under an answer: acked, and its question asked in the
// answer's thread (the answer's own thread, or a new one under it), restated with who asked,
// in the thread's context. In a DM the question continues the DM.
import type { App, BlockButtonAction } from "@slack/bolt";
import { conversationOf } from "../../conversation.ts";
import { formatApology } from "../../format.ts";
import { FOLLOW_UP_ACTION } from "../../follow-up-blocks.ts";
import type { SlackDeps } from "../../deps.ts";
import { helpLang } from "../../question.ts";
import { buildReply } from "../../reply.ts";

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>({ type: "block_actions", action_id: FOLLOW_UP_ACTION }, async ({ ack, body, action }) => {
    await ack();
    const channel = body.channel?.id;
    const question = (action.value ?? "").trim();
    const message = body.message as { ts?: unknown; thread_ts?: unknown } | undefined;
    const threadTs = typeof message?.thread_ts === "string" ? message.thread_ts : typeof message?.ts === "string" ? message.ts : undefined;
    const log = deps.logger.child({ action: action.action_id, channel, user: body.user.id });
    if (!channel || !threadTs || question === "") {
      log.warn("slack: a follow-up click without its message or question");
      return;
    }
    const inThread = !(channel.startsWith("D") && message?.thread_ts === undefined);
    // The clicked answer's ts: the reply is looked for after it. One click, one question id.
    const answerTs = typeof message?.ts === "string" ? message.ts : threadTs;
    const target = { channel, threadTs: inThread ? threadTs : null, questionId: `${channel}:${answerTs}:${body.user.id}:${action.action_ts}`, questionTs: answerTs };
    try {
      const { message: reply } = await buildReply(deps, question, {
        channel,
        user: body.user.id,
        askedBy: body.user.id,
        conversation: conversationOf(channel, threadTs),
      });
      await deps.replies.post(target, reply);
    } catch (err) {
      log.error("slack: answering a follow-up click failed", { err });
      await deps.replies
        .post({ ...target, questionId: `${target.questionId}:apology` }, formatApology(helpLang(question)))
        .catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
    }
  });
}
