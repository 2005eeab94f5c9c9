// Slash commands: /ask, /sources, /kb.
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import * as ask from "./ask.ts";
import * as kb from "./kb.ts";
import * as sources from "./sources.ts";

export function register(app: App, deps: SlackDeps): void {
  ask.register(app, deps);
  sources.register(app, deps);
  kb.register(app, deps);
}
