import { describe, expect, it } from "vitest";
import { isConnectionReset, maskedPath, safeToResend } from "../../../src/bots/discord/rest-resets.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isConnectionReset", () => {
  it.each([
    ["undici's socket error", withCode("other side closed", "UND_ERR_SOCKET"), true],
    ["node's socket hang up", withCode("socket hang up", "ECONNRESET"), true],
    ["a reset under fetch failed", new TypeError("fetch failed", { cause: withCode("read ECONNRESET", "ECONNRESET") }), true],
    ["a broken pipe", withCode("write EPIPE", "EPIPE"), true],
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED"), false],
    ["an abort", Object.assign(new Error("This operation was aborted"), { name: "AbortError" }), false],
    ["not an error", "ECONNRESET", false],
  ])("says %s is %s", (_name, err, expected) => {
    expect(isConnectionReset(err)).toBe(expected);
  });
});

describe("maskedPath", () => {
  it("masks interaction and webhook tokens", () => {
    expect(maskedPath("http://127.0.0.1:1/api/v10/interactions/123/aW50ZXJhY3Rpb24/callback")).toBe("/interactions/123/:token/callback");
    expect(maskedPath("http://127.0.0.1:1/api/v10/webhooks/456/dG9rZW4/messages/%40original")).toBe("/webhooks/456/:token/messages/%40original");
    expect(maskedPath("https://discord.com/api/v10/channels/789/messages")).toBe("/channels/789/messages");
  });
});

describe("safeToResend", () => {
  it.each([
    ["POST", "/interactions/123/:token/callback", true],
    ["PATCH", "/webhooks/456/:token/messages/%40original", true],
    ["GET", "/gateway/bot", true],
    ["POST", "/channels/789/messages", false],
    ["POST", "/webhooks/456/:token", false],
  ])("%s %s: %s", (method, path, expected) => {
    expect(safeToResend(method, path)).toBe(expected);
  });
});
