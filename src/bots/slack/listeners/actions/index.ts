// Interactive actions: the feedback and follow-up buttons under answers.
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import * as feedbackVote from "./feedback-vote.ts";
import * as followUpClick from "./follow-up-click.ts";

export function register(app: App, deps: SlackDeps): void {
  feedbackVote.register(app, deps);
  followUpClick.register(app, deps);
}
