// Every slash command the bot registers and answers.
import { askCommand } from "./ask.ts";
import { helpCommand } from "./help.ts";
import { kbCommand } from "./kb.ts";
import { sourcesCommand } from "./sources.ts";
import { timelineCommand } from "./timeline.ts";
import type { Command } from "./types.ts";

export type { Command, CommandContext } from "./types.ts";

export const commands: readonly Command[] = [askCommand, sourcesCommand, timelineCommand, helpCommand, kbCommand];
