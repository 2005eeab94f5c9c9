// The search index of one knowledge snapshot: MiniSearch over the facts (Korean claim and
// quote, English claim, entities) and over every article sentence, so an article whose
// facts are not curated yet can still be found. Text is analyzed here once; MiniSearch
// only splits the prepared tokens.
import MiniSearch from "minisearch";
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { Article, Fact } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/text.ts";
import { analyzeDocument, createGlossary, type Glossary } from "./analysis.ts";

export type IndexedDoc =
  | { kind: "fact"; fact: Fact; article: Article }
  | { kind: "sentence"; article: Article; sentence: string };

interface IndexRecord {
  id: number;
  ko: string;
  en: string;
  ent: string;
}

export interface SearchIndex {
  readonly search: MiniSearch<IndexRecord>;
  readonly docs: readonly IndexedDoc[];
  readonly glossary: Glossary;
  /** Number of documents holding each token, for weighting question words. */
  readonly df: ReadonlyMap<string, number>;
  readonly articles: ReadonlyMap<string, Article>;
  readonly factsByArticle: ReadonlyMap<string, readonly Fact[]>;
  /** Example questions, offered as a next step when a question is refused. */
  readonly examples: { readonly ko: readonly string[]; readonly en: readonly string[] };
}

const splitTokens = (s: string) => (s ? s.split(" ") : []);

export function createMiniSearch(): MiniSearch<IndexRecord> {
  return new MiniSearch<IndexRecord>({
    fields: ["ko", "en", "ent"],
    idField: "id",
    tokenize: splitTokens,
    processTerm: (t) => t || null,
    searchOptions: { tokenize: splitTokens, processTerm: (t) => t || null },
  });
}

/** Sentences of an article worth indexing: long enough to say something. */
export function indexableSentences(article: Article): string[] {
  return splitSentences(article.body).filter((s) => s.length >= 12);
}

export function buildSearchIndex(data: KnowledgeData): SearchIndex {
  const glossary = createGlossary(data.terms);
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const factsByArticle = new Map<string, Fact[]>();
  for (const f of data.facts) {
    const list = factsByArticle.get(f.article) ?? [];
    list.push(f);
    factsByArticle.set(f.article, list);
  }

  const docs: IndexedDoc[] = [];
  const records: IndexRecord[] = [];
  const df = new Map<string, number>();
  const count = (tokens: string[]) => {
    for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  };

  for (const fact of data.facts) {
    const article = articles.get(fact.article);
    if (!article) continue;
    const ko = analyzeDocument(`${fact.claim.ko}\n${fact.quote}`, glossary);
    const en = fact.claim.en ? analyzeDocument(fact.claim.en, glossary) : [];
    const ent = fact.entities.map((id) => `@${id}`);
    count([...ko, ...en, ...ent]);
    records.push({ id: docs.length, ko: ko.join(" "), en: en.join(" "), ent: ent.join(" ") });
    docs.push({ kind: "fact", fact, article });
  }
  for (const article of data.articles) {
    for (const sentence of indexableSentences(article)) {
      const tokens = analyzeDocument(sentence, glossary);
      const ent = tokens.filter((t) => t.startsWith("@"));
      const ko = tokens.filter((t) => !t.startsWith("@"));
      count(tokens);
      records.push({ id: docs.length, ko: ko.join(" "), en: "", ent: ent.join(" ") });
      docs.push({ kind: "sentence", article, sentence });
    }
  }

  const search = createMiniSearch();
  search.addAll(records);
  return { search, docs, glossary, df, articles, factsByArticle, examples: data.examples };
}
