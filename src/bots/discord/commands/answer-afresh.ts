// A question asked by a command (/ask, "Ask Chokepoint"), answered afresh, never in a
// context: over the rate limit, a private notice; otherwise the answer, visible when
// answered and ephemeral when refused, with its follow-up buttons. An answered one starts a
// conversation for replies to it.
import { MessageFlags, type RepliableInteraction } from "discord.js";
import type { Answer } from "../../../answer/types.ts";
import { rateLimitedText } from "../../shared/rate-limit.ts";
import { answerKey, CHAIN_TTL_MS } from "../conversation.ts";
import { followUpRow } from "../follow-up-components.ts";
import { formatAnswerEmbed } from "../format.ts";
import { deferIfSlow, noMentions, replyOrEdit } from "../respond.ts";
import { langFromText } from "../strings.ts";
import type { CommandContext } from "./types.ts";

/** The answer sent, or null when the user was over the rate limit and told so. */
export async function answerAfresh(interaction: RepliableInteraction, question: string, ctx: CommandContext): Promise<Answer | null> {
  const { engine, logger, rateLimiter, conversations } = ctx;
  const limited = await rateLimiter?.take(`discord:${interaction.user.id}`);
  if (limited && !limited.ok) {
    logger.info("discord: rate limited", { retryAfterMs: limited.retryAfterMs });
    await interaction.reply({
      content: rateLimitedText(langFromText(question), limited.retryAfterMs, rateLimiter!.perMinute),
      flags: MessageFlags.Ephemeral,
      allowedMentions: noMentions(),
    });
    return null;
  }
  const answer = await deferIfSlow(interaction, Promise.resolve(engine.ask(question)));
  const followUps = answer.answered && engine.followUps ? await engine.followUps(answer) : [];
  await replyOrEdit(interaction, { embeds: [formatAnswerEmbed(answer)], ephemeral: !answer.answered, components: followUpRow(followUps) });
  if (answer.answered && conversations) {
    try {
      const sent = await interaction.fetchReply();
      await conversations.set(answerKey(sent.id), { question, at: Date.now() }, CHAIN_TTL_MS);
    } catch (error) {
      logger.warn("discord: could not read back the answer; replies to it start afresh", { error });
    }
  }
  return answer;
}
