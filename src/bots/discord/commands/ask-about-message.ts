// "Ask Chokepoint", a message context-menu command: the message's text is the question.
// Discord delivers the target message's content with the interaction, without the Message
// Content intent. Answered like /ask: visible when answered, ephemeral when refused, and the
// answer starts a conversation for replies to it.
import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType, MessageFlags, type MessageContextMenuCommandInteraction, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from "discord.js";
import { rateLimitedText } from "../../shared/rate-limit.ts";
import { answerKey, CHAIN_TTL_MS } from "../conversation.ts";
import { followUpRow } from "../follow-up-components.ts";
import { formatAnswerEmbed } from "../format.ts";
import { deferIfSlow, noMentions, replyOrEdit } from "../respond.ts";
import { langFromLocale, langFromText } from "../strings.ts";
import { QUESTION_MAX_LENGTH } from "./ask.ts";
import type { CommandContext } from "./types.ts";

export interface MessageCommand {
  data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void>;
}

export const ASK_ABOUT_MESSAGE = "Ask Chokepoint";
const NO_TEXT = { en: "That message has no text to ask about.", ko: "이 메시지에는 질문할 텍스트가 없습니다." } as const;

export const askAboutMessageCommand: MessageCommand = {
  data: new ContextMenuCommandBuilder()
    .setName(ASK_ABOUT_MESSAGE)
    .setNameLocalizations({ ko: "Chokepoint에게 묻기" })
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, { engine, logger, rateLimiter, conversations }) {
    const question = Array.from(interaction.targetMessage.content.replace(/\s+/gu, " ").trim()).slice(0, QUESTION_MAX_LENGTH).join("");
    if (question === "") {
      await interaction.reply({ content: NO_TEXT[langFromLocale(interaction.locale)], flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
      return;
    }
    const limited = await rateLimiter?.take(`discord:${interaction.user.id}`);
    if (limited && !limited.ok) {
      await interaction.reply({
        content: rateLimitedText(langFromText(question), limited.retryAfterMs, rateLimiter!.perMinute),
        flags: MessageFlags.Ephemeral,
        allowedMentions: noMentions(),
      });
      return;
    }
    const answer = await deferIfSlow(interaction, Promise.resolve(engine.ask(question)));
    const followUps = answer.answered && engine.followUps ? await engine.followUps(answer) : [];
    await replyOrEdit(interaction, { embeds: [formatAnswerEmbed(answer)], ephemeral: !answer.answered, components: followUpRow(followUps) });
    if (answer.answered && conversations) {
      const sent = await interaction.fetchReply().catch(() => null);
      if (sent) await conversations.set(answerKey(sent.id), { question, at: Date.now() }, CHAIN_TTL_MS);
    }
    logger.info("discord: message question answered", { answered: answer.answered, citations: answer.citations.length, lang: answer.lang });
  },
};
