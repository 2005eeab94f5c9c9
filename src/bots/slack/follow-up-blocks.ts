// What a conversation adds to a formatted answer: the line saying what a follow-up was taken
// to be, and buttons with the questions to ask next (each asked in the thread when clicked).
import type { Lang } from "../../answer/types.ts";
import { boundMessage, escapeMrkdwn, FEEDBACK_BLOCK_ID, LIMITS, messageChars, type Block, type SlackMessage } from "./format.ts";

export const FOLLOW_UP_BLOCK_ID = "chokepoint_follow_ups";
/** Action ids of the follow-up buttons: `chokepoint_follow_up_0` … (Slack wants them distinct). */
export const FOLLOW_UP_ACTION_PREFIX = "chokepoint_follow_up_";
export const FOLLOW_UP_ACTION = new RegExp(`^${FOLLOW_UP_ACTION_PREFIX}\\d$`);
/** Slack cuts a button's label at 75 characters. */
const BUTTON_LABEL_CHARS = 75;

const LABEL: Record<Lang, string> = { en: "Ask next", ko: "이어서 물어보기" };

function fit(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** A question as a button shows it: its first letter capitalized. */
export function buttonLabel(question: string): string {
  const t = question.trim();
  return fit(t.charAt(0).toUpperCase() + t.slice(1), BUTTON_LABEL_CHARS);
}

/** The answer with "(about: …)" above it, in the blocks and the fallback text. */
export function withAbout(message: SlackMessage, about: string | undefined): SlackMessage {
  if (!about) return message;
  const line: Block = { type: "context", elements: [{ type: "mrkdwn", text: `_${escapeMrkdwn(fit(about, 500))}_` }] };
  return boundMessage(`${escapeMrkdwn(about)}\n${message.text}`, [line, ...message.blocks]);
}

/** The answer with up to three follow-up buttons, above its feedback buttons; unchanged when there is no room (blocks or characters). */
export function withFollowUps(message: SlackMessage, questions: readonly string[], lang: Lang): SlackMessage {
  if (questions.length === 0 || message.blocks.length + 2 > LIMITS.blocks) return message;
  const blocks: Block[] = [
    { type: "context", elements: [{ type: "mrkdwn", text: `*${LABEL[lang]}*` }] },
    {
      type: "actions",
      block_id: FOLLOW_UP_BLOCK_ID,
      elements: questions.slice(0, 3).map((q, i) => ({
        type: "button",
        action_id: `${FOLLOW_UP_ACTION_PREFIX}${i}`,
        text: { type: "plain_text", text: buttonLabel(q), emoji: false },
        value: fit(q, LIMITS.buttonValue),
      })),
    },
  ];
  if (messageChars({ text: message.text, blocks: [...message.blocks, ...blocks] }) > LIMITS.messageChars) return message;
  const at = message.blocks.findIndex((b) => b.type === "actions" && b.block_id === FEEDBACK_BLOCK_ID);
  const all = at < 0 ? [...message.blocks, ...blocks] : [...message.blocks.slice(0, at), ...blocks, ...message.blocks.slice(at)];
  return boundMessage(message.text, all);
}
