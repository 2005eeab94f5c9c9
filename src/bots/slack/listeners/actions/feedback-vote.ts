// A 👍/👎 click under an answer: acked, recorded as a JSON line (question, answer, user, vote,
// time, channel), and shown on the message itself: a line under the buttons with the answer's
// current votes, one per person (a second click changes that person's vote). The button's
// value carries the question, so a vote on an answer the bot has forgotten (after a restart,
// or on another replica) still reaches `/kb gaps`.
import type { App, BlockButtonAction } from "@slack/bolt";
import type { Lang } from "../../../../answer/types.ts";
import { currentVotes, type FeedbackEntry } from "../../../shared/feedback.ts";
import { FEEDBACK_ACTION_DOWN, FEEDBACK_ACTION_UP, formatApology, formatThanks, withVoteReceipt, type Block } from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";
import { decodeVoteValue } from "../../vote-value.ts";

const actionIds = new RegExp(`^(?:${FEEDBACK_ACTION_UP}|${FEEDBACK_ACTION_DOWN})$`);

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>({ type: "block_actions", action_id: actionIds }, async ({ ack, body, action, client, respond }) => {
    await ack();
    const carried = decodeVoteValue(action.value ?? "");
    const answerId = carried.answerId;
    const remembered = deps.recentAnswers.get(answerId);
    const lang: Lang = remembered?.lang ?? carried.lang ?? "en";
    const channel = body.channel?.id ?? remembered?.channel ?? null;
    const threadTs: unknown = body.message?.thread_ts;
    const log = deps.logger.child({ action: action.action_id, channel, user: body.user.id, answerId });

    const entry: FeedbackEntry = {
      at: new Date().toISOString(),
      platform: "slack",
      user: body.user.id,
      channel,
      vote: action.action_id === FEEDBACK_ACTION_UP ? "up" : "down",
      question: remembered?.question ?? carried.question,
      // After a restart the answer is no longer remembered: keep the message's fallback text.
      answer: remembered?.answer ?? String(body.message?.text ?? ""),
      answerId,
      answered: remembered?.answered ?? carried.answered,
      lang: remembered?.lang ?? carried.lang,
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

    /** The answer's votes now, one per person: this click counted even if the log cannot be read back. */
    const tally = async (): Promise<{ up: number; down: number }> => {
      const all = await deps.feedback.readAll().catch((err: unknown) => {
        log.warn("slack: could not read the votes back", { err });
        return [];
      });
      const votes = currentVotes([...all.filter((e) => e.platform === "slack" && e.answerId === answerId), entry]);
      return { up: votes.filter((v) => v.vote === "up").length, down: votes.filter((v) => v.vote === "down").length };
    };

    try {
      await deps.feedback.record(entry);
      log.info("slack: feedback recorded", { vote: entry.vote, remembered: remembered !== undefined, carried: carried.question !== null });
    } catch (err) {
      log.error("slack: recording feedback failed", { err });
      await tell(formatApology(lang)).catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
      return;
    }

    const blocks = body.message?.blocks as Block[] | undefined;
    if (Array.isArray(blocks) && blocks.length > 0) {
      try {
        const receipt = withVoteReceipt(String(body.message?.text ?? ""), blocks, await tally(), lang);
        await respond({ replace_original: true, ...receipt });
        return;
      } catch (err) {
        log.warn("slack: could not show the vote on the message, thanking the voter instead", { err });
      }
    }
    await tell(formatThanks(lang)).catch((e: unknown) => log.warn("slack: could not thank the voter", { err: e }));
  });
}
