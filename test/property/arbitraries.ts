// Generators shared by the property tests: chat text as people (and attackers) type it, and
// the values the formatters receive (answers, sources, timelines, reload reports).
import fc from "fast-check";
import type { SourceSummary, Timeline, TimelineEntry } from "../../src/engine/engine-types.ts";
import type { Answer, Citation, Lang } from "../../src/answer/types.ts";
import type { ChangeSet, DataError, ReloadReport } from "../../src/knowledge/report.ts";

/** One seed for every property file, so a failure replays the same way. */
export const SEED = 20_250_718;

/** Mention tokens of Slack and Discord, which must never reach a chat unescaped. */
export const MENTIONS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!here|here>",
  "<@U0123ABCD>",
  "<@W0123ABCD|someone>",
  "<#C0123ABCD>",
  "<#C0123ABCD|general>",
  "<!subteam^S0123ABCD>",
  "<!subteam^S0123ABCD|@team>",
  "<!date^1392734382^{date}|Feb 18>",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&123456789012345678>",
  "@everyone",
  "@here",
  "@channel",
] as const;

export const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"] as const;

const SPECIAL = [
  ...MENTIONS,
  ...ZERO_WIDTH,
  "\u0000",
  "\u0007",
  "\u001B[31m",
  "\u007F",
  "\u0085",
  "\r\n",
  "\t",
  "\n\n",
  "**bold**",
  "__under__",
  "~~strike~~",
  "`code`",
  "```\nblock\n```",
  "> quoted",
  "||spoiler||",
  "\\",
  "\\*",
  "[link](https://evil.example/)",
  "<https://evil.example|click me>",
  "<mailto:a@b.c>",
  "&amp;",
  "&lt;",
  "&gt;",
  "&",
  "<",
  ">",
  "|",
  "🇰🇷",
  "👨‍👩‍👧‍👦",
  "🤖",
  "e\u0301",
  "ᄒ\u1161",
  "H20",
  "H200",
  "H 100",
  "에이치(H)100",
  "엔비디아",
  "화웨이",
  "희토류",
  "수출 통제",
  "Nvidia",
  "export licence",
  "中",
  "美",
  "1만8000",
  "7조6300억",
  "5.5 billion",
  "$8bn",
  "fourth",
  "네 번째",
  "6월",
  "June",
  "May",
  "US",
  "U.S.",
  "?",
  "？",
  "…",
  "...",
] as const;

/** A lone surrogate or any other UTF-16 code unit. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** A fragment of chat text: words of the domain, mention tokens, markup, emoji, odd code points. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 4 }) },
);

/** Chat text: fragments joined by spaces, nothing, or newlines. */
export function chatText(maxFragments = 12): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fragment, fc.constantFrom(" ", " ", "", "\n")), { maxLength: maxFragments })
    .map((parts) => parts.map(([f, sep]) => f + sep).join(""));
}

/** Very long text (up to `max` characters): a chat text repeated. */
export function longText(min = 1_000, max = 20_000): fc.Arbitrary<string> {
  return fc
    .tuple(chatText(6).filter((t) => t.length > 0), fc.integer({ min, max }))
    .map(([t, n]) => t.repeat(Math.ceil(n / t.length)).slice(0, n));
}

/** Any text a formatter may receive: short chat, plain strings, or very long text. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: chatText() },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 400 }) },
  { weight: 1, arbitrary: longText(3_000, 12_000) },
);

export const lang: fc.Arbitrary<Lang> = fc.constantFrom("ko", "en");

/** Article urls pass `z.url()`; give them hostile paths and queries anyway. */
export const url: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom("https://", "http://"), chatText(4)).map(([scheme, rest]) => `${scheme}example.com/${rest}`),
);

export const isoDate: fc.Arbitrary<string> = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const citation: fc.Arbitrary<Citation> = fc.record({
  articleId: anyText,
  title: anyText,
  outlet: anyText,
  publishedAt: fc.oneof(isoDate, anyText),
  dateApproximate: fc.boolean(),
  url: fc.option(url, { nil: null }),
  quote: anyText,
  factId: fc.option(anyText, { nil: null }),
});

export const answer: fc.Arbitrary<Answer> = fc
  .record({
    question: anyText,
    lang,
    answered: fc.boolean(),
    text: anyText,
    citations: fc.oneof(fc.array(citation, { maxLength: 8 }), fc.array(citation, { minLength: 20, maxLength: 70 })),
    suggestions: fc.array(anyText, { maxLength: 30 }),
    kbVersion: fc.oneof(fc.stringMatching(/^[0-9a-f]{12}$/), anyText),
  })
  .map((a) => ({ ...a, refusal: a.answered ? null : ("no-support" as const) }));

export const source: fc.Arbitrary<SourceSummary> = fc.record({
  articleId: anyText,
  title: anyText,
  outlet: anyText,
  publishedAt: fc.oneof(isoDate, anyText),
  dateApproximate: fc.boolean(),
  url: fc.option(url, { nil: null }),
  facts: fc.nat({ max: 10_000 }),
});

export const sources: fc.Arbitrary<SourceSummary[]> = fc.oneof(
  fc.array(source, { maxLength: 10 }),
  fc.array(source, { minLength: 60, maxLength: 300 }),
);

/** Date labels as the engine writes them (`formatDate`): built from validated dates, never markup. */
const when: fc.Arbitrary<string> = fc.oneof(
  isoDate,
  fc.constantFrom("2025", "July 2025", "around July 2025", "2025년 7월", "2025년 7월경", "2025년 7월 15일", "15 July 2025"),
);

const timelineEntry: fc.Arbitrary<TimelineEntry> = fc.record({
  date: fc.oneof(isoDate, anyText),
  precision: fc.constantFrom("year", "month", "day"),
  approximate: fc.boolean(),
  when,
  text: anyText,
  factId: anyText,
  citation,
});

export const timeline: fc.Arbitrary<Timeline> = fc.record({
  lang,
  topic: fc.option(anyText, { nil: null }),
  matched: fc.array(anyText, { maxLength: 10 }),
  entries: fc.oneof(fc.array(timelineEntry, { maxLength: 10 }), fc.array(timelineEntry, { minLength: 40, maxLength: 120 })),
  total: fc.nat(),
  hint: fc.option(anyText, { nil: null }),
});

const changeSet: fc.Arbitrary<ChangeSet> = fc.record({
  added: fc.oneof(fc.array(anyText, { maxLength: 5 }), fc.array(chatText(2), { maxLength: 500 })),
  removed: fc.array(anyText, { maxLength: 5 }),
  changed: fc.array(chatText(3), { maxLength: 200 }),
});

const dataError: fc.Arbitrary<DataError> = fc.record({ file: anyText, path: anyText, message: anyText });

export const reloadReport: fc.Arbitrary<ReloadReport> = fc.record({
  ok: fc.boolean(),
  actor: anyText,
  version: anyText,
  previousVersion: fc.option(anyText, { nil: null }),
  counts: fc.record({ articles: fc.nat(), facts: fc.nat(), terms: fc.nat() }),
  articles: changeSet,
  facts: changeSet,
  errors: fc.oneof(fc.array(dataError, { maxLength: 3 }), fc.array(dataError, { minLength: 10, maxLength: 100 })),
  durationMs: fc.oneof(fc.nat({ max: 100_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
  at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anyText),
});

/** True when a string has no lone surrogate (what JSON encoders and chat APIs choke on). */
export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
