// Events API listeners: mentions in channels and direct messages.
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import * as appMention from "./app-mention.ts";
import * as directMessage from "./direct-message.ts";

export function register(app: App, deps: SlackDeps): void {
  appMention.register(app, deps);
  directMessage.register(app, deps);
}
