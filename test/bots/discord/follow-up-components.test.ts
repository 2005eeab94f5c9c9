import { describe, expect, it } from "vitest";
import { FOLLOW_UP_PREFIX, followUpQuestion, followUpRow } from "../../../src/bots/discord/follow-up-components.ts";
import { topicChoices } from "../../../src/bots/discord/topic-choices.ts";

describe("followUpRow", () => {
  it("puts up to three questions in one row of buttons carrying them", () => {
    const row = followUpRow(["why did beijing approve the H200?", "b?", "c?", "d?"]);
    expect(row).toHaveLength(1);
    expect(row[0]!.components.map((b) => ("custom_id" in b ? b.custom_id : null))).toEqual([
      `${FOLLOW_UP_PREFIX}why did beijing approve the H200?`,
      `${FOLLOW_UP_PREFIX}b?`,
      `${FOLLOW_UP_PREFIX}c?`,
    ]);
    expect(row[0]!.components[0]).toMatchObject({ type: 2, style: 2, label: "Why did beijing approve the H200?" });
  });

  it("leaves out a question too long for a custom id, and gives no row for none", () => {
    expect(followUpRow(["x".repeat(100)])).toEqual([]);
    expect(followUpRow([])).toEqual([]);
  });

  it("reads the question back from a follow-up button, and nothing from another", () => {
    expect(followUpQuestion(`${FOLLOW_UP_PREFIX}그건 언제야?`)).toBe("그건 언제야?");
    expect(followUpQuestion("kb:reload")).toBeNull();
  });
});

describe("topicChoices", () => {
  it("offers the topics containing what was typed, the typed language's first, without repeats", () => {
    expect(topicChoices(["H20", "H200", "Huawei"], ["H20", "희토류"], "h2")).toEqual([
      { name: "H20", value: "H20" },
      { name: "H200", value: "H200" },
    ]);
  });

  it("offers at most 25 topics when nothing was typed", () => {
    expect(topicChoices(Array.from({ length: 30 }, (_, i) => `t${i}`), [], "")).toHaveLength(25);
  });
});
