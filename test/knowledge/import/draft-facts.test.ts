import { describe, expect, it } from "vitest";
import { draftFacts, isSubstantive, matchEntities, statedDate } from "../../../src/knowledge/import/draft-facts.ts";
import type { Term } from "../../../src/knowledge/schema.ts";
import { KB } from "./pages.ts";

const term = (id: string, kind: Term["kind"], en: string[], ko: string[]): Term => ({ id, kind, en, ko, topic: false });
const TERMS: Term[] = [
  term("h20", "product", ["H20"], ["H20", "에이치20"]),
  term("h200", "product", ["H200"], ["H200"]),
  term("trump", "person", ["Trump"], ["트럼프"]),
  term("trump-administration", "government", ["Trump administration"], ["트럼프 행정부"]),
  term("nvidia", "company", ["Nvidia"], ["엔비디아"]),
  term("sale", "concept", ["sell"], ["판매"]),
];

describe("isSubstantive", () => {
  it.each([
    ["미국 정부가 엔비디아의 H20 수출을 승인했다.", true],
    ['그는 "우리는 중국에 칩을 다시 팔 것이다."', true],
    ["젠슨 황, 中 판매 재개 위해 총력전 펼쳐", false],
    ["승인했다.", false],
  ])("isSubstantive(%j) is %s", (sentence, expected) => {
    expect(isSubstantive(sentence)).toBe(expected);
  });
});

describe("matchEntities", () => {
  it("matches aliases in either language, ignoring case, in order of mention", () => {
    expect(matchEntities("NVIDIA가 h20을 팔았다.", TERMS)).toEqual(["nvidia", "h20"]);
  });

  it("does not find H20 inside H200", () => {
    expect(matchEntities("엔비디아의 H200 수출이 허용됐다.", TERMS)).toEqual(["nvidia", "h200"]);
  });

  it("counts a mention inside a longer mention of another term only for the longer one", () => {
    expect(matchEntities("트럼프 행정부가 H20 판매를 허용했다.", TERMS)).toEqual(["trump-administration", "h20"]);
    expect(matchEntities("트럼프 행정부와 트럼프 대통령이 합의했다.", TERMS)).toEqual(["trump-administration", "trump"]);
  });

  it("leaves out concept terms", () => {
    expect(matchEntities("판매가 재개됐다.", TERMS)).toEqual([]);
  });
});

describe("statedDate", () => {
  it.each([
    ["미국 상무부는 2025년 5월 13일 조건을 공개했다.", "2025-05-13"],
    ["행사는 2025.07.16 열렸다.", "2025-07-16"],
    ["로이터통신은 28일(현지시간) 보도했다.", null],
    ["2025-05-13과 2025-05-14에 발표했다.", null],
  ])("statedDate(%j) is %j", (sentence, date) => {
    expect(statedDate(sentence)).toBe(date);
  });
});

describe("draftFacts", () => {
  const body = [
    "H20 수출 재개",
    "엔비디아가 H20 판매를 재개했다. 2025년 7월 15일 판매 재개를 발표했다.",
    "회사 측은 추가 설명을 내놓지 않았다고 전했다.",
  ].join("\n\n");

  it("drafts one candidate fact per substantive sentence, quoting it verbatim", () => {
    expect(draftFacts("h20-resumes", body, TERMS)).toEqual([
      {
        id: "h20-resumes-01",
        status: "candidate",
        date: null,
        approximate: false,
        claim: { ko: "엔비디아가 H20 판매를 재개했다." },
        entities: ["nvidia", "h20"],
        quote: "엔비디아가 H20 판매를 재개했다.",
        questions: { ko: [], en: [] },
      },
      {
        id: "h20-resumes-02",
        status: "candidate",
        date: "2025-07-15",
        approximate: false,
        claim: { ko: "2025년 7월 15일 판매 재개를 발표했다." },
        entities: ["nvidia"],
        quote: "2025년 7월 15일 판매 재개를 발표했다.",
        questions: { ko: ["언제 판매 재개를 발표했어?"], en: [] },
      },
      {
        id: "h20-resumes-03",
        status: "candidate",
        date: null,
        approximate: false,
        claim: { ko: "회사 측은 추가 설명을 내놓지 않았다고 전했다." },
        entities: ["nvidia"],
        quote: "회사 측은 추가 설명을 내놓지 않았다고 전했다.",
        questions: { ko: [], en: [] },
      },
    ]);
  });

  it("gives a sentence that names no term the article's most mentioned term", () => {
    const facts = draftFacts("a", "엔비디아가 칩을 팔았다고 밝혔다. H20 판매는 늘었다고 한다. 엔비디아는 웃었다고 전해졌다. 시장은 대체로 조용했다고 한다.", TERMS);
    expect(facts.map((f) => f.entities)).toEqual([["nvidia"], ["h20"], ["nvidia"], ["nvidia"]]);
  });

  it("drafts nothing when the article names no glossary term", () => {
    expect(draftFacts("a", "시장은 조용했다고 전해졌다.", TERMS)).toEqual([]);
  });

  it("tags every sentence of the bundled articles with known glossary ids", () => {
    const ids = new Set(KB.terms.map((t) => t.id));
    for (const article of KB.articles) {
      const facts = draftFacts(article.id, article.body, KB.terms);
      expect(facts.length, article.id).toBeGreaterThan(5);
      for (const f of facts) {
        expect(f.entities.length, f.id).toBeGreaterThan(0);
        for (const e of f.entities) expect(ids.has(e), `${f.id}: ${e}`).toBe(true);
      }
    }
  });
});
