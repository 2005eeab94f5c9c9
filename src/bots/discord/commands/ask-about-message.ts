// "Ask Chokepoint", a message context-menu command: the message's text is the question.
// Discord delivers the target message's content with the interaction, without the Message
// Content intent. Answered like /ask: visible when answered, ephemeral when refused, and the
// answer starts a conversation for replies to it.
import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType, MessageFlags, type MessageContextMenuCommandInteraction, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from "discord.js";
import { noMentions } from "../respond.ts";
import { langFromLocale } from "../strings.ts";
import { answerAfresh } from "./answer-afresh.ts";
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

  async execute(interaction, ctx) {
    const question = Array.from(interaction.targetMessage.content.replace(/\s+/gu, " ").trim()).slice(0, QUESTION_MAX_LENGTH).join("");
    if (question === "") {
      await interaction.reply({ content: NO_TEXT[langFromLocale(interaction.locale)], flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
      return;
    }
    const answer = await answerAfresh(interaction, question, ctx);
    if (!answer) return;
    ctx.logger.info("discord: message question answered", { answered: answer.answered, citations: answer.citations.length, lang: answer.lang });
  },
};
