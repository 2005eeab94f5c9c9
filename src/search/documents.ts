// The documents of a snapshot's index: facts (Korean claim and quote, English claim,
// entities) and every article sentence, so an article whose facts are not curated yet can
// still be found. Text is analyzed here once.
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { Article, Fact } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/text.ts";
import { analyzeDocument, type Glossary } from "./analysis.ts";

export type IndexedDoc =
  | { kind: "fact"; fact: Fact; article: Article }
  | { kind: "sentence"; article: Article; sentence: string };

/** Sentences of an article worth indexing: long enough to say something. */
export function indexableSentences(article: Article): string[] {
  return splitSentences(article.body).filter((s) => s.length >= 12);
}

/** A document and its tokens per field (ko, en, ent, q), as the index holds them. */
export interface AnalyzedDoc {
  doc: IndexedDoc;
  fields: [string[], string[], string[], string[]];
}

/**
 * The documents of a data set in index order — facts (of known articles), then every
 * article's indexable sentences — with their analyzed fields. Document ids are positions
 * in this sequence.
 */
export function* analyzedDocuments(data: KnowledgeData, glossary: Glossary, articles: ReadonlyMap<string, Article>): Generator<AnalyzedDoc> {
  for (const fact of data.facts) {
    const article = articles.get(fact.article);
    if (!article) continue;
    const ko = analyzeDocument(`${fact.claim.ko}\n${fact.quote}`, glossary);
    const en = fact.claim.en ? analyzeDocument(fact.claim.en, glossary) : [];
    const ent = fact.entities.map((id) => `@${id}`);
    // Example questions, in both languages, as a field of their own: a question can then
    // match a fact in words only people asking use ("greenlight", "몇 개나"). A Hangul
    // bigram its claim or quote already holds adds nothing there but postings, which every
    // question on the saga's common words reads (a sixth of the field's postings at 1,000 articles).
    const asked = [...fact.questions.ko, ...fact.questions.en];
    const own = new Set([...ko, ...en, ...ent]);
    const q = asked.length > 0 ? analyzeDocument(asked.join("\n"), glossary).filter((t) => !t.startsWith("#") || !own.has(t)) : [];
    yield { doc: { kind: "fact", fact, article }, fields: [ko, en, ent, q] };
  }
  for (const article of data.articles) {
    for (const sentence of indexableSentences(article)) {
      const tokens = analyzeDocument(sentence, glossary);
      const ent = tokens.filter((t) => t.startsWith("@"));
      const ko = tokens.filter((t) => !t.startsWith("@"));
      yield { doc: { kind: "sentence", article, sentence }, fields: [ko, [], ent, []] };
    }
  }
}
