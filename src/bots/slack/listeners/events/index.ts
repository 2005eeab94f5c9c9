// Events API listeners: mentions in channels, direct messages and replies in the bot's threads.
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import * as appMention from "./app-mention.ts";
import * as directMessage from "./direct-message.ts";
import * as threadReply from "./thread-reply.ts";

export function register(app: App, deps: SlackDeps): void {
  appMention.register(app, deps);
  directMessage.register(app, deps);
  threadReply.register(app, deps);
}
