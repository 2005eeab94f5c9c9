import fc from "fast-check";
import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import type { SourceSummary, Usage } from "../../../src/engine/engine-types.ts";
import type { Answer, Citation } from "../../../src/answer/types.ts";
import {
  clampContent,
  clampEmbed,
  embedLength,
  escapeMarkdown,
  fitList,
  formatAnswerEmbed,
  formatCitationField,
  formatHelpEmbed,
  formatReloadEmbed,
  formatShortUsage,
  formatSourcesEmbed,
  formatStatusEmbed,
  LIMITS,
  truncate,
  unescapeMarkdown,
} from "../../../src/bots/discord/format.ts";
import { manySources } from "../../helpers/sources.ts";
import { langFromLocale, langFromText, stringsFor } from "../../../src/bots/discord/strings.ts";
import type { ReloadReport } from "../../../src/knowledge/report.ts";

function citation(overrides: Partial<Citation> = {}): Citation {
  return {
    articleId: "us-approves-h20-exports",
    title: "US lets Nvidia resume H20 sales to China",
    outlet: "Reuters",
    publishedAt: "2025-07-15",
    dateApproximate: false,
    url: "https://example.com/h20",
    quote: "Nvidia said it would resume sales of its H20 chips to China.",
    factId: "us-approves-h20-exports-01",
    ...overrides,
  };
}

function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: "When did the US allow H20 sales again?",
    lang: "en",
    answered: true,
    text: "In July 2025 the US said it would grant licences for Nvidia's H20 sales to China.",
    citations: [citation()],
    refusal: null,
    suggestions: [],
    kbVersion: "abc123",
    ...overrides,
  };
}

function report(overrides: Partial<ReloadReport> = {}): ReloadReport {
  return {
    ok: true,
    actor: "discord:minji (1)",
    version: "v2",
    previousVersion: "v1",
    counts: { articles: 5, facts: 121, terms: 112 },
    articles: { added: ["new-article"], removed: [], changed: ["why-trump-allowed-h20"] },
    facts: { added: ["new-article-01", "new-article-02"], removed: ["old-01"], changed: [] },
    errors: [],
    durationMs: 134.4,
    at: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

function source(i: number): SourceSummary {
  return {
    articleId: `article-${i}`,
    title: `Article number ${i} about export controls`,
    outlet: "Outlet",
    publishedAt: "2025-07-15",
    dateApproximate: i % 2 === 0,
    url: i % 3 === 0 ? null : `https://example.com/${i}`,
    facts: i,
  };
}

/** Every Discord limit holds for the embed. */
function expectWithinLimits(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  for (const f of embed.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

describe("truncate", () => {
  it.each([
    ["short", 10, "short"],
    ["exactly10!", 10, "exactly10!"],
    ["eleven chars", 10, "eleven ch…"],
    ["abc", 1, "…"],
    ["abc", 0, ""],
  ])("truncates %j to %i characters as %j", (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it("does not split a surrogate pair", () => {
    const out = truncate("ab😀cd", 4);
    expect(out).toBe("ab…");
  });

  it("leaves no dangling escape backslash", () => {
    expect(truncate("ab\\*cd", 4)).toBe("ab…");
  });
});

describe("escapeMarkdown", () => {
  it("escapes inline markdown and unescapes back", () => {
    const text = "a *bold* _it_ ~~s~~ `code` ||spoiler|| back\\slash";
    const escaped = escapeMarkdown(text);
    expect(escaped).toBe("a \\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| back\\\\slash");
    expect(unescapeMarkdown(escaped)).toBe(text);
  });
});

describe("fitList", () => {
  const more = (n: number) => `…and ${n} more`;

  it("joins everything that fits", () => {
    expect(fitList(["a", "b"], 10, more)).toBe("a\nb");
  });

  it("summarises the items that do not fit", () => {
    const items = Array.from({ length: 100 }, (_, i) => `item ${i}`);
    const out = fitList(items, 60, more);
    expect(out.length).toBeLessThanOrEqual(60);
    const shown = out.split("\n").filter((l) => l.startsWith("item"));
    expect(out.endsWith(more(100 - shown.length))).toBe(true);
  });

  it("counts items the caller left out", () => {
    expect(fitList(["a", "b"], 100, more, "\n", 3)).toBe("a\nb\n…and 3 more");
  });
});

describe("formatAnswerEmbed", () => {
  it("shows the question as title, the answer as description and each citation as a field", () => {
    const embed = formatAnswerEmbed(answer());
    expect(embed.title).toBe("When did the US allow H20 sales again?");
    expect(embed.description).toBe("In July 2025 the US said it would grant licences for Nvidia's H20 sales to China.");
    expect(embed.fields).toEqual([
      {
        name: "[1] Reuters · 2025-07-15",
        value: "“Nvidia said it would resume sales of its H20 chips to China.”\n[US lets Nvidia resume H20 sales to China](https://example.com/h20)",
      },
    ]);
    expect(embed.footer?.text).toBe("Knowledge base abc123 · 1 source quoted verbatim");
  });

  it("writes its own words in the answer's language", () => {
    const embed = formatAnswerEmbed(answer({ lang: "ko", citations: [citation(), citation()] }));
    expect(embed.footer?.text).toBe("지식 베이스 abc123 · 출처 2건 원문 인용");
  });

  it("shows the title without a link when the url is unknown", () => {
    const field = formatCitationField(citation({ url: null, title: "中에 엔비디아 [AI칩]" }), 2);
    expect(field.name).toBe("[2] Reuters · 2025-07-15");
    expect(field.value).toBe("“Nvidia said it would resume sales of its H20 chips to China.”\n*中에 엔비디아 \\[AI칩\\]*");
  });

  it("marks a citation whose article date is approximate, in the answer's language", () => {
    expect(formatCitationField(citation({ dateApproximate: true }), 1).name).toBe("[1] Reuters · 2025-07-15 (approx.)");
    const embed = formatAnswerEmbed(answer({ lang: "ko", citations: [citation({ dateApproximate: true })] }));
    expect(embed.fields?.[0]?.name).toBe("[1] Reuters · 2025-07-15 (추정)");
  });

  it("escapes markdown in quotes so they render verbatim", () => {
    const field = formatCitationField(citation({ quote: "chips *not* for `export`" }), 1);
    expect(field.value.startsWith("“chips \\*not\\* for \\`export\\`”")).toBe(true);
  });

  it("shows a refusal with its text and suggestions", () => {
    const embed = formatAnswerEmbed(
      answer({
        answered: false,
        refusal: "no-support",
        citations: [],
        text: "The articles I have don't support an answer to that.",
        suggestions: ["H20", "Huawei"],
      }),
    );
    expect(embed.title).toBe(stringsFor("en").refusalTitle);
    expect(embed.description).toBe("The articles I have don't support an answer to that.");
    expect(embed.fields).toEqual([{ name: "Topics I can answer about", value: "• H20\n• Huawei" }]);
  });

  it("stays within every Discord limit for huge inputs, truncating with …", () => {
    const huge = answer({
      question: "Q".repeat(5000),
      text: "T".repeat(20_000),
      citations: Array.from({ length: 40 }, (_, i) =>
        citation({ outlet: `Outlet ${i} `.repeat(100), quote: `quote ${i} `.repeat(1000), title: "t".repeat(3000) }),
      ),
    });
    const embed = formatAnswerEmbed(huge);
    expectWithinLimits(embed);
    expect(embed.title?.endsWith("…")).toBe(true);
    expect(embed.description?.endsWith("…")).toBe(true);
    expect(embed.fields?.[0]?.value).toMatch(/…”\n/);
  });

  it("summarises citations beyond 25 in a last field", () => {
    const many = answer({ citations: Array.from({ length: 30 }, () => citation()) });
    const embed = formatAnswerEmbed(many);
    expect(embed.fields).toHaveLength(25);
    expect(embed.fields?.[24]?.name).toBe("…and 6 more sources");
    expect(embed.fields?.[24]?.value.split("\n")[0]).toBe("[25] Reuters · 2025-07-15");
    expectWithinLimits(embed);
  });

  it("holds the limits for arbitrary answers", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 6000 });
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(fc.record({ quote: text, outlet: text, title: text }), { maxLength: 40 }),
        fc.boolean(),
        (question, body, cites, answered) => {
          const embed = formatAnswerEmbed(
            answer({ question, text: body, answered, citations: cites.map((c) => citation(c)), suggestions: [body] }),
          );
          expectWithinLimits(embed);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe("clampEmbed", () => {
  it("cuts the description before dropping fields when the total exceeds 6000", () => {
    const embed = clampEmbed({
      description: "d".repeat(4096),
      fields: Array.from({ length: 3 }, (_, i) => ({ name: `f${i}`, value: "v".repeat(1024) })),
    });
    expectWithinLimits(embed);
    expect(embed.fields).toHaveLength(3);
    expect(embed.description?.length).toBeLessThan(4096);
  });

  it("replaces empty field names and values, which Discord rejects", () => {
    const embed = clampEmbed({ fields: [{ name: "", value: "" }] });
    expect(embed.fields).toEqual([{ name: "\u200b", value: "\u200b" }]);
  });
});

describe("formatReloadEmbed", () => {
  it("reports versions, counts and changes", () => {
    const embed = formatReloadEmbed(report(), "en");
    expect(embed.title).toBe("Knowledge base reloaded");
    expect(embed.description).toBeUndefined();
    expect(embed.fields).toEqual([
      { name: "Version", value: "v1 → v2", inline: true },
      { name: "Counts", value: "5 articles · 121 facts · 112 terms", inline: true },
      { name: "Articles", value: "**+1** new-article\n**~1** why-trump-allowed-h20" },
      { name: "Facts", value: "**+2** new-article-01, new-article-02\n**−1** old-01" },
    ]);
    expect(embed.footer?.text).toBe("by discord:minji (1) · 134 ms");
    expect(embed.timestamp).toBe("2026-01-01T00:00:00.000Z");
  });

  it("says the old knowledge base keeps serving on failure, with errors bounded", () => {
    const errors = Array.from({ length: 50 }, (_, i) => ({
      file: `data/facts/a-${i}.yaml`,
      path: `facts[${i}].quote`,
      message: "not found in article ".repeat(30),
    }));
    const embed = formatReloadEmbed(report({ ok: false, version: "v1", errors }), "ko");
    expect(embed.title).toBe("다시 읽기 실패");
    expect(embed.description).toBe("아래 오류를 고칠 때까지 이전 지식 베이스가 계속 답변합니다.");
    const field = embed.fields?.find((f) => f.name === "오류 (50건)");
    const lines = field?.value.split("\n") ?? [];
    const shown = lines.filter((l) => l.startsWith("• ")).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(10);
    expect(lines.at(-1)).toBe(`…외 오류 ${50 - shown}건`);
    expect(lines[0]).toContain("knowledge: data/facts/a-0.yaml: facts[0].quote: not found in article");
    expectWithinLimits(embed);
  });

  it("says so when nothing changed", () => {
    const none = { added: [], removed: [], changed: [] };
    const embed = formatReloadEmbed(report({ articles: none, facts: none, previousVersion: "v2" }), "en");
    expect(embed.fields?.[0]?.value).toBe("v2");
    expect(embed.fields?.[2]?.value).toBe("no changes");
  });

  it("stays within the limits for huge change sets", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `fact-${i}`);
    const embed = formatReloadEmbed(report({ facts: { added: ids, removed: ids, changed: ids } }), "en");
    expectWithinLimits(embed);
    expect(embed.fields?.[3]?.value).toContain("…and");
  });
});

describe("formatSourcesEmbed, formatHelpEmbed, formatStatusEmbed", () => {
  it("lists sources with links, approximate dates and fact counts", () => {
    const embed = formatSourcesEmbed([source(1), source(2), source(3)], "en");
    expect(embed.title).toBe("Sources (3 articles)");
    expect(embed.description?.split("\n")).toEqual([
      "**1.** [Article number 1 about export controls](https://example.com/1) — Outlet, 2025-07-15 · 1 fact",
      "**2.** [Article number 2 about export controls](https://example.com/2) — Outlet, 2025-07-15 (approx.) · 2 facts",
      "**3.** *Article number 3 about export controls* — Outlet, 2025-07-15 · 3 facts",
    ]);
  });

  it("summarises sources beyond the description limit", () => {
    const embed = formatSourcesEmbed(Array.from({ length: 500 }, (_, i) => source(i)), "ko");
    expectWithinLimits(embed);
    expect(embed.description).toMatch(/…외 \d+건$/);
  });

  it("shows what the bot knows, examples in both languages and the commands", () => {
    const usage: Usage = {
      lang: "en",
      intro: "I answer questions about export controls.",
      topics: ["H20", "Huawei"],
      examples: { ko: ["H20은 왜 허용됐나?"], en: ["Why was the H20 allowed?"] },
      sources: [source(1)],
    };
    const embed = formatHelpEmbed(usage);
    expect(embed.title).toBe("Chokepoint — what I know");
    expect(embed.description).toBe("I answer questions about export controls.");
    expect(embed.fields?.map((f) => f.name)).toEqual([
      "Sources (1 article)",
      "Main topics",
      "Example questions (한국어)",
      "Example questions (English)",
      "Commands",
    ]);
    expect(embed.fields?.[1]?.value).toBe("H20 · Huawei");
    expect(embed.fields?.[2]?.value).toBe("• H20은 왜 허용됐나?");
    expectWithinLimits(embed);
  });

  it("shows the status", () => {
    const embed = formatStatusEmbed(
      { version: "v2", loadedAt: "2026-01-01T00:00:00.000Z", loadedBy: "startup", counts: { articles: 5, facts: 1, terms: 2 } },
      "en",
    );
    expect(embed.fields?.map((f) => f.value)).toEqual([
      "v2",
      "5 articles · 1 fact · 2 terms",
      "2026-01-01T00:00:00.000Z by startup",
    ]);
  });
});

describe("short usage and content", () => {
  it("gives the short usage in Korean and English within 2000 characters", () => {
    const text = formatShortUsage({ ko: ["H20은 왜 허용됐나?"], en: ["Why was the H20 allowed?".repeat(200)] }, "Chokepoint");
    expect(text.length).toBeLessThanOrEqual(LIMITS.content);
    expect(text.split("\n")[0]).toBe(
      "멘션 뒤에 질문을 적어 주세요 (예: @Chokepoint H20은 왜 허용됐나?). `/ask` 도 됩니다. 제가 아는 내용은 `/help` 에 있습니다.",
    );
  });

  it("clamps message content to 2000 characters", () => {
    expect(clampContent("x".repeat(5000))).toHaveLength(2000);
  });
});

describe("language choice", () => {
  it.each([
    ["ko", "ko"],
    ["ko-KR", "ko"],
    ["en-US", "en"],
    ["ja", "en"],
    [null, "en"],
  ] as const)("maps the locale %j to %s", (locale, lang) => {
    expect(langFromLocale(locale)).toBe(lang);
  });

  it.each([
    ["H20 수출은?", "ko"],
    ["Why H20?", "en"],
  ] as const)("detects %j as %s", (text, lang) => {
    expect(langFromText(text)).toBe(lang);
  });
});

describe("lists of a large archive's sources", () => {
  const many = manySources(50_000);

  it("formatSourcesEmbed fills the description and counts the rest, as for a short list", () => {
    const embed = formatSourcesEmbed(many, "en");
    const description = embed.description ?? "";
    expect(description.length).toBeLessThanOrEqual(LIMITS.description);
    const shown = description.split("\n").filter((l) => /^\*\*\d+\.\*\* /u.test(l)).length;
    expect(shown).toBeGreaterThan(10);
    expect(description.endsWith(`…and ${50_000 - shown} more`)).toBe(true);
    expect(description.split("\n")[shown - 1]).toContain(`**${shown}.** [기사 ${shown - 1}: `);
  });

  it("formatHelpEmbed's sources field holds what fits and counts the rest", () => {
    const usage: Usage = { lang: "ko", intro: "답합니다", topics: [], examples: { ko: [], en: [] }, sources: many };
    const field = formatHelpEmbed(usage).fields?.[0];
    expect(field?.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    const shown = (field?.value ?? "").split("\n").filter((l) => l.startsWith("• ")).length;
    expect(shown).toBeGreaterThan(3);
    expect(field?.value.endsWith(`…외 ${50_000 - shown}건`)).toBe(true);
  });
});
