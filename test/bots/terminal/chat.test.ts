import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { handleLine, runTerminal } from "../../../src/bots/terminal/chat.ts";
import { bundledEngine } from "../../helpers/engine.ts";

const engine = await bundledEngine();

async function chat(input: string): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (d) => (out += String(d)));
  const done = runTerminal({ engine, input: stdin, output: stdout, interactive: false });
  stdin.end(input);
  await done;
  return out;
}

describe("terminal chat", () => {
  it("answers piped questions and exits at end of input", async () => {
    const out = await chat("What is the B40 chip?\n엔비디아가 H20 재고 상각으로 반영한 금액은?\n");
    expect(out).toMatch(/B40/);
    expect(out).toMatch(/55억 달러/);
    expect(out).toMatch(/출처:/);
  });

  it("reads a follow-up against the last answer, and /new starts over", async () => {
    const out = await chat("Who is David Sacks?\nwhat did he compare AI to?\n/new\nwhat did he compare AI to?\n");
    expect(out).toMatch(/^\(about: David Sacks\)\n.*dollar/mu);
    expect(out).toMatch(/Starting over: the next question stands alone\.\n/u);
    expect(out.split("(about: ").length).toBe(2);
  });

  it("stops at /quit", async () => {
    const out = await chat("/quit\nWhat is the B40 chip?\n");
    expect(out).toBe("");
  });

  it("shows usage, sources and status", async () => {
    expect(await handleLine(engine, "/help")).toMatch(/Example questions/);
    expect(await handleLine(engine, "/sources")).toMatch(/\[1\] 이투데이, 2026-01-28/);
    expect(await handleLine(engine, "/kb status")).toMatch(/Version [0-9a-f]{12}/);
  });

  it("shows a timeline, for a topic or the key events", async () => {
    expect(await handleLine(engine, "/timeline H200")).toMatch(/^Timeline: H200 \(H200\)\n.*January 28, 2026/su);
    expect(await handleLine(engine, "/timeline")).toMatch(/^Timeline: key events/);
  });

  it("reloads with a report", async () => {
    expect(await handleLine(engine, "/kb reload")).toMatch(/^Reloaded in \d+ ms/);
  });
});
