import { describe, expect, it } from "vitest";
import { threadReplySkip } from "../../../src/bots/slack/listeners/events/thread-reply.ts";

describe("threadReplySkip", () => {
  it.each([
    ["<@UBOT0001> and why?", "mentions-bot"],
    ["<@UOTHER01> what do you think?", "mentions-other"],
    ["<!subteam^S0123|chips> when?", "mentions-other"],
    ["<!here> why?", "mentions-other"],
    ["thanks!", "not-a-question"],
    ["and when was that?", null],
  ] as const)("%j: %s", (text, reason) => {
    expect(threadReplySkip(text, "UBOT0001")).toBe(reason);
  });
});
