// The questions to ask next, as buttons under an answer. A button carries its question in its
// custom id (at most 100 characters), so a click is answered after a restart too; a question
// too long for that is not offered.
import type { APIActionRowComponent, APIButtonComponent } from "discord.js";

export const FOLLOW_UP_PREFIX = "chokepoint:next:";
const CUSTOM_ID_CHARS = 100;
const LABEL_CHARS = 80;

const fit = (text: string, max: number) => (Array.from(text).length <= max ? text : `${Array.from(text).slice(0, max - 1).join("")}…`);

/** One row of up to three buttons (Discord's style 2, secondary), or none. */
export function followUpRow(questions: readonly string[]): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = questions
    .filter((q) => (FOLLOW_UP_PREFIX + q).length <= CUSTOM_ID_CHARS)
    .slice(0, 3)
    .map((q) => ({ type: 2, style: 2, custom_id: FOLLOW_UP_PREFIX + q, label: fit(q.charAt(0).toUpperCase() + q.slice(1), LABEL_CHARS) }));
  return buttons.length === 0 ? [] : [{ type: 1, components: buttons }];
}

/** The question a follow-up button carries, or null for another button. */
export function followUpQuestion(customId: string): string | null {
  return customId.startsWith(FOLLOW_UP_PREFIX) ? customId.slice(FOLLOW_UP_PREFIX.length) : null;
}
