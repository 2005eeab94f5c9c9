// Every slash command the bot registers and answers.
import { askCommand } from "./ask.ts";
import { askAboutMessageCommand, type MessageCommand } from "./ask-about-message.ts";
import { helpCommand } from "./help.ts";
import { kbCommand } from "./kb.ts";
import { sourcesCommand } from "./sources.ts";
import { timelineCommand } from "./timeline.ts";
import type { Command } from "./types.ts";

export type { Command, CommandContext } from "./types.ts";
export type { MessageCommand } from "./ask-about-message.ts";

export const commands: readonly Command[] = [askCommand, sourcesCommand, timelineCommand, helpCommand, kbCommand];

/** Message context-menu commands (right-click a message → Apps). */
export const messageCommands: readonly MessageCommand[] = [askAboutMessageCommand];
