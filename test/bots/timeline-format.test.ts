// The timeline as each platform shows it: within Slack's and Discord's limits whatever its
// size, with text that can never ping anyone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Timeline, TimelineEntry } from "../../src/engine/engine-types.ts";
import { embedLength, formatTimelineEmbed, LIMITS as DISCORD } from "../../src/bots/discord/format.ts";
import { formatTimeline, LIMITS as SLACK } from "../../src/bots/slack/format.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();

function entry(text: string, i: number): TimelineEntry {
  return {
    date: "2025-07-15",
    precision: "day",
    approximate: false,
    when: "July 15, 2025",
    text,
    factId: `f-${i}`,
    citation: { articleId: "a", title: "t", outlet: "<!channel> Outlet", publishedAt: "2025-07-16", dateApproximate: false, url: null, quote: "q", factId: `f-${i}` },
  };
}
const timelineOf = (texts: string[], topic: string | null = "H20"): Timeline => ({
  lang: "en",
  topic,
  matched: ["H20"],
  entries: texts.map(entry),
  total: texts.length,
  hint: "narrow it",
});

/** Every text a Slack message's blocks show. */
function slackTextOf(blocks: ReturnType<typeof formatTimeline>["blocks"]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === "section") return b.text ? [b.text.text] : [];
    if (b.type === "context") return b.elements.map((e) => ("text" in e ? String(e.text) : ""));
    return [];
  });
}

describe("timeline formatting", () => {
  it("renders the real key-event timeline in both platforms", () => {
    const t = engine.timeline(null, "en");
    const slack = formatTimeline(t);
    expect(slack.blocks.length).toBeLessThanOrEqual(SLACK.blocks);
    expect(slack.text).toContain(t.entries[0]!.when);
    const embed = formatTimelineEmbed(t);
    expect(embed.description).toContain(t.entries[0]!.when);
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD.embedTotal);
  });

  it("stays within the limits for any number and length of events", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3000 }), { maxLength: 80 }), fc.option(fc.string({ maxLength: 500 })), (texts, topic) => {
        const t = timelineOf(texts, topic);
        const slack = formatTimeline(t);
        expect(slack.blocks.length).toBeLessThanOrEqual(SLACK.blocks);
        for (const text of slackTextOf(slack.blocks)) expect(text.length).toBeLessThanOrEqual(SLACK.sectionText);
        expect(slack.text.length).toBeLessThanOrEqual(SLACK.fallbackText);
        const embed = formatTimelineEmbed(t);
        expect((embed.description ?? "").length).toBeLessThanOrEqual(DISCORD.description);
        expect((embed.title ?? "").length).toBeLessThanOrEqual(DISCORD.title);
        expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD.embedTotal);
      }),
      { numRuns: 60 },
    );
  });

  it("escapes mentions in Slack", () => {
    const slack = formatTimeline(timelineOf(["<!here> and <@U123>"]));
    for (const text of [...slackTextOf(slack.blocks), slack.text]) {
      expect(text).not.toMatch(/<!here>|<@U123>|<!channel>/);
    }
  });
});
