import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GapGroup, SourceSummary, Timeline } from "../../../src/engine/engine-types.ts";
import { decodeVoteValue, encodeVoteValue, VOTE_QUESTION_MAX, VOTE_VALUE_MAX } from "../../../src/bots/slack/vote-value.ts";
import type { Citation } from "../../../src/answer/types.ts";
import {
  FEEDBACK_ACTION_DOWN,
  FEEDBACK_ACTION_UP,
  LIMITS,
  chunkEscaped,
  escapeMrkdwn,
  fitEscaped,
  formatAnswer,
  formatGaps,
  formatReloadReport,
  formatSources,
  formatTimeline,
  formatUsage,
  messageChars,
  type Block,
  type SlackMessage,
} from "../../../src/bots/slack/format.ts";
import { FOLLOW_UP_BLOCK_ID, withAbout, withFollowUps } from "../../../src/bots/slack/follow-up-blocks.ts";
import { manySources } from "../../helpers/sources.ts";
import { H20_CITATION, OK_REPORT, SOURCES, createFakeEngine, makeAnswer, makeRefusal } from "./fake-engine.ts";

/** Every mrkdwn or plain text in a message's blocks. */
function textsOf(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "section" && b.text) out.push(b.text.text);
    if (b.type === "context") for (const e of b.elements) if ("text" in e && typeof e.text === "string") out.push(e.text);
    if (b.type === "actions") for (const e of b.elements) if (e.type === "button") out.push(e.text.text);
  }
  return out;
}

function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(messageChars(message)).toBeLessThanOrEqual(LIMITS.messageChars);
  for (const b of message.blocks) {
    if (b.type === "section") expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
    if (b.type === "context") {
      expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      for (const e of b.elements) if ("text" in e && typeof e.text === "string") expect(e.text.length).toBeLessThanOrEqual(LIMITS.contextText);
    }
    if (b.type === "actions") for (const e of b.elements) if (e.type === "button") expect((e.value ?? "").length).toBeLessThan(LIMITS.buttonValue);
  }
}

/** The markup a message may carry on purpose: the asker's mention and links from article urls. */
const allowedMarkup = /<@UASKER01>|<https?:\/\/[^|<>]*\|[^<>]*>/g;

describe("escapeMrkdwn", () => {
  it.each([
    ["<!channel> hi", "&lt;!channel&gt; hi"],
    ["<!here>", "&lt;!here&gt;"],
    ["<@U123ABC>", "&lt;@U123ABC&gt;"],
    ["AT&T", "AT&amp;T"],
    ["&lt;", "&amp;lt;"],
    ["plain 한국어", "plain 한국어"],
  ])("escapes %j as %j", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe("fitEscaped and chunkEscaped", () => {
  it("cuts escaped text without splitting an entity", () => {
    const out = fitEscaped("&".repeat(100), 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith("…")).toBe(true);
    expect(out.slice(0, -1)).toMatch(/^(&amp;)+$/);
  });

  it("splits long text into bounded chunks at spaces and cuts the rest", () => {
    const words = Array.from({ length: 3_000 }, (_, i) => `word${i}`).join(" ");
    const chunks = chunkEscaped(words, 1_000, 3);
    expect(chunks).toHaveLength(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1_000);
    expect(chunks[0]?.endsWith(" ")).toBe(false);
    expect(chunks[2]?.endsWith("…")).toBe(true);
  });

  it("never ends a hard-cut chunk inside an entity", () => {
    const chunks = chunkEscaped("<".repeat(2_000), 999, 5);
    for (const c of chunks) expect(c.replace(/…$/, "")).toMatch(/^(&lt;)+$/);
  });
});

describe("formatAnswer", () => {
  it("puts the answer in a section and each citation in its own context block", () => {
    const msg = formatAnswer(makeAnswer("Why was the H20 approved?"), { feedbackId: "abc123" });
    expect(msg.blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "The US government approved exports of Nvidia's H20 AI chip to China. [1]", verbatim: true },
    });
    const citations = msg.blocks.filter((b) => b.type === "context" && textsOf([b]).some((t) => t.startsWith("*[")));
    expect(citations).toHaveLength(1);
    expect(textsOf(citations)).toEqual([
      "*[1]* 여성경제신문 · 2025-07-18 (approx.)",
      `“${H20_CITATION.quote}”`,
      "<https://example.com/news/h20?id=1&amp;lang=ko|미·중 무역협상으로 H20 대중 수출 승인>",
    ]);
    expect(msg.unfurl_links).toBe(false);
    expect(msg.unfurl_media).toBe(false);
  });

  it("shows the article title in italics when it has no url", () => {
    const answer = makeAnswer("q", { citations: [{ ...H20_CITATION, url: null }] });
    expect(textsOf(formatAnswer(answer).blocks)).toContain("_미·중 무역협상으로 H20 대중 수출 승인_");
  });

  it("marks an approximate date, and only that", () => {
    const msg = formatAnswer(makeAnswer("q"));
    expect(textsOf(msg.blocks)).toContain("*[1]* 여성경제신문 · 2025-07-18 (approx.)");
    const exact = formatAnswer(makeAnswer("q", { citations: [{ ...H20_CITATION, dateApproximate: false }] }));
    expect(textsOf(exact.blocks)).toContain("*[1]* 여성경제신문 · 2025-07-18");
  });

  it("adds 👍/👎 buttons that carry the answer id, the question, its language and whether it was answered", () => {
    const msg = formatAnswer(makeAnswer("q"), { feedbackId: "Xy_1-2" });
    const actions = msg.blocks.at(-1);
    expect(actions?.type).toBe("actions");
    if (actions?.type !== "actions") return;
    const value = JSON.stringify({ i: "Xy_1-2", l: "en", a: true, q: "q" });
    expect(actions.elements.map((e) => (e.type === "button" ? [e.action_id, e.value] : null))).toEqual([
      [FEEDBACK_ACTION_UP, value],
      [FEEDBACK_ACTION_DOWN, value],
    ]);
    expect(decodeVoteValue(value)).toEqual({ answerId: "Xy_1-2", lang: "en", answered: true, question: "q" });
  });

  it("adds no buttons without a feedback id", () => {
    expect(formatAnswer(makeAnswer("q")).blocks.some((b) => b.type === "actions")).toBe(false);
  });

  it("restates the question for a reply others see", () => {
    const msg = formatAnswer(makeAnswer("Why was the H20 approved?"), { askedBy: "UASKER01" });
    expect(textsOf(msg.blocks)[0]).toBe("*<@UASKER01> asked:* Why was the H20 approved?");
    expect(msg.text.startsWith("<@UASKER01> asked: Why was the H20 approved?")).toBe(true);
  });

  it("shows a refusal's text and suggestions, without citations", () => {
    const msg = formatAnswer(makeRefusal("What is the weather?"));
    expect(textsOf(msg.blocks)).toEqual([
      "The articles I have don't support an answer to that.",
      "*Topics I can answer about:* H20 · H200 · export controls",
    ]);
    expect(msg.text).toContain("H20 · H200 · export controls");
  });

  it("uses Korean labels for a Korean answer", () => {
    const msg = formatAnswer(makeAnswer("H20 수출은 왜 승인됐나?"), { feedbackId: "id1" });
    const texts = textsOf(msg.blocks);
    expect(texts).toContain("*출처*");
    expect(texts).toContain("*[1]* 여성경제신문 · 2025-07-18 (추정)");
    expect(texts).toContain("👍 도움됨");
    expect(msg.text).toContain("출처:");
  });

  it("escapes mentions in questions, answers and documents so they cannot ping", () => {
    const citation: Citation = { ...H20_CITATION, outlet: "<!here> News", title: "<@U999> said", quote: "A&B <!subteam^S1> said" };
    const answer = makeAnswer("<!channel> what about H20?", { text: "Answer <!everyone> & more", citations: [citation] });
    const msg = formatAnswer(answer, { askedBy: "UASKER01", feedbackId: "id" });
    const all = [...textsOf(msg.blocks), msg.text].join("\n");
    expect(all).toContain("&lt;!channel&gt; what about H20?");
    expect(all).toContain("Answer &lt;!everyone&gt; &amp; more");
    expect(all).toContain("“A&amp;B &lt;!subteam^S1&gt; said”");
    expect(all.replace(allowedMarkup, "")).not.toMatch(/[<>]/);
  });

  it("keeps a long answer with many citations within Slack's limits", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ ...H20_CITATION, quote: `${"긴 인용 ".repeat(600)}${i}` }));
    const answer = makeAnswer("<q>".repeat(2_000), { text: "very long answer & more ".repeat(2_000), citations: many });
    const msg = formatAnswer(answer, { feedbackId: "id", askedBy: "UASKER01" });
    expectWithinLimits(msg);
    expect(msg.blocks.at(-1)?.type).toBe("actions");
    const texts = textsOf(msg.blocks);
    const shown = texts.filter((t) => t.startsWith("*[")).length;
    expect(shown).toBeGreaterThan(0);
    expect(texts).toContain(`…and ${80 - shown} more sources`);
  });

  it("never lets text from the question or documents form markup (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (question, text, quote, outlet) => {
        const answer = makeAnswer(question, { text, citations: [{ ...H20_CITATION, quote, outlet, title: outlet }] });
        const msg = formatAnswer(answer, { askedBy: "UASKER01", feedbackId: "id" });
        const all = [...textsOf(msg.blocks), msg.text].join("\n");
        expect(all.replace(allowedMarkup, "")).not.toMatch(/[<>]/);
        expectWithinLimits(msg);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

describe("formatSources", () => {
  it("lists title, outlet, date with approx., fact count and a link when there is a url", () => {
    const texts = textsOf(formatSources(SOURCES, "en").blocks);
    expect(texts[0]).toBe("*Sources* (2 articles)");
    expect(texts[1]).toBe(
      [
        "• *미·중 무역협상으로 H20 대중 수출 승인* · 여성경제신문 · 2025-07-18 (approx.) · 25 facts · <https://example.com/news/h20?id=1&amp;lang=ko|article>",
        "• *中에 엔비디아 AI칩 수출 재개 허가한 트럼프 정부 속내는* · 파이낸셜뉴스 · 2025-07-16 · 24 facts",
      ].join("\n"),
    );
  });

  it("keeps hundreds of sources within Slack's limits", () => {
    const many: SourceSummary[] = Array.from({ length: 500 }, (_, i) => ({ ...SOURCES[0]!, articleId: `a-${i}`, title: `Title ${i} ${"x".repeat(1_000)}` }));
    const msg = formatSources(many, "en");
    expectWithinLimits(msg);
    expect(textsOf(msg.blocks).at(-1)).toMatch(/^…and \d+ more: narrow with `\/sources &lt;words&gt;`$/);
  });
});

describe("formatUsage", () => {
  it("says what the bot knows, two examples in each language and its commands", () => {
    const usage = createFakeEngine().usage("en");
    const msg = formatUsage(usage);
    const all = textsOf(msg.blocks).join("\n");
    expect(all).toContain("I answer questions about the US–China AI-chip export controls.");
    expect(all).toContain("*What I know* (2 articles)");
    expect(all).toContain("*Main topics:* H20 · H200 · export controls");
    for (const q of [...usage.examples.ko, ...usage.examples.en]) expect(all).toContain(`• ${q}`);
    expect(all).toContain("`/ask <question>`");
    expect(all).toContain("`/sources [words]`");
    expect(all).toContain("`/kb status`");
    expectWithinLimits(msg);
  });
});

describe("formatReloadReport", () => {
  it("reports counts and the changed articles and facts", () => {
    const text = formatReloadReport(OK_REPORT).text;
    expect(text).toContain("*Knowledge base reloaded* in 42 ms by slack:UADMIN01: version `fake-v2` (was `fake-v1`).");
    expect(text).toContain("*Now serving:* 5 articles, 122 facts, 112 glossary terms.");
    expect(text).toContain("*Articles:* changed 1 (`us-approves-h20-exports`)");
    expect(text).toContain("*Facts:* added 1 (`us-approves-h20-exports-26`)");
  });

  it("says the old knowledge base keeps serving and lists a bounded number of errors", () => {
    const errors = Array.from({ length: 25 }, (_, i) => ({ file: `data/facts/f${i}.yaml`, path: `facts[${i}].quote`, message: "not found in article <x>" }));
    const msg = formatReloadReport({ ...OK_REPORT, ok: false, version: "fake-v1", errors });
    expect(msg.text).toContain("*Reload failed*: the previous knowledge base (version `fake-v1`, 5 articles, 122 facts, 112 glossary terms) keeps serving.");
    expect(msg.text).toContain("• knowledge: data/facts/f0.yaml: facts[0].quote: not found in article &lt;x&gt;");
    expect(msg.text).not.toContain("f10.yaml");
    expect(msg.text).toContain("…and 15 more errors (see the logs).");
    expectWithinLimits(msg);
  });
});

describe("lists of a large archive's sources", () => {
  const many = manySources(50_000);

  it("formatSources shows what fits within Slack's limits and counts the rest", () => {
    const msg = formatSources(many, "en");
    expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(msg.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(msg.text.startsWith("Sources: 기사 0: 엔비디아 H20 수출 허가; 기사 1:")).toBe(true);
    const texts = textsOf(msg.blocks);
    const shown = texts.join("\n").split("\n").filter((l) => l.startsWith("• *기사 ")).length;
    expect(shown).toBeGreaterThan(80);
    expect(texts.at(-1)).toBe(`…and ${50_000 - shown} more: narrow with \`/sources &lt;words&gt;\``);
    expect(messageChars(msg)).toBeLessThanOrEqual(LIMITS.messageChars);
    expectWithinLimits(msg);
  });

  it("formatSources says how many more in Korean, and how to narrow them", () => {
    const msg = formatSources(manySources(1_200), "ko");
    const texts = textsOf(msg.blocks);
    const shown = texts.join("\n").split("\n").filter((l) => l.startsWith("• *기사 ")).length;
    expect(texts.at(-1)).toBe(`…외 ${1_200 - shown}건: \`/sources &lt;검색어&gt;\`로 좁혀 보세요`);
    expectWithinLimits(msg);
  });

  it("formatSources names the words of a narrowed list and how many of all match", () => {
    const texts = textsOf(formatSources(manySources(3), "en", { query: "H20 <!here>", of: 1_200 }).blocks);
    expect(texts[0]).toBe("*Sources* · “H20 &lt;!here&gt;”: 3 of 1200 articles");
    expect(textsOf(formatSources([], "en", { query: "zzz", of: 1_200 }).blocks)[1]).toBe("No article matches “zzz”.");
  });

  it("formatTimeline cuts at whole events and counts the rest before the hint", () => {
    const entries = Array.from({ length: 400 }, (_, i) => ({ date: "2025-07-15", precision: "day" as const, approximate: false, when: "2025-07-15", text: `Event ${i} ${"x".repeat(200)}`, factId: `f${i}`, citation: H20_CITATION }));
    const timeline: Timeline = { topic: "H20", matched: [], lang: "en", entries, total: 400, hint: "Ask about a topic." };
    const msg = formatTimeline(timeline);
    const texts = textsOf(msg.blocks);
    const shown = texts.join("\n").split("\n").filter((l) => l.startsWith("• *2025-07-15*")).length;
    expect(shown).toBeGreaterThan(10);
    expect(texts.at(-2)).toBe(`…and ${400 - shown} more events: narrow with \`/timeline &lt;topic&gt;\``);
    expect(texts.at(-1)).toBe("Ask about a topic.");
    expectWithinLimits(msg);
  });

  it("formatGaps cuts at whole questions and counts the rest", () => {
    const groups: GapGroup[] = Array.from({ length: 300 }, (_, i) => ({
      question: `Question ${i} ${"y".repeat(250)}`,
      count: 2,
      refused: 1,
      downvoted: 1,
      lastAt: "2025-07-15T00:00:00.000Z",
      variants: [],
    }));
    const msg = formatGaps(groups, 7);
    const texts = textsOf(msg.blocks);
    const shown = texts.join("\n").split("\n").filter((l) => /^\d+\. \*2×\*/.test(l)).length;
    expect(texts.at(-1)).toBe(`…and ${300 - shown} more questions`);
    expectWithinLimits(msg);
  });

  it("formatUsage names the first 8 and counts all the others", () => {
    const msg = formatUsage({ lang: "en", intro: "I answer", topics: [], examples: { ko: [], en: [] }, sources: many });
    const known = textsOf(msg.blocks).find((t) => t.includes("기사 0:")) ?? "";
    expect(known.split("\n").filter((l) => l.startsWith("• 기사 "))).toHaveLength(8);
    expect(known).toContain("…and 49992 more");
  });
});

describe("vote button values", () => {
  it.each([
    ["a long question", "why ".repeat(1_000)],
    ["one that JSON escaping lengthens", "\u0001\"\\😀".repeat(1_000)],
  ])("cut %s to fit Slack's 2,000 characters, whole code points kept", (_what, question) => {
    const value = encodeVoteValue({ answerId: "abc", lang: "en", answered: false, question });
    expect(value.length).toBeLessThanOrEqual(VOTE_VALUE_MAX);
    const decoded = decodeVoteValue(value);
    expect(decoded.question?.endsWith("…")).toBe(true);
    expect(Array.from(decoded.question ?? "").length).toBeLessThanOrEqual(VOTE_QUESTION_MAX + 1);
    expect(question.startsWith((decoded.question ?? "").slice(0, -1))).toBe(true);
  });

  it("reads the bare id older buttons carried", () => {
    expect(decodeVoteValue("Xy_1-2")).toEqual({ answerId: "Xy_1-2", lang: null, answered: null, question: null });
  });
});

describe("an answer with its conversation's additions", () => {
  it("stays within the message's total: follow-up buttons only where they fit, the about line kept in the fallback bound", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ ...H20_CITATION, quote: `${"긴 인용 ".repeat(600)}${i}` }));
    const full = formatAnswer(makeAnswer("q", { text: "long answer ".repeat(2_000), citations: many }), { feedbackId: "id" });
    const questions = ["What did Nvidia pay for the H20 licence? ".repeat(40), "And the H200?", "Who decided?"];
    const msg = withFollowUps(withAbout(full, "the H20 licence ".repeat(400)), questions, "en");
    expectWithinLimits(msg);
    const short = withFollowUps(formatAnswer(makeAnswer("q"), { feedbackId: "id" }), questions, "en");
    expect(short.blocks.some((b) => b.block_id === FOLLOW_UP_BLOCK_ID)).toBe(true);
    expectWithinLimits(short);
  });
});
