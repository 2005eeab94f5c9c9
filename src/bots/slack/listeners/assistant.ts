// Slack's assistant surface (Agents & AI Apps): a new assistant thread shows example
// questions as suggested prompts; a message there is answered in the thread, in the thread's
// context, with a status shown while the answer is made. Bolt's Assistant takes the
// assistant events (and DM messages in threads) before any other listener.
import { Assistant, type App } from "@slack/bolt";
import type { AssistantThreadContext, AssistantThreadContextStore } from "@slack/bolt/dist/AssistantThreadContextStore.js";
import type { Lang } from "../../../answer/types.ts";
import { Lru } from "../../../lru.ts";
import { threadConversation } from "../conversation.ts";
import type { SlackDeps } from "../deps.ts";
import { formatApology } from "../format.ts";
import { extractQuestion, helpLang } from "../question.ts";
import { buildReply, isFromBotOrSystem, type MaybeBotMessage } from "../reply.ts";

/** Slack shows at most four suggested prompts. */
export const MAX_PROMPTS = 4;
const PROMPT_TITLE_CHARS = 75;
const THREADS_KEPT = 2_000;

export const ASSISTANT_STRINGS: Record<Lang, { promptsTitle: string; status: string }> = {
  en: { promptsTitle: "Try asking", status: "is reading the articles…" },
  ko: { promptsTitle: "이렇게 물어보세요", status: "기사를 찾아보는 중…" },
};

const fit = (text: string, max: number) => (Array.from(text).length <= max ? text : `${Array.from(text).slice(0, max - 1).join("")}…`);

/** The suggested prompts: example questions, alternating English and Korean, at most four. */
export function suggestedPrompts(examples: { en: readonly string[]; ko: readonly string[] }): { title: string; message: string }[] {
  const out: { title: string; message: string }[] = [];
  for (let i = 0; out.length < MAX_PROMPTS && (i < examples.en.length || i < examples.ko.length); i++) {
    for (const q of [examples.en[i], examples.ko[i]]) {
      if (q !== undefined && out.length < MAX_PROMPTS) out.push({ title: fit(q, PROMPT_TITLE_CHARS), message: q });
    }
  }
  return out;
}

/** Where the user was when they opened the thread, kept in memory (Bolt's default reads it back from message metadata). */
function memoryContextStore(): AssistantThreadContextStore {
  const contexts = new Lru<string, AssistantThreadContext>(THREADS_KEPT);
  const keyOf = (payload: unknown): string | null => {
    const p = payload as { assistant_thread?: { channel_id?: string; thread_ts?: string }; channel?: string; thread_ts?: string };
    const channel = p.assistant_thread?.channel_id ?? p.channel;
    const ts = p.assistant_thread?.thread_ts ?? p.thread_ts;
    return channel && ts ? `${channel}:${ts}` : null;
  };
  return {
    async get(args) {
      const key = keyOf(args.payload);
      return (key && contexts.get(key)) || {};
    },
    async save(args) {
      const key = keyOf(args.payload);
      const context = (args.payload as { assistant_thread?: { context?: AssistantThreadContext } }).assistant_thread?.context;
      if (key && context) contexts.set(key, context);
    },
  };
}

export function register(app: App, deps: SlackDeps): void {
  const threadContextStore = memoryContextStore();
  const assistant = new Assistant({
    threadContextStore,
    threadStarted: async ({ setSuggestedPrompts, saveThreadContext, event }) => {
      const usage = deps.engine.usage("en");
      try {
        await saveThreadContext();
        await setSuggestedPrompts({ title: ASSISTANT_STRINGS.en.promptsTitle, prompts: suggestedPrompts(usage.examples) });
      } catch (err) {
        deps.logger.warn("slack: could not set the assistant thread's suggested prompts", { err, channel: event.assistant_thread.channel_id });
      }
    },
    threadContextChanged: async ({ saveThreadContext }) => {
      await saveThreadContext();
    },
    userMessage: async ({ event, client, context, setStatus, body }) => {
      if (isFromBotOrSystem(event as MaybeBotMessage, context.botUserId)) return;
      const message = event as { channel: string; thread_ts?: string; ts: string; text?: string; user?: string };
      const threadTs = message.thread_ts ?? message.ts;
      const question = extractQuestion(message.text ?? "", context.botUserId);
      const log = deps.logger.child({ event: "assistant.message", eventId: (body as { event_id?: string }).event_id, channel: message.channel, user: message.user });
      // The status is a courtesy: without the assistant scope the answer still goes out.
      await setStatus(ASSISTANT_STRINGS[helpLang(question)].status).catch((err: unknown) => log.debug("slack: could not set the assistant status", { err }));
      try {
        const { message: reply } = await buildReply(deps, question, {
          channel: message.channel,
          user: message.user ?? null,
          conversation: threadConversation(message.channel, threadTs),
        });
        await client.chat.postMessage({ channel: message.channel, thread_ts: threadTs, ...reply });
      } catch (err) {
        log.error("slack: answering in an assistant thread failed", { err });
        await client.chat
          .postMessage({ channel: message.channel, thread_ts: threadTs, ...formatApology(helpLang(question)) })
          .catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
      }
    },
  });
  app.assistant(assistant);
}
