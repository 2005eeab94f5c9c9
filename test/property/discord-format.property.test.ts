// The Discord embed formatters on arbitrary answers, sources, timelines and reports: they
// never throw and stay within Discord's limits. (That messages go out with
// `allowed_mentions: { parse: [] }` is checked end to end in test/bots/discord/bot.test.ts.)
import fc from "fast-check";
import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  LIMITS,
  embedLength,
  formatAnswerEmbed,
  formatReloadEmbed,
  formatSourcesEmbed,
  formatTimelineEmbed,
  unescapeMarkdown,
} from "../../src/bots/discord/format.ts";
import { SEED, answer, chatText, isWellFormed, lang, reloadReport, sources, timeline } from "./arbitraries.ts";

const RUNS = { seed: SEED, numRuns: 300 };

/** Every text of an embed that Discord counts. */
function textsOf(embed: APIEmbed): string[] {
  return [embed.title, embed.description, embed.footer?.text, embed.author?.name, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].filter(
    (t): t is string => t !== undefined,
  );
}

/** Discord's limits, and what it rejects outright (an empty field name or value, an empty description). */
function limitProblems(embed: APIEmbed): string[] {
  const problems: string[] = [];
  const over = (what: string, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max) problems.push(`${what} of ${text.length} > ${max}`);
  };
  over("title", embed.title, LIMITS.title);
  over("description", embed.description, LIMITS.description);
  over("footer", embed.footer?.text, LIMITS.footer);
  over("author", embed.author?.name, LIMITS.author);
  if (embed.description !== undefined && embed.description.length === 0) problems.push("an empty description");
  if ((embed.fields?.length ?? 0) > LIMITS.fields) problems.push(`${embed.fields?.length} fields`);
  for (const [i, f] of (embed.fields ?? []).entries()) {
    over(`field ${i} name`, f.name, LIMITS.fieldName);
    over(`field ${i} value`, f.value, LIMITS.fieldValue);
    if (f.name.length === 0 || f.value.length === 0) problems.push(`field ${i} is empty`);
  }
  const total = textsOf(embed).reduce((n, t) => n + t.length, 0);
  if (total > LIMITS.embedTotal) problems.push(`${total} characters in all`);
  if (embedLength(embed) !== total) problems.push(`embedLength says ${embedLength(embed)}, the texts hold ${total}`);
  return problems;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A cut never splits a surrogate pair: well-formed input gives well-formed output. */
function surrogateProblems(input: unknown, embed: APIEmbed): string[] {
  if (!stringsIn(input).every(isWellFormed)) return [];
  return textsOf(embed).filter((t) => !isWellFormed(t)).map((t) => `a lone surrogate in ${JSON.stringify(t.slice(-40))}`);
}

function check(input: unknown, embed: APIEmbed): void {
  expect([...limitProblems(embed), ...surrogateProblems(input, embed)]).toEqual([]);
}

describe("Discord formatters (property)", () => {
  it("formatAnswerEmbed stays within every limit", () => {
    // The engine never answers with an empty text (see answer.property.test.ts); the Slack
    // formatter shows "…" for one, this one would send an empty description.
    fc.assert(
      fc.property(answer.filter((a) => a.text !== ""), (a) => check(a, formatAnswerEmbed(a))),
      RUNS,
    );
  });

  it("formatAnswerEmbed shows a short answer's text exactly as written", () => {
    fc.assert(
      fc.property(answer, chatText().filter((t) => t !== ""), (a, text) => {
        const short = { ...a, text, citations: a.citations.slice(0, 3).map((c) => ({ ...c, quote: c.quote.slice(0, 200), title: c.title.slice(0, 100), outlet: c.outlet.slice(0, 50) })), suggestions: [] };
        const embed = formatAnswerEmbed(short);
        expect(unescapeMarkdown(embed.description ?? "")).toBe(text);
      }),
      RUNS,
    );
  });

  it("formatSourcesEmbed stays within every limit", () => {
    fc.assert(
      fc.property(sources, lang, (list, l) => check(list, formatSourcesEmbed(list, l))),
      RUNS,
    );
  });

  it("formatTimelineEmbed stays within every limit", () => {
    fc.assert(
      fc.property(timeline, (t) => check(t, formatTimelineEmbed(t))),
      RUNS,
    );
  });

  it("formatReloadEmbed stays within every limit", () => {
    fc.assert(
      fc.property(reloadReport, lang, fc.constantFrom("reload" as const, "rollback" as const), (report, l, action) =>
        check(report, formatReloadEmbed(report, l, action)),
      ),
      RUNS,
    );
  });
});
