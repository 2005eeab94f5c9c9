import { describe, expect, it } from "vitest";
import { analyzeQuery, createGlossary, detectLang, normalizeText, splitWords, stemEnglish } from "../../src/search/analysis.ts";
import type { Term } from "../../src/knowledge/schema.ts";

const term = (id: string, kind: Term["kind"], en: string[], ko: string[]): Term => ({ id, kind, en, ko, topic: false });
const glossary = createGlossary([
  term("nvidia", "company", ["Nvidia"], ["엔비디아"]),
  term("h100", "product", ["H100"], ["에이치100"]),
  term("rare-earths", "topic", ["rare earths", "rare-earth magnets"], ["희토류", "희토류 자석"]),
  term("export-controls", "policy", ["export controls"], ["수출 통제", "수출통제"]),
  term("lutnick", "person", ["Howard Lutnick", "Commerce Secretary Lutnick"], ["러트닉", "러트닉 상무장관"]),
  term("united-states", "country", ["US", "United States"], ["미국"]),
]);
const stems = (text: string) => splitWords(text).filter((w) => !w.stop).map((w) => w.stem);
const entities = (text: string) => analyzeQuery(text, glossary).entities;

describe("Korean analysis", () => {
  it.each([
    ["엔비디아의", "엔비디아"],
    ["엔비디아가", "엔비디아"],
    ["엔비디아는", "엔비디아"],
    ["중국이", "중국"],
    ["중국에서는", "중국"],
    ["기업들은", "기업"],
  ])("strips the particle from %s", (word, stem) => {
    expect(stems(word)).toEqual([stem]);
  });

  it.each([
    ["승인됐어", "승인됐다"],
    ["승인됐어요", "승인됐다"],
    ["발표했지", "발표했다"],
    ["공개되었어", "공개되었다"],
  ])("reads the chat ending of %s as its written form %s", (chat, written) => {
    expect(stems(chat)).toEqual(stems(written));
  });

  it("drops adverbs that frame a question without naming anything", () => {
    expect(stems("갑자기 허용한 이유를 한마디로 말하면")).toEqual(["허용", "말하면"]);
    expect(stems("When was the Biden-era rule due to take effect?")).toEqual(["biden", "rule", "effect"]);
  });

  it("keeps names that merely end like a particle", () => {
    expect(stems("화웨이")).toEqual(["화웨이"]);
  });

  it("drops a bare particle glued to a model name", () => {
    expect(stems("H200은 H20보다")).toEqual(["h200", "h20"]);
  });

  it.each([
    ["에이치 ( H ) 100의", "H100의"],
    ["에이치100", "H100"],
    ["NVL 72", "NVL72"],
  ])("joins the spacing variant %s", (input, expected) => {
    expect(normalizeText(input).trim()).toBe(expected);
  });

  it.each([
    ["40만 개", "400000"],
    ["1만8000개", "18000"],
    ["55억 달러", "5500000000"],
    ["7조6300억원", "7630000000000"],
    ["200만", "2000000"],
  ])("reads the Korean number %s as digits", (input, digits) => {
    expect(stems(input)).toContain(digits);
  });

  it("matches Korean numbers against English ones", () => {
    expect(stems("400,000 chips")).toContain("400000");
    expect(stems("$5.5 billion")).toContain("5500000000");
    expect(stems("2 million")).toContain("2000000");
  });

  it("matches ordinals across languages", () => {
    expect(stems("네 번째로")).toContain("ord4");
    expect(stems("the fourth-best")).toContain("ord4");
  });
});

describe("English analysis", () => {
  it.each([
    ["Exports", "export"],
    ["exported", "export"],
    ["exporting", "export"],
    ["approved", stemEnglish("approve")],
    ["companies", "company"],
    ["H100s", "h100"],
  ])("folds %s to %s", (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });

  it("folds case", () => {
    expect(stems("NVIDIA Nvidia nvidia")).toEqual(["nvidia", "nvidia", "nvidia"]);
  });

  it("drops question words", () => {
    expect(stems("What did they say about it?")).toEqual([]);
  });
});

describe("glossary matching", () => {
  it("finds an entity in either language", () => {
    expect(entities("Nvidia chips")).toEqual(["nvidia"]);
    expect(entities("엔비디아의 칩")).toEqual(["nvidia"]);
  });

  it("matches aliases whatever the spacing", () => {
    expect(entities("수출통제")).toEqual(["export-controls"]);
    expect(entities("수출 통제를")).toEqual(["export-controls"]);
  });

  it("matches multi-word and plural aliases", () => {
    expect(entities("rare earth magnets")).toEqual(["rare-earths"]);
    expect(entities("What did Commerce Secretary Lutnick say?")).toEqual(["lutnick"]);
  });

  it("takes the longest alias at each position, through words that are no alias alone", () => {
    const spans = glossary.match(splitWords("the rare-earth magnets of Commerce Secretary Lutnick")).map((m) => [m.id, m.end - m.start]);
    expect(spans).toEqual([
      ["rare-earths", 3],
      ["lutnick", 3],
    ]);
  });

  it("finds an alias inside a Korean compound", () => {
    expect(entities("대미희토류 수출")).toContain("rare-earths");
  });

  it("reads US as the country, never the pronoun", () => {
    expect(entities("Did the US allow it?")).toEqual(["united-states"]);
    expect(entities("tell us about it")).toEqual([]);
  });
});

describe("detectLang", () => {
  it.each([
    ["H20은 뭐야?", "ko"],
    ["What is the H20?", "en"],
    ["", "en"],
  ])("reads %j as %s", (q, lang) => {
    expect(detectLang(q)).toBe(lang);
  });
});
