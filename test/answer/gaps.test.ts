import { describe, expect, it } from "vitest";
import { groupGaps, type GapRecord } from "../../src/answer/gaps.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const glossary = engine.store.current().index.glossary;
const now = new Date("2026-02-10T12:00:00Z");
const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();

describe("groupGaps", () => {
  const records: GapRecord[] = [
    { at: at(1), question: "What is Nvidia's stock price?", kind: "refused" },
    { at: at(2), question: "nvidia stock price today", kind: "refused" },
    { at: at(3), question: "What's the Nvidia stock price", kind: "downvoted" },
    { at: at(1), question: "삼성전자 HBM 수출 규제는?", kind: "refused" },
    { at: at(40), question: "Who won the World Cup?", kind: "refused" },
  ];

  it("groups near-duplicates, most frequent first, counting refusals and down-votes", () => {
    const groups = groupGaps(records, glossary, { days: 30, now });
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ count: 3, refused: 2, downvoted: 1, question: "What is Nvidia's stock price?" });
    expect(groups[0]!.variants).toEqual(["nvidia stock price today", "What's the Nvidia stock price"]);
    expect(groups[1]).toMatchObject({ count: 1, question: "삼성전자 HBM 수출 규제는?" });
  });

  it("keeps only the last N days", () => {
    expect(groupGaps(records, glossary, { days: 60, now }).map((g) => g.question)).toContain("Who won the World Cup?");
    expect(groupGaps(records, glossary, { days: 1.5, now }).map((g) => g.count)).toEqual([1, 1]);
  });
});
