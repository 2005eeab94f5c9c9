import { describe, expect, it } from "vitest";
import { parseJsonlLine } from "../../src/cli/jsonl-input.ts";

describe("ask --jsonl input lines", () => {
  it("reads a conversation turn", () => {
    expect(parseJsonlLine('{"q": "why?", "conversation": "c1"}')).toEqual({ q: "why?", conversation: "c1" });
    expect(parseJsonlLine('{"q": "언제?", "conversation": 7}')).toEqual({ q: "언제?", conversation: "7" });
  });

  it("keeps a plain line, or JSON without a conversation, a single question", () => {
    expect(parseJsonlLine("Who is David Sacks?")).toEqual({ q: "Who is David Sacks?", conversation: null });
    expect(parseJsonlLine('{"q": "Who is David Sacks?"}')).toEqual({ q: "Who is David Sacks?", conversation: null });
    expect(parseJsonlLine("{not json} what is H20?")).toEqual({ q: "{not json} what is H20?", conversation: null });
  });
});
