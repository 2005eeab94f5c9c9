// The index as it was before the compact postings: MiniSearch over the same analyzed fields,
// searched with all results returned and sorted. Kept as the reference the compact index
// must rank exactly like (test/bench/search-equivalence.test.ts), and to measure "before".
import MiniSearch from "minisearch";
import { createGlossary } from "../src/search/analysis.ts";
import { analyzedDocuments, type SearchHit, type SearchOptions } from "../src/search/search-index.ts";
import type { KnowledgeData } from "../src/knowledge/parse.ts";

interface IndexRecord {
  id: number;
  ko: string;
  en: string;
  ent: string;
  q: string;
}

const splitTokens = (s: string) => (s ? s.split(" ") : []);

export type ReferenceIndex = MiniSearch<IndexRecord>;

/** MiniSearch configured as search-index.ts configured it, over the same documents. */
export function buildReferenceIndex(data: KnowledgeData): ReferenceIndex {
  const search = new MiniSearch<IndexRecord>({
    fields: ["ko", "en", "ent", "q"],
    idField: "id",
    tokenize: splitTokens,
    processTerm: (t) => t || null,
    searchOptions: { tokenize: splitTokens, processTerm: (t) => t || null },
  });
  const glossary = createGlossary(data.terms);
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  let id = 0;
  for (const { fields } of analyzedDocuments(data, glossary, articles)) {
    const [ko, en, ent, q] = fields;
    search.add({ id: id++, ko: ko.join(" "), en: en.join(" "), ent: ent.join(" "), q: q.join(" ") });
  }
  return search;
}

/** The reference ranking: every matching document, best first, cut to `limit`. */
export function searchReference(index: ReferenceIndex, tokens: readonly string[], options: SearchOptions): { hits: SearchHit[]; total: number } {
  if (tokens.length === 0) return { hits: [], total: 0 };
  const results = index.search(tokens.join(" "), {
    combineWith: "OR",
    ...(options.boost ? { boost: options.boost } : {}),
    ...(options.boostTerm ? { boostTerm: options.boostTerm } : {}),
  });
  return {
    hits: results.slice(0, options.limit).map((r) => ({ id: r.id as number, score: r.score, queryTerms: r.queryTerms })),
    total: results.length,
  };
}
