import querystring from "node:querystring";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { nativeQueryEscape, useNativeQueryEscape } from "../../../src/bots/slack/query-escape.ts";

const nodeEscape = querystring.escape;
afterAll(() => {
  querystring.escape = nodeEscape;
});

const outcome = (escape: (s: string) => string, s: string) => {
  try {
    return { ok: escape(s) };
  } catch {
    return { failed: true };
  }
};

describe("nativeQueryEscape", () => {
  it("escapes every string exactly as Node's querystring.escape does, and fails where it fails", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        expect(outcome(nativeQueryEscape, s)).toEqual(outcome(nodeEscape, s));
      }),
      { numRuns: 2_000 },
    );
    for (const s of ["엔비디아 H20 — ‘중국’ (2025) *굵게* ~x~ !'()", "a b&c=d/e?f#g+h%i", "\u{1F600}", "\uD800"]) {
      expect(outcome(nativeQueryEscape, s)).toEqual(outcome(nodeEscape, s));
    }
  });

  it("once installed, is what querystring.stringify uses, with the same output", () => {
    const form = { channel: "C0123", text: "H20 수출 허가는 언제 났나?", blocks: JSON.stringify([{ type: "section", text: "*H20* 허가" }]), n: 3 };
    const before = querystring.stringify(form);
    useNativeQueryEscape();
    expect(querystring.escape).toBe(nativeQueryEscape);
    expect(querystring.stringify(form)).toBe(before);
    expect(new URLSearchParams(before).get("text")).toBe(form.text);
  });
});
