import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFeedbackRecorder, currentVotes, type FeedbackEntry } from "../../../src/bots/shared/feedback.ts";

const entry = (n: number, extra: Partial<FeedbackEntry> = {}): FeedbackEntry => ({
  at: "2025-08-01T00:00:00.000Z",
  platform: "slack",
  user: "U1",
  channel: "C1",
  vote: "up",
  question: `question ${n}`,
  answer: `answer ${n}`,
  answerId: `id${n}`,
  answered: true,
  lang: "en",
  kbVersion: "v1",
  ...extra,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "chokepoint-feedback-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readLines = async (file: string) =>
  (await readFile(file, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as FeedbackEntry);

describe("createFeedbackRecorder", () => {
  it("appends one JSON line per vote, creating the directory", async () => {
    const recorder = createFeedbackRecorder({ stateDir: path.join(dir, "nested", "state") });
    await Promise.all([recorder.record(entry(1)), recorder.record(entry(2, { vote: "down" }))]);
    expect(recorder.file).toBe(path.join(dir, "nested", "state", "feedback.jsonl"));
    expect(await readLines(recorder.file)).toEqual([entry(1), entry(2, { vote: "down" })]);
  });

  it("cuts long questions and answers", async () => {
    const recorder = createFeedbackRecorder({ stateDir: dir, maxFieldChars: 10 });
    await recorder.record(entry(1, { question: "q".repeat(50), answer: "a".repeat(50) }));
    const [line] = await readLines(recorder.file);
    expect(line?.question).toBe(`${"q".repeat(9)}…`);
    expect(line?.answer).toBe(`${"a".repeat(9)}…`);
  });

  it("rotates the file past maxBytes, keeping one older file", async () => {
    const recorder = createFeedbackRecorder({ stateDir: dir, maxBytes: 600 });
    for (let i = 0; i < 12; i += 1) await recorder.record(entry(i));
    const current = await readLines(recorder.file);
    const older = await readLines(path.join(dir, "feedback.1.jsonl"));
    expect((await stat(recorder.file)).size).toBeLessThanOrEqual(600);
    expect(current.at(-1)?.answerId).toBe("id11");
    expect(older.at(-1)?.answerId).toBe(`id${11 - current.length}`);
    expect(older.length + current.length).toBeLessThan(12);
  });

  it("fails with the file named when it cannot write", async () => {
    const blocked = path.join(dir, "blocked");
    await writeFile(blocked, "a file, not a directory");
    const recorder = createFeedbackRecorder({ stateDir: blocked });
    await expect(recorder.record(entry(1))).rejects.toThrow(`feedback: ${path.join(blocked, "feedback.jsonl")}: could not record vote:`);
    // The queue goes on after a failure.
    const ok = createFeedbackRecorder({ stateDir: dir });
    await ok.record(entry(2));
    expect(await readLines(ok.file)).toHaveLength(1);
  });
});

describe("currentVotes", () => {
  const vote = (user: string, answerId: string, v: "up" | "down", at: string, platform: "slack" | "discord" = "slack") => ({
    at,
    platform,
    user,
    channel: null,
    vote: v,
    question: "q",
    answer: "a",
    answerId,
    answered: true,
    lang: "en" as const,
    kbVersion: null,
  });

  it("keeps each person's latest vote on each answer, in the order of their latest click", () => {
    const entries = [
      vote("U1", "a1", "up", "t1"),
      vote("U2", "a1", "down", "t2"),
      vote("U1", "a1", "down", "t3"),
      vote("U1", "a2", "up", "t4"),
      vote("U1", "a1", "down", "t5", "discord"),
    ];
    expect(currentVotes(entries).map((e) => e.at)).toEqual(["t2", "t3", "t4", "t5"]);
  });
});
