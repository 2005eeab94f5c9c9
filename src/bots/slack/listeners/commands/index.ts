// Slash commands: /ask, /sources, /timeline, /kb.
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import * as ask from "./ask.ts";
import * as kb from "./kb.ts";
import * as sources from "./sources.ts";
import * as timeline from "./timeline.ts";

export function register(app: App, deps: SlackDeps): void {
  ask.register(app, deps);
  sources.register(app, deps);
  timeline.register(app, deps);
  kb.register(app, deps);
}
