// Sending helpers shared by the command and message handlers.
import { MessageFlags, type ChatInputCommandInteraction, type MessageMentionOptions } from "discord.js";
import { clampContent } from "./format.ts";

/**
 * Mentions allowed in anything the bot sends: none. Text from a question or a document can
 * then never ping @everyone, a role or a user. Set on the Client and again on every message.
 */
export function noMentions(): MessageMentionOptions {
  return { parse: [] };
}

/**
 * An ephemeral apology after a handler failed, by the interaction's state: a reply when
 * nothing was sent yet, an edit of the deferred reply (our only deferral, /kb reload, is
 * ephemeral), or an ephemeral follow-up after a reply.
 */
export async function sendApology(interaction: ChatInputCommandInteraction, text: string): Promise<void> {
  const content = clampContent(text);
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ content, embeds: [], allowedMentions: noMentions() });
  } else if (interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
  }
}
