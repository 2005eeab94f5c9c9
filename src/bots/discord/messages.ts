// Mentions, direct messages and follow-ups. Without the (privileged) Message Content intent,
// Discord still delivers the content of messages that mention the bot, of DMs and of replies
// to the bot, which is all this needs; plain messages in the bot's threads carry content only
// with that intent (DISCORD_MESSAGE_CONTENT). A mention is answered as a reply to its message,
// with the mention stripped; a reply to an answer, a DM, or a message in the bot's thread is
// read in its conversation (conversation.ts).
// A mention of the bot's own managed role (the role Discord creates for it in each server,
// which autocomplete offers beside the bot's name) counts as a mention of the bot.
import type { Message } from "discord.js";
import type { ConversationStore } from "../../engine/conversation-store.ts";
import type { Engine } from "../../engine/engine-types.ts";
import type { Logger } from "../../log.ts";
import { rateLimitedText, type RateLimiter } from "../shared/rate-limit.ts";
import { conversationOf, rememberAnswer } from "./conversation.ts";
import { answerInConversation } from "./converse.ts";
import { factsOf, isFollowUpMessage } from "./follow-up-messages.ts";
import { formatAnswerEmbed, formatShortUsage } from "./format.ts";
import { noMentions } from "./respond.ts";
import { langFromText, stringsFor } from "./strings.ts";

/** Why a message is answered, or null when it is not for the bot. */
export type MessageReason = "mention" | "dm";

export interface MessageFacts {
  authorIsBot: boolean;
  /** Null in DMs. */
  guildId: string | null;
  /** Users mentioned explicitly (an @everyone or @here alone mentions nobody). */
  mentionedUserIds: Iterable<string>;
  /** Roles mentioned. Default none. */
  mentionedRoleIds?: Iterable<string>;
}

/** `botRoleId`: the bot's managed role in the message's server, or null when it has none (or in a DM). */
export function classifyMessage(facts: MessageFacts, botId: string, botRoleId: string | null = null): MessageReason | null {
  if (facts.authorIsBot) return null;
  if (facts.guildId === null) return "dm";
  for (const id of facts.mentionedUserIds) if (id === botId) return "mention";
  if (botRoleId !== null) for (const id of facts.mentionedRoleIds ?? []) if (id === botRoleId) return "mention";
  return null;
}

/** The question in a message: the text without the bot's mentions (user or managed role), whitespace collapsed. */
export function questionFromMessage(content: string, botId: string, botRoleId: string | null = null): string {
  const role = botRoleId === null ? "" : `|<@&${botRoleId}>`;
  return content
    .replace(new RegExp(`<@!?${botId}>${role}`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

export interface MessageContext {
  engine: Engine;
  logger: Logger;
  /** Per-user question limit; absent means no limit. */
  rateLimiter?: RateLimiter;
  /** Reply chains, threads and DMs the bot answered in; without it every message stands alone. */
  conversations?: ConversationStore;
}

export function createMessageHandler(ctx: MessageContext): (message: Message) => Promise<void> {
  return async (message) => {
    const me = message.client.user;
    if (!me || message.system || message.webhookId) return;
    // The role whose tags name this bot, from the server's cached roles.
    const botRoleId = message.guild?.roles.botRoleFor(me)?.id ?? null;
    const reason = classifyMessage(
      {
        authorIsBot: message.author.bot,
        guildId: message.guildId,
        mentionedUserIds: message.mentions.users.keys(),
        mentionedRoleIds: message.mentions.roles.keys(),
      },
      me.id,
      botRoleId,
    );
    const store = ctx.conversations;
    const conversation = store && !message.author.bot ? await conversationOf(await factsOf(message, me.id, store), me.id, store) : null;
    if (!reason && !(conversation && isFollowUpMessage(message, conversation))) return;

    const via = reason ?? conversation?.via ?? null;
    const logger = ctx.logger.child({ message: message.id, user: message.author.id, guild: message.guildId, via });
    const question = questionFromMessage(message.content, me.id, botRoleId);
    try {
      if (!question) {
        const usage = ctx.engine.usage("ko");
        await message.reply({ content: formatShortUsage(usage.examples, me.username), allowedMentions: noMentions() });
        logger.info("discord: usage sent for an empty question");
        return;
      }
      const limited = await ctx.rateLimiter?.take(`discord:${message.author.id}`);
      if (limited && !limited.ok) {
        await message.reply({
          content: rateLimitedText(langFromText(question), limited.retryAfterMs, ctx.rateLimiter!.perMinute),
          allowedMentions: noMentions(),
        });
        logger.info("discord: rate limited", { retryAfterMs: limited.retryAfterMs });
        return;
      }
      let answer;
      if (store && conversation) {
        const conversed = await answerInConversation({ engine: ctx.engine, conversations: store }, conversation, question);
        answer = conversed.answer;
        const sent = await message.reply({ ...conversed.reply, allowedMentions: noMentions() });
        await rememberAnswer(store, conversation, sent.id);
      } else {
        answer = await ctx.engine.ask(question);
        await message.reply({ embeds: [formatAnswerEmbed(answer)], allowedMentions: noMentions() });
      }
      logger.info("discord: message answered", {
        answered: answer.answered,
        refusal: answer.refusal,
        citations: answer.citations.length,
        lang: answer.lang,
        kbVersion: answer.kbVersion,
      });
    } catch (error) {
      logger.error("discord: message handler failed", { error });
      try {
        await message.reply({ content: stringsFor(langFromText(question)).apology, allowedMentions: noMentions() });
      } catch (apologyError) {
        logger.error("discord: could not send the apology", { error: apologyError });
      }
    }
  };
}
