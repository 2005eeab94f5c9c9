import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";

describe("createLogger", () => {
  it("writes lines at and above its level as JSON, with bindings, and masks secrets", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", write: (l) => lines.push(l), secrets: ["xoxb-secret-token"] }).child({ platform: "slack" });
    log.debug("dropped");
    log.info("kept xoxb-secret-token", { n: 1 });
    log.error("failed", { err: new Error("boom") });
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "kept [redacted]", platform: "slack", n: 1 });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: "error", err: { name: "Error", message: "boom" } });
  });

  it("says which levels it writes, children as their parent", () => {
    const log = createLogger({ level: "warn", write: () => {} });
    expect([log.enabled("debug"), log.enabled("info"), log.enabled("warn"), log.enabled("error")]).toEqual([false, false, true, true]);
    expect(log.child({ a: 1 }).enabled("info")).toBe(false);
    expect(createLogger({ level: "debug", write: () => {} }).enabled("debug")).toBe(true);
  });
});
