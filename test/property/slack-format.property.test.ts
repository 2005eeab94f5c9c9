// The Slack formatters on arbitrary answers, sources, timelines and reports: they never
// throw, keep Slack's limits, and never let text from a question or a document form a
// mention, a link or a broken entity.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Usage } from "../../src/engine/engine-types.ts";
import type { Answer } from "../../src/answer/types.ts";
import {
  LIMITS,
  formatAnswer,
  formatReloadReport,
  formatSources,
  formatTimeline,
  formatUsage,
  type SlackMessage,
} from "../../src/bots/slack/format.ts";
import { uiStrings } from "../../src/bots/slack/strings.ts";
import { SEED, anyText, answer, chatText, isWellFormed, lang, reloadReport, sources, timeline } from "./arbitraries.ts";

const RUNS = { seed: SEED, numRuns: 150 };

/** Every text Slack reads as mrkdwn (where `<…>` forms mentions and links): the fallback, section and context texts. */
function textsOf(message: SlackMessage): string[] {
  const out = [message.text];
  for (const b of message.blocks) {
    if (b.type === "section" && b.text) out.push(b.text.text);
    if (b.type === "context") for (const e of b.elements) if ("text" in e && typeof e.text === "string") out.push(e.text);
  }
  return out;
}

/** Slack's limits, and what Slack rejects outright (an empty section text). */
function limitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (message.blocks.length > LIMITS.blocks) problems.push(`${message.blocks.length} blocks`);
  if (message.text.length > LIMITS.fallbackText) problems.push(`fallback text of ${message.text.length}`);
  for (const [i, b] of message.blocks.entries()) {
    if (b.type === "section") {
      const n = b.text?.text.length ?? 0;
      if (n > LIMITS.sectionText || n === 0) problems.push(`block ${i}: section text of ${n}`);
    }
    if (b.type === "context") {
      if (b.elements.length > LIMITS.contextElements || b.elements.length === 0) problems.push(`block ${i}: ${b.elements.length} context elements`);
      for (const e of b.elements) {
        if ("text" in e && typeof e.text === "string" && (e.text.length > LIMITS.contextText || e.text.length === 0)) {
          problems.push(`block ${i}: context text of ${e.text.length}`);
        }
      }
    }
    if (b.type === "actions") {
      for (const e of b.elements) if (e.type === "button" && (e.value ?? "").length > LIMITS.buttonValue) problems.push(`block ${i}: button value too long`);
    }
  }
  return problems;
}

/**
 * What is left of a text once the markup the formatter writes on purpose is taken out: the
 * asker's mention, links to article urls (`<https://…|label>`, url and label escaped), and
 * the fixed command lines of the usage. Anything from input must be escaped, so what is left
 * holds no `<` or `>` at all, and every `&` starts an entity.
 */
function inputDerived(text: string, allowed: { askedBy?: string | null; fixed?: readonly string[] } = {}): string {
  let t = text;
  for (const line of allowed.fixed ?? []) t = t.split(line).join("");
  if (allowed.askedBy) t = t.split(`<@${allowed.askedBy}>`).join("");
  return t.replace(/<https?:\/\/[^<>|]*\|[^<>]*>/g, "");
}

function escapingProblems(message: SlackMessage, allowed: Parameters<typeof inputDerived>[1] = {}): string[] {
  const problems: string[] = [];
  for (const text of textsOf(message)) {
    const rest = inputDerived(text, allowed);
    const raw = /<[^>]*>?|>/.exec(rest);
    if (raw) problems.push(`unescaped ${JSON.stringify(raw[0].slice(0, 40))} in ${JSON.stringify(text.slice(0, 120))}`);
    const entity = /&(?!amp;|lt;|gt;)/.exec(rest);
    if (entity) problems.push(`a broken entity at ${JSON.stringify(rest.slice(entity.index, entity.index + 8))}`);
  }
  return problems;
}

/** Every string inside a value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value instanceof Set) return [...value].flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * A cut never splits a surrogate pair: well-formed input gives well-formed output. (The
 * fallback text of an answer is left out: see the known bug at the end of this file.)
 */
function surrogateProblems(input: unknown, message: SlackMessage, withFallback = true): string[] {
  if (!stringsIn(input).every(isWellFormed)) return [];
  return textsOf(message)
    .slice(withFallback ? 0 : 1)
    .filter((t) => !isWellFormed(t))
    .map((t) => `a lone surrogate in ${JSON.stringify(t.slice(-40))}`);
}

function check(input: unknown, message: SlackMessage, allowed: Parameters<typeof inputDerived>[1] = {}, withFallback = true): void {
  expect([...limitProblems(message), ...escapingProblems(message, allowed), ...surrogateProblems(input, message, withFallback)]).toEqual([]);
}

const citationOf = (quote: string): Answer["citations"][number] => ({
  articleId: "a",
  title: "Title",
  outlet: "Outlet",
  publishedAt: "2025-07-15",
  dateApproximate: false,
  url: null,
  quote,
  factId: null,
});

const slackUserId = fc.stringMatching(/^[UW][A-Z0-9]{8,10}$/);

const usage: fc.Arbitrary<Usage> = fc.record({
  lang,
  intro: anyText.filter((t) => t.trim() !== ""),
  topics: fc.oneof(fc.array(anyText, { maxLength: 5 }), fc.array(chatText(2), { maxLength: 200 })),
  examples: fc.record({ ko: fc.array(anyText, { maxLength: 4 }), en: fc.array(anyText, { maxLength: 4 }) }),
  sources,
});

describe("Slack formatters (property)", () => {
  it("formatAnswer keeps Slack's limits and escapes every text from the question and the documents", () => {
    fc.assert(
      fc.property(
        answer,
        fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: 2_000, maxLength: 3_000 })), { nil: null }),
        fc.option(slackUserId, { nil: null }),
        (a, feedbackId, askedBy) => {
          const options = { feedbackId, askedBy };
          const message = formatAnswer(a, options);
          check(a, message, { askedBy }, false);
          expect(message.text.length).toBeGreaterThan(0);
          // A refusal shows no sources; an answer shows each citation or says how many more there are.
          const citationBlocks = message.blocks.filter((b) => b.type === "context" && /^\*\[\d+\]\*/.test(b.elements[0] && "text" in b.elements[0] ? String(b.elements[0].text) : ""));
          expect(citationBlocks.length).toBeLessThanOrEqual(a.citations.length);
        },
      ),
      RUNS,
    );
  });

  it("formatUsage keeps Slack's limits and escapes the intro, topics, examples and sources", () => {
    fc.assert(
      fc.property(usage, fc.constantFrom("@Chokepoint", "@초크포인트"), (u, botName) => {
        const message = formatUsage(u, botName);
        check(u, message, { fixed: uiStrings(u.lang).commandLines(botName) });
      }),
      RUNS,
    );
  });

  it("formatSources keeps Slack's limits and escapes titles and outlets", () => {
    fc.assert(
      fc.property(sources, lang, (list, l) => check(list, formatSources(list, l))),
      RUNS,
    );
  });

  it("formatTimeline keeps Slack's limits and escapes topics, events and sources", () => {
    fc.assert(
      fc.property(timeline, (t) => check(t, formatTimeline(t))),
      RUNS,
    );
  });

  it("formatReloadReport keeps Slack's limits and escapes actors, versions, ids and errors", () => {
    fc.assert(
      fc.property(reloadReport, fc.constantFrom("reload" as const, "rollback" as const), (report, action) =>
        check(report, formatReloadReport(report, action)),
      ),
      RUNS,
    );
  });

  it.each([
    ["<!channel> did China approve H200 imports?"],
    ["<@U0123ABCD> <#C0123ABCD|general> <!subteam^S0123ABCD|@team> <!here>"],
    ["&lt;!channel&gt; is already escaped"],
  ])("escapes %j wherever it appears in an answer", (text) => {
    const message = formatAnswer(
      {
        question: text,
        lang: "en",
        answered: true,
        text,
        citations: [{ articleId: "a", title: text, outlet: text, publishedAt: "2025-07-15", dateApproximate: false, url: `https://example.com/${text}`, quote: text, factId: null }],
        refusal: null,
        suggestions: [],
        kbVersion: "v1",
      },
      { askedBy: "UASKER01", feedbackId: "f1" },
    );
    expect(escapingProblems(message, { askedBy: "UASKER01" })).toEqual([]);
    expect(JSON.stringify(message)).not.toMatch(/<!(?:channel|here|everyone|subteam)|<@U0123ABCD>|<#C0123ABCD/);
  });
});

// Once bugs, now guarded.
describe("Slack formatters: regressions", () => {
  it("cuts a long quote in the fallback text without splitting a surrogate pair", () => {
    const quote = `${"a".repeat(198)}😀${"b".repeat(10)}`;
    const message = formatAnswer({ question: "q", lang: "en", answered: true, text: "t", citations: [citationOf(quote)], refusal: null, suggestions: [], kbVersion: "v" });
    expect(isWellFormed(message.text)).toBe(true);
  });

  it("escapes the date label in a timeline's fallback text as it does in the blocks", () => {
    const message = formatTimeline({
      lang: "en",
      topic: null,
      matched: [],
      total: 1,
      hint: null,
      entries: [{ date: "2025", precision: "year", approximate: false, when: "<!channel>", text: "x", factId: "f", citation: { ...citationOf("q"), factId: "f" } }],
    });
    expect(message.text).not.toContain("<!channel>");
  });
});
