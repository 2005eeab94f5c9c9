// Which messages that neither mention the bot nor come by DM are still put to it: a reply to
// one of its answers, and a question in a thread it started (or one started from its answer).
// A thread message that mentions someone else, or does not read as a question, is left alone.
import type { Message } from "discord.js";
import type { ConversationStore } from "../../engine/conversation-store.ts";
import { looksLikeQuestion } from "../shared/question-like.ts";
import { answerKey, type ConversationFacts, type DiscordConversation } from "./conversation.ts";

/** The conversation facts of a message, from discord.js. */
export async function factsOf(message: Message, botId: string, store: ConversationStore): Promise<ConversationFacts> {
  const ref = message.reference?.messageId ?? null;
  const toBot = ref !== null && (message.mentions.repliedUser?.id === botId || (await store.get(answerKey(ref))) !== undefined);
  const channel = message.channel;
  return {
    id: message.id,
    guildId: message.guildId,
    channelId: message.channelId,
    repliesToBot: toBot ? ref : null,
    thread: channel.isThread() ? { id: channel.id, ownerId: channel.ownerId } : null,
  };
}

/** True when a message that does not mention the bot continues its conversation and is to be answered. */
export function isFollowUpMessage(message: Pick<Message, "content" | "mentions">, conversation: DiscordConversation): boolean {
  if (conversation.via === "reply") return message.content.trim() !== "";
  if (conversation.via !== "thread") return false;
  const m = message.mentions;
  if (m.everyone || m.users.size > 0 || m.roles.size > 0) return false;
  return looksLikeQuestion(message.content);
}
