// A minimal, valid data set as in-memory files, and helpers to break it one way at a time.
import type { DataFiles } from "../../src/knowledge/parse.ts";

export const ARTICLE = `---
id: chip-deal
title: 칩 거래
outlet: 테스트일보
publishedAt: 2025-07-18
language: ko
raw: chip-deal.txt
---
미국 정부가 엔비디아의 H20 수출을 승인했다.

러트닉 장관은   "네 번째로 좋은 제품은 괜찮다"고 말했다.
`;

export const FACTS = `article: chip-deal
facts:
  - id: chip-deal-01
    date: 2025-07-15
    claim:
      ko: 미국 정부가 H20 수출을 승인했다.
      en: The US government approved H20 exports.
    entities: [nvidia, h20]
    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.
  - id: chip-deal-02
    claim:
      ko: 러트닉은 네 번째로 좋은 제품은 괜찮다고 했다.
      en: Lutnick said the fourth-best product is fine.
    entities: [lutnick]
    quote: 러트닉 장관은 "네 번째로 좋은 제품은 괜찮다"고 말했다.
`;

export const GLOSSARY = `terms:
  - id: nvidia
    kind: company
    en: [Nvidia]
    ko: [엔비디아]
  - id: h20
    kind: product
    en: [H20]
    ko: [에이치20]
    topic: true
  - id: lutnick
    kind: person
    en: [Howard Lutnick, Lutnick]
    ko: [러트닉]
`;

export const EXAMPLES = `ko: [H20 수출은 승인됐나?, 러트닉은 뭐라고 했나?]
en: [Were H20 exports approved?, What did Lutnick say?]
`;

export function files(over: Partial<{ article: string; facts: string; glossary: string; examples: string; extraArticles: Array<{ path: string; content: string }>; extraFacts: Array<{ path: string; content: string }> }> = {}): DataFiles {
  return {
    articles: [{ path: "data/articles/chip-deal.md", content: over.article ?? ARTICLE }, ...(over.extraArticles ?? [])],
    facts: [{ path: "data/facts/chip-deal.yaml", content: over.facts ?? FACTS }, ...(over.extraFacts ?? [])],
    glossary: [{ path: "data/glossary.yaml", content: over.glossary ?? GLOSSARY }],
    examples: { path: "data/examples.yaml", content: over.examples ?? EXAMPLES },
    rawNames: ["chip-deal.txt"],
  };
}
