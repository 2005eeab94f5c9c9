// The anchor: our search library used plainly, with its default options, over the same text
// our index holds (every fact's Korean claim, quote and English claim, and every indexable
// article sentence), asked the raw questions.
import MiniSearch from "minisearch";
import { indexableSentences } from "../src/search/search-index.ts";
import type { KnowledgeData } from "../src/knowledge/parse.ts";

export interface BareDoc {
  id: number;
  text: string;
}

/** The documents of our index, in our index's order, as plain text. */
export function bareDocuments(data: KnowledgeData): BareDoc[] {
  const docs: BareDoc[] = [];
  const articles = new Set(data.articles.map((a) => a.id));
  for (const f of data.facts) {
    if (!articles.has(f.article)) continue;
    docs.push({ id: docs.length, text: `${f.claim.ko}\n${f.quote}\n${f.claim.en ?? ""}` });
  }
  for (const a of data.articles) {
    for (const sentence of indexableSentences(a)) docs.push({ id: docs.length, text: sentence });
  }
  return docs;
}

export function buildBareIndex(docs: readonly BareDoc[]): MiniSearch<BareDoc> {
  const search = new MiniSearch<BareDoc>({ fields: ["text"], storeFields: [] });
  search.addAll(docs);
  return search;
}
