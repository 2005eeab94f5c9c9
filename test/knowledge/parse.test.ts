import { describe, expect, it } from "vitest";
import { parseKnowledge, sparseQuestions } from "../../src/knowledge/parse.ts";
import { formatDataError } from "../../src/knowledge/report.ts";
import { ARTICLE, FACTS, GLOSSARY, files } from "./fixtures.ts";

const messages = (f: ReturnType<typeof files>) => parseKnowledge(f).errors.map(formatDataError);

describe("parseKnowledge", () => {
  it("accepts a valid data set and derives a content version", () => {
    const r = parseKnowledge(files());
    expect(r.errors).toEqual([]);
    expect(r.data?.articles.map((a) => a.id)).toEqual(["chip-deal"]);
    expect(r.data?.facts.map((f) => f.id)).toEqual(["chip-deal-01", "chip-deal-02"]);
    expect(r.data?.version).toMatch(/^[0-9a-f]{12}$/);
    expect(parseKnowledge(files()).data?.version).toBe(r.data?.version);
  });

  it("matches quotes with whitespace normalized", () => {
    // The article has three spaces after "장관은"; the quote has one.
    expect(parseKnowledge(files()).data?.facts[1]?.quote).toContain("장관은 \"네");
  });

  it.each([
    [
      "a quote that is not in the article",
      { facts: FACTS.replace("미국 정부가 엔비디아의 H20 수출을 승인했다.\n  - id", "미국 정부가 H20을 금지했다.\n  - id") },
      'knowledge: data/facts/chip-deal.yaml: facts[0].quote: not found in article "chip-deal": "미국 정부가 H20을 금지했다."',
    ],
    [
      "an unknown article id",
      { facts: FACTS.replace("article: chip-deal", "article: no-such-article") },
      'knowledge: data/facts/chip-deal.yaml: article: unknown article id "no-such-article"',
    ],
    [
      "a duplicate fact id",
      { facts: FACTS.replace("id: chip-deal-02", "id: chip-deal-01") },
      'knowledge: data/facts/chip-deal.yaml: facts[1].id: duplicate fact id "chip-deal-01" (first in data/facts/chip-deal.yaml)',
    ],
    [
      "a duplicate example question (case and spacing aside)",
      { facts: FACTS.replace("    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n", "    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n    questions:\n      en: [did the us ok the h20?, who approved it?, Did the US  OK the H20?]\n") },
      "knowledge: data/facts/chip-deal.yaml: facts[0].questions.en[2]: duplicate of questions.en[0]",
    ],
    [
      "an empty example question",
      { facts: FACTS.replace("    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n", "    questions:\n      ko: [h20 승인됐어?, \"  \"]\n    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n") },
      "knowledge: data/facts/chip-deal.yaml: facts[0].questions.ko[1]: must not be empty",
    ],
    [
      "an empty article body",
      { article: ARTICLE.split("---\n").slice(0, 2).join("---\n") + "---\n\n", facts: "article: chip-deal\nfacts: []\n" },
      "knowledge: data/articles/chip-deal.md: body: article text is empty",
    ],
    [
      "an empty claim",
      { facts: FACTS.replace("ko: 미국 정부가 H20 수출을 승인했다.", 'ko: "  "') },
      "knowledge: data/facts/chip-deal.yaml: facts[0].claim.ko: must not be empty",
    ],
    [
      "a missing required field",
      { article: ARTICLE.replace("outlet: 테스트일보\n", "") },
      "knowledge: data/articles/chip-deal.md: outlet: Invalid input: expected string, received undefined",
    ],
    [
      "a malformed date",
      { article: ARTICLE.replace("publishedAt: 2025-07-18", "publishedAt: July 18") },
      "knowledge: data/articles/chip-deal.md: publishedAt: must be YYYY-MM-DD",
    ],
    [
      "an unknown field (a typo)",
      { facts: FACTS.replace("    date: 2025-07-15", "    dat: 2025-07-15") },
      'knowledge: data/facts/chip-deal.yaml: facts[0]: Unrecognized key: "dat"',
    ],
    [
      "an entity missing from the glossary",
      { facts: FACTS.replace("entities: [lutnick]", "entities: [lutnick, bessent]") },
      'knowledge: data/facts/chip-deal.yaml: facts[1].entities[1]: unknown glossary term "bessent"',
    ],
    [
      "invalid YAML",
      { facts: FACTS.replace("facts:\n", "facts: [\n") },
      "knowledge: data/facts/chip-deal.yaml: line 3: invalid YAML:",
    ],
    [
      "an article id that differs from its file name",
      { article: ARTICLE.replace("id: chip-deal", "id: chip-deals") },
      'knowledge: data/articles/chip-deal.md: id: "chip-deals" must match the file name "chip-deal"',
    ],
    [
      "a raw page that does not exist",
      { article: ARTICLE.replace("raw: chip-deal.txt", "raw: missing.txt") },
      'knowledge: data/articles/chip-deal.md: raw: raw page "missing.txt" not found in data/raw/',
    ],
    [
      "one alias naming two terms",
      { glossary: GLOSSARY + "  - id: nvidia-corp\n    kind: company\n    en: [NVIDIA]\n    ko: [엔비디아 코퍼레이션]\n" },
      'knowledge: data/glossary.yaml: terms[3]: alias "NVIDIA" also names term "nvidia"',
    ],
  ])("reports %s with the file, field and reason", (_name, over, expected) => {
    const got = messages(files(over));
    expect(got.some((m) => m.startsWith(expected)), `got:\n${got.join("\n")}`).toBe(true);
    expect(parseKnowledge(files(over)).data).toBeNull();
  });

  it("reports a duplicate article id across files", () => {
    const got = messages(
      files({ extraArticles: [{ path: "data/articles/chip-deal-copy.md", content: ARTICLE.replace("미국 정부가", "미국 행정부가") }] }),
    );
    expect(got).toContain('knowledge: data/articles/chip-deal-copy.md: id: "chip-deal" must match the file name "chip-deal-copy"');
    expect(got).toContain('knowledge: data/articles/chip-deal-copy.md: id: duplicate article id "chip-deal" (first in data/articles/chip-deal.md)');
  });

  it("lists every error, not only the first", () => {
    const broken = FACTS.replace("entities: [lutnick]", "entities: [ghost]").replace("id: chip-deal-02", "id: chip-deal-01");
    const got = messages(files({ facts: broken, article: ARTICLE.replace("raw: chip-deal.txt", "raw: gone.txt") }));
    expect(got.length).toBeGreaterThanOrEqual(2);
  });

  it("warns, without failing, when an event is dated after its article", () => {
    const r = parseKnowledge(files({ facts: FACTS.replace("date: 2025-07-15", "date: 2025-08") }));
    expect(r.errors).toEqual([]);
    expect(r.warnings.map(formatDataError)).toEqual([
      "knowledge: data/facts/chip-deal.yaml: facts[0].date: event date 2025-08 is later than the article's date 2025-07-18",
    ]);
  });

  it("accepts an unquoted year as an event date", () => {
    const r = parseKnowledge(files({ facts: FACTS.replace("date: 2025-07-15", "date: 2024") }));
    expect(r.data?.facts[0]?.date).toBe("2024");
  });

  it("lets a candidate fact lack an English claim, but not a curated one", () => {
    const noEn = FACTS.replace("      en: The US government approved H20 exports.\n", "");
    expect(messages(files({ facts: noEn }))).toContain(
      "knowledge: data/facts/chip-deal.yaml: facts[0].claim.en: a curated fact needs an English claim",
    );
    const candidate = noEn.replace("  - id: chip-deal-01\n", "  - id: chip-deal-01\n    status: candidate\n");
    expect(parseKnowledge(files({ facts: candidate })).errors).toEqual([]);
  });
});

describe("sparseQuestions", () => {
  it("lists curated facts with fewer than two example questions in either language, not candidates", () => {
    const facts = FACTS.replace(
      "    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n",
      "    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n    questions:\n      ko: [h20 승인됐어?, h20 허가 났어?]\n      en: [did the us ok the h20?]\n",
    );
    const data = parseKnowledge(files({ facts })).data!;
    expect(sparseQuestions(data.facts)).toEqual(["chip-deal-01 (ko 2, en 1)", "chip-deal-02 (ko 0, en 0)"]);
    const candidate = facts.replace("  - id: chip-deal-02\n", "  - id: chip-deal-02\n    status: candidate\n");
    expect(sparseQuestions(parseKnowledge(files({ facts: candidate })).data!.facts)).toEqual(["chip-deal-01 (ko 2, en 1)"]);
  });

  it("lists none when every curated fact has two in each language", () => {
    const two = "    questions:\n      ko: [가?, 나?]\n      en: [a?, b?]\n";
    const facts = FACTS.replace(/(    quote: .*\n)/gu, `$1${two}`);
    expect(sparseQuestions(parseKnowledge(files({ facts })).data!.facts)).toEqual([]);
  });
});

describe("parseKnowledge on a very large article", () => {
  it("reads the front matter of a 9 MB article with Windows line ends without overflowing the stack", () => {
    // 9 MB, mostly ASCII in short lines, with Korean in it: about where the old pattern overflowed.
    const body = "H20 ok.\n".repeat(1_000_000);
    const r = parseKnowledge(files({ article: (ARTICLE + body).replace(/\n/gu, "\r\n") }));
    expect(r.errors).toEqual([]);
    expect(r.data?.articles[0]?.title).toBe("칩 거래");
    expect(r.data?.articles[0]?.body.length).toBeGreaterThan(4_000_000);
  });

  it.each([
    ["no closing line", "---\nid: chip-deal\n미국 정부가 승인했다.\n"],
    ["no opening line", "id: chip-deal\n---\n미국 정부가 승인했다.\n"],
  ])("refuses an article with %s", (_, article) => {
    expect(messages(files({ article }))).toContain("knowledge: data/articles/chip-deal.md: must start with YAML front matter between '---' lines");
  });
});
