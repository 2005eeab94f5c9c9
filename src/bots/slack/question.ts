// Turning the text of a Slack message or command into the question the answer core reads.
import type { Lang } from "../../answer/types.ts";
import { detectLang } from "../shared/lang.ts";

/** Undoes Slack's own escaping of `&`, `<` and `>` in message text. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * The question in a message: the bot's mention removed (anywhere when its user id is known,
 * else a leading mention), links reduced to their label or address, channel links to their
 * name, Slack's escaping undone, whitespace collapsed. Other markup (`<!channel>`, `<@U…>`)
 * is kept as text, and escaped again when shown.
 */
export function extractQuestion(text: string, botUserId?: string | null): string {
  let t = text;
  if (botUserId) {
    t = t.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ");
  } else {
    t = t.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, " ");
  }
  t = t
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<((?:https?|mailto):[^|>]+)>/g, "$1");
  return unescapeSlack(t).replace(/\s+/g, " ").trim();
}

const HELP_WORDS = new Set(["help", "?", "usage", "도움말", "도움", "사용법"]);

/** True when the text asks for help rather than asking a question (or is empty). */
export function isHelpRequest(question: string): boolean {
  return question === "" || HELP_WORDS.has(question.toLowerCase());
}

/** The language for help replies: Korean when the text has Hangul, else English. */
export function helpLang(question: string): Lang {
  return detectLang(question, "en");
}
