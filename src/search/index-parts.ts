// Handing an index from one thread to another: a worker builds it and takes it apart into
// plain values and typed arrays; the serving thread assembles the same index from them.
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { IndexedDoc } from "./documents.ts";
import { newScratch, type FieldLengths, type Postings, type Segment } from "./postings.ts";
import { startSnapshot, type SearchIndex } from "./snapshot.ts";
import { TermDictionary, TokenCounts } from "./term-dictionary.ts";

/**
 * An index as plain values and typed arrays, for a worker thread to build and the serving
 * thread to take over: the arrays move without a copy; the documents are named by position
 * (facts by their place in the data, sentences by article), since the data arrives as copies.
 */
export interface IndexParts {
  documentCount: number;
  segmentBits: number;
  df: Int32Array;
  fieldDf: Int32Array[];
  lengths: FieldLengths;
  avgFieldLength: number[];
  norms: Float64Array[];
  normWidth: number[];
  maxNorm: Uint8Array;
  segments: Segment[];
  /** The place in data.facts of each fact document, in document order. */
  factDocs: Int32Array;
  /** Indexable sentences of each article, in data.articles order (their documents follow the facts'). */
  sentenceCounts: Int32Array;
}

/** The parts of an index, the tokens by id, and the sentences in document order. */
export function indexParts(index: SearchIndex, data: KnowledgeData): { parts: IndexParts; tokens: string[]; sentences: string[] } {
  const p = index.postings;
  const factAt = new Map(data.facts.map((f, i) => [f, i]));
  const articleAt = new Map(data.articles.map((a, i) => [a, i]));
  const factDocs: number[] = [];
  const sentenceCounts = new Int32Array(data.articles.length);
  const sentences: string[] = [];
  for (const doc of index.docs) {
    if (doc.kind === "fact") factDocs.push(factAt.get(doc.fact)!);
    else {
      sentenceCounts[articleAt.get(doc.article)!]! += 1;
      sentences.push(doc.sentence);
    }
  }
  const tokens: string[] = [];
  for (let id = 0; id < p.termIds.size; id++) tokens.push(p.termIds.tokenOf(id)!);
  const parts: IndexParts = {
    documentCount: p.documentCount,
    segmentBits: p.segmentBits,
    df: p.df,
    fieldDf: [...p.fieldDf],
    lengths: p.lengths,
    avgFieldLength: [...p.avgFieldLength],
    norms: [...p.norms],
    normWidth: [...p.normWidth],
    maxNorm: p.maxNorm,
    segments: [...p.segments],
    factDocs: Int32Array.from(factDocs),
    sentenceCounts,
  };
  return { parts, tokens, sentences };
}

/** The buffers of the parts' typed arrays, to transfer rather than copy. */
export function transferablesOf(parts: IndexParts): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView) => buffers.add(a.buffer as ArrayBuffer);
  [parts.df, ...parts.fieldDf, parts.lengths, ...parts.norms, parts.maxNorm, parts.factDocs, parts.sentenceCounts].forEach(add);
  for (const seg of parts.segments) [seg.terms, seg.starts, seg.docs, seg.tfs, seg.bigAt, seg.bigTf].forEach(add);
  return [...buffers];
}

/** Items handled between two yields while an index is assembled from its parts. */
const ASSEMBLE_STEP = 16_384;

/**
 * The index of `data` from its parts, in steps: the same index buildSearchIndex makes of
 * `data`, without analyzing a word of it.
 */
export function* assembleIndex(data: KnowledgeData, parts: IndexParts, tokens: readonly string[], sentences: readonly string[]): Generator<void, SearchIndex> {
  const snapshot = startSnapshot(data);
  yield* snapshot.setup;
  const termIds = new TermDictionary();
  for (let id = 0; id < tokens.length; id++) {
    if (id % ASSEMBLE_STEP === 0) yield;
    termIds.idOf(tokens[id]!);
  }
  const docs: IndexedDoc[] = [];
  for (let i = 0; i < parts.factDocs.length; i++) {
    if (i % ASSEMBLE_STEP === 0) yield;
    const fact = data.facts[parts.factDocs[i]!]!;
    docs.push({ kind: "fact", fact, article: snapshot.articles.get(fact.article)! });
  }
  let next = 0;
  for (let a = 0; a < data.articles.length; a++) {
    if (a % 1024 === 0) yield;
    const article = data.articles[a]!;
    for (let k = 0; k < parts.sentenceCounts[a]!; k++) docs.push({ kind: "sentence", article, sentence: sentences[next++]! });
  }
  if (docs.length !== parts.documentCount || next !== sentences.length || termIds.size !== tokens.length) {
    throw new Error(
      `search-index: the parts describe ${parts.documentCount} documents (${next} sentences) and ${tokens.length} tokens; ` +
        `got ${docs.length} documents (${sentences.length} sentences) and ${termIds.size} distinct tokens`,
    );
  }
  const n = parts.documentCount;
  const scratch = yield* newScratch(n);
  const postings: Postings = {
    documentCount: n,
    segmentBits: parts.segmentBits,
    termIds,
    df: parts.df,
    fieldDf: parts.fieldDf,
    lengths: parts.lengths,
    avgFieldLength: parts.avgFieldLength,
    norms: parts.norms,
    normWidth: parts.normWidth,
    maxNorm: parts.maxNorm,
    segments: parts.segments,
    scratch,
  };
  return snapshot.finish(docs, postings, new TokenCounts(termIds, parts.df));
}
