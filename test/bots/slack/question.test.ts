import { describe, expect, it } from "vitest";
import { extractQuestion, isHelpRequest } from "../../../src/bots/slack/question.ts";
import { isFromBotOrSystem } from "../../../src/bots/slack/reply.ts";

describe("extractQuestion", () => {
  it.each([
    ["<@UBOT> Why was the H20 approved?", "Why was the H20 approved?"],
    ["<@UBOT|chokepoint>   H20  수출은?", "H20 수출은?"],
    ["What about H200, <@UBOT>?", "What about H200, ?"],
    ["<@UBOT> <!channel> H20", "<!channel> H20"],
    ["<@UBOT> AT&amp;T &lt;b&gt;", "AT&T <b>"],
    ["<@UBOT> see <https://example.com/a|this article> and <https://example.com/b>", "see this article and https://example.com/b"],
    ["<@UBOT> in <#C0123|general>", "in #general"],
    ["<@UBOT> ask <@U0OTHER01>", "ask <@U0OTHER01>"],
    ["<@UBOT>", ""],
  ])("reads %j as %j", (text, question) => {
    expect(extractQuestion(text, "UBOT")).toBe(question);
  });

  it("strips a leading mention when the bot's user id is unknown", () => {
    expect(extractQuestion("<@U0SOMEBOT> H20?", null)).toBe("H20?");
  });
});

describe("isHelpRequest", () => {
  it.each([
    ["", true],
    ["help", true],
    ["HELP", true],
    ["도움말", true],
    ["help me with H20", false],
  ])("is %s for %j", (q, expected) => {
    expect(isHelpRequest(q)).toBe(expected);
  });
});

describe("isFromBotOrSystem", () => {
  it.each([
    [{ user: "U1" }, false],
    [{ user: "U1", bot_id: "B1" }, true],
    [{ user: "U1", bot_profile: {} }, true],
    [{ bot_id: "B1", subtype: "bot_message" }, true],
    [{ user: "U1", subtype: "message_changed" }, true],
    [{ user: "UBOT" }, true],
    [{}, true],
  ])("is %j → %s", (event, expected) => {
    expect(isFromBotOrSystem(event, "UBOT")).toBe(expected);
  });
});
