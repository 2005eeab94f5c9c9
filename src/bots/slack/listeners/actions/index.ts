// Interactive actions: the feedback buttons under answers.
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import * as feedbackVote from "./feedback-vote.ts";

export function register(app: App, deps: SlackDeps): void {
  feedbackVote.register(app, deps);
}
