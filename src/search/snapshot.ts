// A snapshot's search index as the answer core reads it: the postings, the documents, and
// what it derives from the data besides (glossary, articles, facts grouped by article and
// by entity), made once per snapshot whichever way the postings were made.
import type { KnowledgeData } from "../knowledge/parse.ts";
import { compareDatedFacts } from "../knowledge/dates.ts";
import type { Article, Fact } from "../knowledge/schema.ts";
import { createGlossary, rememberMatches, type Glossary } from "./glossary.ts";
import type { IndexedDoc } from "./documents.ts";
import type { Postings } from "./postings.ts";

export interface SearchIndex {
  readonly postings: Postings;
  readonly docs: readonly IndexedDoc[];
  readonly glossary: Glossary;
  /** Number of documents holding each token, for weighting question words. */
  readonly df: ReadonlyMap<string, number>;
  readonly articles: ReadonlyMap<string, Article>;
  readonly factsByArticle: ReadonlyMap<string, readonly Fact[]>;
  /**
   * Dated facts by each entity they name, in time order (compareDatedFacts; equals in index
   * order): the states of what a question names, the latest last.
   */
  readonly datedFactsByEntity: ReadonlyMap<string, readonly Fact[]>;
  /** Example questions, offered as a next step when a question is refused. */
  readonly examples: { readonly ko: readonly string[]; readonly en: readonly string[] };
}

/** Articles or facts grouped between two yields (a few milliseconds). */
const GROUP_STEP = 4_096;

/** What a snapshot derives from its data besides the postings: light, linear in the data. */
export function startSnapshot(data: KnowledgeData) {
  const glossary = createGlossary(data.terms);
  const articles = new Map<string, Article>();
  const factsByArticle = new Map<string, Fact[]>();
  const datedFactsByEntity = new Map<string, Fact[]>();
  const push = (map: Map<string, Fact[]>, key: string, f: Fact) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  // Grouped here, in steps, rather than on first use: the first question after a reload
  // would otherwise wait for a pass over every fact.
  function* groupFacts(): Generator<void> {
    for (let i = 0; i < data.articles.length; i++) {
      if (i % GROUP_STEP === 0) yield;
      const a = data.articles[i]!;
      articles.set(a.id, a);
    }
    for (let i = 0; i < data.facts.length; i++) {
      if (i % GROUP_STEP === 0) yield;
      const f = data.facts[i]!;
      push(factsByArticle, f.article, f);
      if (!f.date || !articles.has(f.article)) continue;
      for (const id of f.entities) push(datedFactsByEntity, id, f);
    }
    // Sorted once here, so that a question on the present reads a subject's latest states
    // from the end rather than every fact about it (a stable sort keeps equals in index order).
    let sorted = 0;
    for (const list of datedFactsByEntity.values()) {
      list.sort(compareDatedFacts);
      sorted += list.length;
      if (sorted >= GROUP_STEP) {
        sorted = 0;
        yield;
      }
    }
  }
  const finish = (docs: IndexedDoc[], postings: Postings, df: ReadonlyMap<string, number>): SearchIndex =>
    // Documents are matched once each while building; questions go through the memory.
    ({ postings, docs, glossary: rememberMatches(glossary), df, articles, factsByArticle, datedFactsByEntity, examples: data.examples });
  return { glossary, articles, setup: groupFacts(), finish };
}
