// A 👍/👎 click under an answer: acked, recorded as a JSON line (question, answer, user, vote,
// time, channel), and thanked with a message only the clicker sees.
import type { App, BlockButtonAction } from "@slack/bolt";
import type { Lang } from "../../../../answer/types.ts";
import type { FeedbackEntry } from "../../../shared/feedback.ts";
import { FEEDBACK_ACTION_DOWN, FEEDBACK_ACTION_UP, formatApology, formatThanks } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";

const actionIds = new RegExp(`^(?:${FEEDBACK_ACTION_UP}|${FEEDBACK_ACTION_DOWN})$`);

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>({ type: "block_actions", action_id: actionIds }, async ({ ack, body, action, client, respond }) => {
    await ack();
    const answerId = (action.value ?? "").slice(0, 64);
    const remembered = deps.recentAnswers.get(answerId);
    const lang: Lang = remembered?.lang ?? "en";
    const channel = body.channel?.id ?? remembered?.channel ?? null;
    const threadTs: unknown = body.message?.thread_ts;
    const log = deps.logger.child({ action: action.action_id, channel, user: body.user.id, answerId });

    const entry: FeedbackEntry = {
      at: new Date().toISOString(),
      platform: "slack",
      user: body.user.id,
      channel,
      vote: action.action_id === FEEDBACK_ACTION_UP ? "up" : "down",
      question: remembered?.question ?? null,
      // After a restart the answer is no longer remembered: keep the message's fallback text.
      answer: remembered?.answer ?? String(body.message?.text ?? ""),
      answerId,
      answered: remembered?.answered ?? null,
      lang: remembered?.lang ?? null,
      kbVersion: remembered?.kbVersion ?? null,
    };

    const tell = async (message: ReturnType<typeof formatThanks>): Promise<void> => {
      if (channel !== null) {
        try {
          await client.chat.postEphemeral({
            channel,
            user: body.user.id,
            ...(typeof threadTs === "string" ? { thread_ts: threadTs } : {}),
            text: message.text,
            blocks: message.blocks,
          });
          return;
        } catch (err) {
          // e.g. not_in_channel under an /ask reply: the response_url still reaches the user.
          log.debug("slack: postEphemeral failed, using response_url", { err });
        }
      }
      await respond({ response_type: "ephemeral", replace_original: false, ...message });
    };

    try {
      await deps.feedback.record(entry);
      log.info("slack: feedback recorded", { vote: entry.vote, remembered: remembered !== undefined });
      await tell(formatThanks(lang));
    } catch (err) {
      log.error("slack: recording feedback failed", { err });
      await tell(formatApology(lang)).catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
    }
  });
}
