// A click on a suggested follow-up: its question asked where the answer is (its channel or
// thread), restated with who asked, in the conversation of the answer the button is under.
import type { ButtonInteraction } from "discord.js";
import type { CommandContext } from "./commands/types.ts";
import { conversationOf, rememberAnswer } from "./conversation.ts";
import { answerInConversation } from "./converse.ts";
import { escapeMarkdown } from "./format.ts";
import { deferIfSlow, noMentions } from "./respond.ts";
import { createMemoryConversationStore } from "../../engine/conversation-store.ts";

export async function answerFollowUpClick(interaction: ButtonInteraction, question: string, ctx: CommandContext): Promise<void> {
  // Without a store the click is still answered, on its own.
  const store = ctx.conversations ?? createMemoryConversationStore({ max: 1 });
  const facts = { id: interaction.id, guildId: interaction.guildId, channelId: interaction.channelId, repliesToBot: interaction.message.id, thread: null };
  const conversation = await conversationOf(facts, interaction.applicationId, store);
  const lead = `**<@${interaction.user.id}>:** ${escapeMarkdown(question)}`;
  const { answer, reply } = await deferIfSlow(interaction, answerInConversation({ engine: ctx.engine, conversations: store }, conversation, question, lead));
  const body = { ...reply, allowedMentions: noMentions() };
  if (interaction.deferred) await interaction.editReply(body);
  else await interaction.reply(body);
  const sent = await interaction.fetchReply().catch(() => null);
  if (sent) await rememberAnswer(store, conversation, sent.id);
  ctx.logger.info("discord: follow-up answered", { answered: answer.answered, citations: answer.citations.length, lang: answer.lang });
}
