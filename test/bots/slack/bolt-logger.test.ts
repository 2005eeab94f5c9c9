import { describe, expect, it } from "vitest";
import { toBoltLogger } from "../../../src/bots/slack/bolt-logger.ts";
import { createLogger } from "../../../src/log.ts";

describe("toBoltLogger", () => {
  it("writes Bolt's lines through the project logger, objects as JSON and errors as err", () => {
    const lines: string[] = [];
    const bolt = toBoltLogger(createLogger({ level: "debug", write: (l) => lines.push(l) }));
    bolt.setName("web-api:WebClient");
    bolt.debug("http request body:", { channel: "C1" });
    bolt.error("failed", new Error("boom"));
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "debug", msg: 'web-api:WebClient: http request body: {"channel":"C1"}' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: "error", msg: "web-api:WebClient: failed boom", err: { message: "boom" } });
  });

  it("does not put together lines below the logger's level", () => {
    const lines: string[] = [];
    const bolt = toBoltLogger(createLogger({ level: "info", write: (l) => lines.push(l) }));
    let serialized = 0;
    const body = {
      toJSON() {
        serialized += 1;
        return { big: "x".repeat(10_000) };
      },
    };
    bolt.debug("http request body:", body);
    expect(serialized).toBe(0);
    expect(lines).toHaveLength(0);
    bolt.info("kept", body);
    expect(serialized).toBe(1);
    expect(lines).toHaveLength(1);
  });
});
