// The search index of one knowledge snapshot: an inverted index over the facts (Korean claim
// and quote, English claim, entities, example questions) and over every article sentence.
//
// Ranking is MiniSearch's (BM25+ per field, summed over the query's terms, times the number
// of terms matched), with the same floating-point operations in the same order, so it ranks
// exactly as `new MiniSearch({ fields: ["ko", "en", "ent", "q"] }).search(tokens, { combineWith:
// "OR", boost, boostTerm })` did, ties included (test/bench/search-equivalence.test.ts).
// What differs is the layout and the work (README.md here says why). This module is the
// index's public face; its parts:
//   documents.ts         what is indexed, in document order, with its analyzed fields
//   term-dictionary.ts   token ↔ term id, document frequencies by token
//   postings.ts          segments of typed-array postings (one list a term, every field's
//                        frequency in each posting), field lengths, norm tables
//   postings-builder.ts  filling and sorting segments, document by document
//   snapshot.ts          the SearchIndex: postings plus what the data gives besides
//   build-index.ts       building at once, or in chunks that yield to the event loop
//   index-parts.ts       an index taken apart in one thread, assembled in another
//   query.ts             the query: BM25+ as MiniSearch scores it, with MaxScore pruning
export { analyzedDocuments, indexableSentences, type AnalyzedDoc, type IndexedDoc } from "./documents.ts";
export { rememberMatches } from "./glossary.ts";
export { TermDictionary } from "./term-dictionary.ts";
export { FIELDS, type FieldName, type Postings } from "./postings.ts";
export type { SearchIndex } from "./snapshot.ts";
export { buildSearchIndex, buildSearchIndexAsync, type BuildOptions } from "./build-index.ts";
export { assembleIndex, indexParts, transferablesOf, type IndexParts } from "./index-parts.ts";
export { searchIndex, type SearchHit, type SearchOptions, type SearchResult } from "./query.ts";
