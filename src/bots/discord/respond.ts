// Sending helpers shared by the command and message handlers.
import {
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type RepliableInteraction,
  type EmbedBuilder,
  type MessageMentionOptions,
} from "discord.js";
import { clampContent } from "./format.ts";

/**
 * Mentions allowed in anything the bot sends: none. Text from a question or a document can
 * then never ping @everyone, a role or a user. Set on the Client and again on every message.
 */
export function noMentions(): MessageMentionOptions {
  return { parse: [] };
}

/**
 * An apology after a handler failed, by the interaction's state: an ephemeral reply when
 * nothing was sent yet, an edit of the deferred reply (keeping the visibility it was
 * deferred with), or an ephemeral follow-up after a reply.
 */
export async function sendApology(interaction: RepliableInteraction, text: string): Promise<void> {
  const content = clampContent(text);
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ content, embeds: [], allowedMentions: noMentions() });
  } else if (interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
  }
}

/** Discord drops an interaction not acknowledged within 3 s: slower work is deferred first. */
export const DEFER_AFTER_MS = 2_000;

/**
 * Waits for `work` (an answer from the knowledge thread: milliseconds, unless it is busy or
 * restarting). When it is not done within `deferAfterMs`, the interaction is deferred, visibly,
 * meanwhile, which keeps it valid for 15 minutes; `replyOrEdit` then fills the deferred reply.
 */
export async function deferIfSlow<T>(interaction: RepliableInteraction, work: Promise<T>, deferAfterMs = DEFER_AFTER_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<"slow">((resolve) => (timer = setTimeout(() => resolve("slow"), deferAfterMs)));
  try {
    if ((await Promise.race([work.then(() => "done" as const), slow])) === "slow") await interaction.deferReply();
  } finally {
    clearTimeout(timer);
  }
  return work;
}

/**
 * The reply, or the edit of a deferred one. A deferred reply is visible and keeps the visibility
 * it was deferred with, so a reply meant to be private (a refusal that came late) instead
 * deletes it and follows up ephemerally: deleted first, since the first follow-up after a
 * deferral would otherwise become the visible deferred message itself.
 */
export async function replyOrEdit(
  interaction: RepliableInteraction,
  reply: { embeds: Array<APIEmbed | EmbedBuilder>; ephemeral: boolean; components?: APIActionRowComponent<APIButtonComponent>[] },
): Promise<void> {
  const components = reply.components?.length ? { components: reply.components } : {};
  if (interaction.deferred && reply.ephemeral) {
    await interaction.deleteReply();
    await interaction.followUp({ embeds: reply.embeds, flags: MessageFlags.Ephemeral, allowedMentions: noMentions(), ...components });
  } else if (interaction.deferred) {
    await interaction.editReply({ embeds: reply.embeds, allowedMentions: noMentions(), ...components });
  } else {
    await interaction.reply({ embeds: reply.embeds, allowedMentions: noMentions(), ...components, ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }
}
