// Registers every listener, by kind.
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.ts";
import * as actions from "./actions/index.ts";
import * as assistant from "./assistant.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";
import * as askAboutMessage from "./shortcuts/ask-about-message.ts";

export function registerListeners(app: App, deps: SlackDeps): void {
  // First: the assistant's middleware takes assistant threads' messages before the DM listener.
  assistant.register(app, deps);
  events.register(app, deps);
  commands.register(app, deps);
  actions.register(app, deps);
  askAboutMessage.register(app, deps);
}
