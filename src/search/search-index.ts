// The search index of one knowledge snapshot: an inverted index over the facts (Korean claim
// and quote, English claim, entities) and over every article sentence, so an article whose
// facts are not curated yet can still be found. Text is analyzed here once.
//
// Ranking is MiniSearch's (BM25+ per field, summed over the query's terms, times the number
// of terms matched), with the same floating-point operations in the same order, so it ranks
// exactly as `new MiniSearch({ fields: ["ko", "en", "ent"] }).search(tokens, { combineWith:
// "OR", boost, boostTerm })` did, ties included (test/bench/search-equivalence.test.ts).
// What differs is the layout and the work. Postings live in typed arrays, in segments of
// 65,536 documents (16-bit document offsets, 8-bit term frequencies): a 50,000-article
// archive (two million documents) takes hundreds of megabytes instead of gigabytes. A search
// reads its rarest terms first and, once no unseen document could reach the best `limit`,
// admits no new candidate (MaxScore); it returns those best hits only, not every document
// that shares a syllable pair with the question, and allocates nothing per document. `buildSearchIndexAsync` builds the same
// index in chunks, yielding to the event loop between them.
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { Article, Fact } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/text.ts";
import { runSteps, yieldToLoop } from "../knowledge/steps.ts";
import { Lru } from "../lru.ts";
import { analyzeDocument, createGlossary, type EntityMatch, type Glossary, type Word } from "./analysis.ts";

export type IndexedDoc =
  | { kind: "fact"; fact: Fact; article: Article }
  | { kind: "sentence"; article: Article; sentence: string };

/** The fields every document is indexed under, in ranking order. */
export const FIELDS = ["ko", "en", "ent"] as const;
export type FieldName = (typeof FIELDS)[number];

export interface SearchIndex {
  readonly postings: Postings;
  readonly docs: readonly IndexedDoc[];
  readonly glossary: Glossary;
  /** Number of documents holding each token, for weighting question words. */
  readonly df: ReadonlyMap<string, number>;
  readonly articles: ReadonlyMap<string, Article>;
  readonly factsByArticle: ReadonlyMap<string, readonly Fact[]>;
  /** Dated facts by each entity they name, in index order: the states of what a question names. */
  readonly datedFactsByEntity: ReadonlyMap<string, readonly Fact[]>;
  /** Example questions, offered as a next step when a question is refused. */
  readonly examples: { readonly ko: readonly string[]; readonly en: readonly string[] };
}

/** Sentences of an article worth indexing: long enough to say something. */
export function indexableSentences(article: Article): string[] {
  return splitSentences(article.body).filter((s) => s.length >= 12);
}

/** A document and its tokens per field (ko, en, ent), as the index holds them. */
export interface AnalyzedDoc {
  doc: IndexedDoc;
  fields: [string[], string[], string[]];
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
    yield { doc: { kind: "fact", fact, article }, fields: [ko, en, ent] };
  }
  for (const article of data.articles) {
    for (const sentence of indexableSentences(article)) {
      const tokens = analyzeDocument(sentence, glossary);
      const ent = tokens.filter((t) => t.startsWith("@"));
      const ko = tokens.filter((t) => !t.startsWith("@"));
      yield { doc: { kind: "sentence", article, sentence }, fields: [ko, [], ent] };
    }
  }
}

// ---------------------------------------------------------------------------------------
// Postings

/** MiniSearch's BM25+ parameters (its defaults). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/**
 * Documents per segment, as a power of two: 65,536, the most 16-bit offsets allow. Fewer
 * segments, fewer per-segment term tables to store and to look terms up in.
 */
const SEGMENT_BITS = 16;
/** Term frequencies are stored in a byte; this marks a larger one, kept aside. */
const TF_OVERFLOW = 255;
/** Norm tables cover term frequencies up to this; larger ones are computed. */
const TABLE_TF = 15;
/** Postings sorted between two yields of an async build (a few milliseconds). */
const SORT_BLOCK = 1 << 17;
/** Articles or facts grouped between two yields (a few milliseconds). */
const GROUP_STEP = 4_096;
/** Shards of the term dictionary: no single Map grows big enough for a long rehash. */
const DICTIONARY_SHARDS = 64;

interface SegmentField {
  /** Ids of the terms with postings in this segment and field, ascending. */
  readonly terms: Int32Array;
  /** The postings of terms[i] are [starts[i], starts[i + 1]). */
  readonly starts: Uint32Array;
  /** Each posting's document, as an offset from the segment's first document; ascending per term. */
  readonly docs: Uint16Array;
  /** Each posting's term frequency; TF_OVERFLOW means "see bigTf". */
  readonly tfs: Uint8Array;
  readonly bigTf: ReadonlyMap<number, number> | null;
}

interface Segment {
  readonly base: number;
  readonly fields: readonly SegmentField[];
}

/** Reused per search: sized to the index, reset by epoch counters instead of clearing. */
interface Scratch {
  /** Searches so far; a document's stamp below epoch × STAMP means "not a candidate now". */
  epoch: number;
  termEpoch: number;
  /**
   * Two slots per document, side by side for the memory cache: the sum of its matched
   * postings' scores so far (in reading order, not MiniSearch's), and its stamp: epoch ×
   * STAMP + the number of query terms it matched.
   */
  readonly state: Float64Array;
  /** The term epoch at which the document last matched (for terms in several fields). */
  readonly termSeen: Int32Array;
  /** The candidates: documents seen in this search and not ruled out. */
  readonly touched: Int32Array;
}

/** Stamp unit: terms matched stay below it (a question has fewer than 65,536 tokens). */
const STAMP = 65_536;

/** The inverted index proper. Opaque outside this module; read through searchIndex(). */
export interface Postings {
  readonly documentCount: number;
  /** Segments hold 2^segmentBits documents (the last one fewer). */
  readonly segmentBits: number;
  readonly termIds: TermDictionary;
  /** Per field: documents holding each term in that field. */
  readonly fieldDf: readonly Int32Array[];
  /** Per field: each document's number of distinct tokens in that field (MiniSearch's field length). */
  readonly fieldLength: readonly Uint32Array[];
  readonly avgFieldLength: readonly number[];
  /** Per field: BM25 length normalization by term frequency (rows) and field length (columns). */
  readonly norms: readonly Float64Array[];
  readonly normWidth: readonly number[];
  readonly segments: readonly Segment[];
  readonly scratch: Scratch;
}

class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** The tokens MiniSearch would read from a field given as the tokens joined by spaces. */
function fieldTokens(tokens: string[]): string[] {
  if (!tokens.includes("")) return tokens;
  const joined = tokens.join(" ");
  return joined ? joined.split(" ") : [];
}

/**
 * Token → term id, ids given in order of first appearance. Sharded: one Map of two million
 * tokens doubles in one go for a tenth of a second, which would stall the event loop.
 */
export class TermDictionary {
  private readonly shards = Array.from({ length: DICTIONARY_SHARDS }, () => new Map<string, number>());
  private readonly tokens: string[] = [];

  private shard(token: string): Map<string, number> {
    const h = token.charCodeAt(0) * 31 + token.charCodeAt(token.length >> 1) * 7 + token.charCodeAt(token.length - 1) + token.length;
    return this.shards[h & (DICTIONARY_SHARDS - 1)]!;
  }

  get size(): number {
    return this.tokens.length;
  }

  get(token: string): number | undefined {
    return this.shard(token).get(token);
  }

  /** The token's id, a new one when it is new. */
  idOf(token: string): number {
    const shard = this.shard(token);
    let id = shard.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      shard.set(token, id);
      this.tokens.push(token);
    }
    return id;
  }

  tokenOf(id: number): string | undefined {
    return this.tokens[id];
  }
}

/** Document frequencies by token, over the term dictionary: a read-only Map. */
class TokenCounts implements ReadonlyMap<string, number> {
  constructor(
    private readonly ids: TermDictionary,
    private readonly counts: Int32Array,
  ) {}
  get size(): number {
    return this.ids.size;
  }
  get(token: string): number | undefined {
    const id = this.ids.get(token);
    return id === undefined ? undefined : this.counts[id];
  }
  has(token: string): boolean {
    return this.ids.get(token) !== undefined;
  }
  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  *entries(): MapIterator<[string, number]> {
    for (let id = 0; id < this.ids.size; id++) yield [this.ids.tokenOf(id)!, this.counts[id]!];
  }
  *keys(): MapIterator<string> {
    for (let id = 0; id < this.ids.size; id++) yield this.ids.tokenOf(id)!;
  }
  *values(): MapIterator<number> {
    for (let id = 0; id < this.ids.size; id++) yield this.counts[id]!;
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}

/** BM25+ length normalization exactly as MiniSearch computes it (after the idf factor). */
function norm(tf: number, length: number, avg: number): number {
  const { k, b, d } = BM25;
  return d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avg));
}

/** A search's scratch space for `n` documents; a step per large allocation. */
function* newScratch(n: number): Generator<void, Scratch> {
  yield;
  const state = new Float64Array(2 * n);
  yield;
  const termSeen = new Int32Array(n);
  const touched = new Int32Array(n);
  return { epoch: 0, termEpoch: 0, state, termSeen, touched };
}

/** Accumulates documents, in id order, into segments; then freezes into Postings. */
class PostingsBuilder {
  readonly termIds = new TermDictionary();
  private df = new Int32Array(1024);
  private fieldDf = FIELDS.map(() => new Int32Array(1024));
  private lengths = FIELDS.map(() => new Uint32Array(1024));
  private readonly avg = FIELDS.map(() => 0);
  private readonly maxLength = FIELDS.map(() => 0);
  private readonly segments: Segment[] = [];
  private count = 0;
  private segmentBase = 0;
  private readonly segmentDocs: number;
  // The open segment's postings, per field, in document order.
  private readonly pendTerm = FIELDS.map(() => new IntList(1 << 16));
  private readonly pendDoc = FIELDS.map(() => new IntList(1 << 16));
  private readonly pendTf = FIELDS.map(() => new IntList(1 << 16));
  private sortCounts = new Int32Array(1024);
  private readonly tf = new Map<number, number>();

  constructor(private readonly segmentBits: number) {
    this.segmentDocs = 2 ** segmentBits;
  }

  private idOf(token: string): number {
    const id = this.termIds.idOf(token);
    if (id === this.df.length) {
      const grow = (a: Int32Array) => {
        const next = new Int32Array(a.length * 2);
        next.set(a);
        return next;
      };
      this.df = grow(this.df);
      this.fieldDf = this.fieldDf.map(grow);
    }
    return id;
  }

  add(fields: readonly string[][]): void {
    const doc = this.count;
    if (doc === this.lengths[0]!.length) {
      this.lengths = this.lengths.map((a) => {
        const next = new Uint32Array(a.length * 2);
        next.set(a);
        return next;
      });
    }
    if (this.segmentFull) runSteps(this.closeSegment());
    const local = doc - this.segmentBase;
    const all = new Set<number>();
    for (let f = 0; f < FIELDS.length; f++) {
      const tokens = fieldTokens(fields[f] ?? []);
      // MiniSearch: the field length is the number of distinct tokens, and the average is a
      // running one over every document so far.
      const length = new Set(tokens).size;
      this.lengths[f]![doc] = length;
      this.avg[f] = (this.avg[f]! * doc + length) / (doc + 1);
      if (length > this.maxLength[f]!) this.maxLength[f] = length;
      const tf = this.tf;
      tf.clear();
      for (const t of tokens) {
        if (!t) continue;
        const id = this.idOf(t);
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      const pendTerm = this.pendTerm[f]!;
      const pendDoc = this.pendDoc[f]!;
      const pendTf = this.pendTf[f]!;
      const fieldDf = this.fieldDf[f]!;
      for (const [id, n] of tf) {
        pendTerm.push(id);
        pendDoc.push(local);
        pendTf.push(n);
        fieldDf[id] = fieldDf[id]! + 1;
        all.add(id);
      }
    }
    for (const id of all) this.df[id] = this.df[id]! + 1;
    this.count += 1;
  }

  /** True when the open segment is full: the next document opens a new one. */
  get segmentFull(): boolean {
    return this.count - this.segmentBase === this.segmentDocs;
  }

  /** True when documents await in the open segment (or the index has none at all). */
  get segmentOpen(): boolean {
    return this.count > this.segmentBase || this.segments.length === 0;
  }

  /**
   * Sorts the open segment's postings by term (counting sort; stable, so documents stay
   * ascending) and opens the next segment. A step per field, for callers that yield between.
   */
  *closeSegment(): Generator<void> {
    const fields: SegmentField[] = [];
    if (this.sortCounts.length < this.termIds.size) this.sortCounts = new Int32Array(Math.max(this.termIds.size, this.sortCounts.length * 2));
    const counts = this.sortCounts;
    for (let f = 0; f < FIELDS.length; f++) {
      const n = this.pendTerm[f]!.length;
      const term = this.pendTerm[f]!.data;
      const docIn = this.pendDoc[f]!.data;
      const tfIn = this.pendTf[f]!.data;
      const distinct = new IntList(Math.max(16, n >> 3));
      for (let from = 0; from < n; from += SORT_BLOCK) {
        yield;
        const to = Math.min(n, from + SORT_BLOCK);
        for (let i = from; i < to; i++) {
          const id = term[i]!;
          const c = counts[id]!;
          counts[id] = c + 1;
          if (c === 0) distinct.push(id);
        }
      }
      yield;
      const terms = distinct.data.slice(0, distinct.length).sort();
      const starts = new Uint32Array(terms.length + 1);
      let at = 0;
      for (let i = 0; i < terms.length; i++) {
        const id = terms[i]!;
        starts[i] = at;
        const c = counts[id]!;
        counts[id] = at; // from here on: the next free slot of the term
        at += c;
      }
      starts[terms.length] = at;
      const docs = new Uint16Array(n);
      const tfs = new Uint8Array(n);
      let bigTf: Map<number, number> | null = null;
      for (let from = 0; from < n; from += SORT_BLOCK) {
        yield;
        const to = Math.min(n, from + SORT_BLOCK);
        for (let i = from; i < to; i++) {
          const id = term[i]!;
          const slot = counts[id]!;
          counts[id] = slot + 1;
          docs[slot] = docIn[i]!;
          const tf = tfIn[i]!;
          if (tf >= TF_OVERFLOW) (bigTf ??= new Map()).set(slot, tf);
          tfs[slot] = Math.min(tf, TF_OVERFLOW);
        }
      }
      for (let i = 0; i < terms.length; i++) counts[terms[i]!] = 0;
      fields.push({ terms, starts, docs, tfs, bigTf });
      this.pendTerm[f]!.length = 0;
      this.pendDoc[f]!.length = 0;
      this.pendTf[f]!.length = 0;
    }
    this.segments.push({ base: this.segmentBase, fields });
    this.segmentBase += this.segmentDocs;
  }

  /** Closes the last segment and freezes the postings; steps for callers that yield between. */
  *finish(): Generator<void, { postings: Postings; df: ReadonlyMap<string, number> }> {
    if (this.segmentOpen) yield* this.closeSegment();
    yield;
    const n = this.count;
    const terms = this.termIds.size;
    const norms: Float64Array[] = [];
    const normWidth: number[] = [];
    for (let f = 0; f < FIELDS.length; f++) {
      const width = this.maxLength[f]! + 1;
      const table = new Float64Array((TABLE_TF + 1) * width);
      for (let tf = 1; tf <= TABLE_TF; tf++) {
        for (let len = 0; len < width; len++) table[tf * width + len] = norm(tf, len, this.avg[f]!);
      }
      norms.push(table);
      normWidth.push(width);
    }
    // Trimmed copies of the growable arrays, one at a time.
    const df = this.df.slice(0, terms);
    const fieldDf: Int32Array[] = [];
    for (const a of this.fieldDf) {
      yield;
      fieldDf.push(a.slice(0, terms));
    }
    const fieldLength: Uint32Array[] = [];
    for (const a of this.lengths) {
      yield;
      fieldLength.push(a.slice(0, n));
    }
    const scratch = yield* newScratch(n);
    const postings: Postings = {
      documentCount: n,
      segmentBits: this.segmentBits,
      termIds: this.termIds,
      fieldDf,
      fieldLength,
      avgFieldLength: [...this.avg],
      norms,
      normWidth,
      segments: this.segments,
      scratch,
    };
    return { postings, df: new TokenCounts(this.termIds, df) };
  }
}

// ---------------------------------------------------------------------------------------
// Glossary matching for questions

/** Word sequences whose entity matches a query-time glossary remembers. */
const REMEMBERED_MATCHES = 5_000;

const wordsKey = (words: readonly Word[]): string => {
  let key = "";
  for (const w of words) key += `${w.surface}\u0001${w.stem}\u0001${w.script}\u0001${w.stop ? 1 : 0}\u0002`;
  return key;
};

/**
 * The glossary with a memory of its recent matches (least recently used dropped first).
 * Matching reads only the words, so a remembered result is the result. The answer core
 * matches the same texts again and again — every candidate fact's claim is re-analyzed to
 * compare it with the best one — and matching tries every alias length at every word.
 */
export function rememberMatches(glossary: Glossary, capacity = REMEMBERED_MATCHES): Glossary {
  const remembered = new Lru<string, readonly EntityMatch[]>(capacity);
  return {
    terms: glossary.terms,
    match(words) {
      const key = wordsKey(words);
      let found = remembered.get(key);
      if (!found) remembered.set(key, (found = glossary.match(words)));
      return found.map((m) => ({ ...m }));
    },
  };
}

// ---------------------------------------------------------------------------------------
// Building

export interface BuildOptions {
  /**
   * buildSearchIndexAsync: most documents analyzed between two yields to the event loop.
   * Smaller chunks keep the loop more responsive and make the build a little slower.
   * Default 64 (about 10 ms of analysis on a 2-core server).
   */
  chunkSize?: number;
  /**
   * buildSearchIndexAsync: a chunk also ends after this many milliseconds, however many
   * documents it holds (long facts, a slow machine). Default 8.
   */
  sliceMs?: number;
  /** Documents per postings segment, as a power of two (1 to 16). Default 16; small values are for tests. */
  segmentBits?: number;
}

/** What a snapshot derives from its data besides the postings: light, linear in the data. */
function startSnapshot(data: KnowledgeData) {
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
  }
  const finish = (docs: IndexedDoc[], postings: Postings, df: ReadonlyMap<string, number>): SearchIndex =>
    // Documents are matched once each while building; questions go through the memory.
    ({ postings, docs, glossary: rememberMatches(glossary), df, articles, factsByArticle, datedFactsByEntity, examples: data.examples });
  return { glossary, articles, setup: groupFacts(), finish };
}

function startBuild(data: KnowledgeData, options: BuildOptions) {
  const segmentBits = options.segmentBits ?? SEGMENT_BITS;
  if (!Number.isInteger(segmentBits) || segmentBits < 1 || segmentBits > 16) {
    throw new Error(`search-index: segmentBits must be an integer from 1 to 16, got ${segmentBits}`);
  }
  const snapshot = startSnapshot(data);
  const docs: IndexedDoc[] = [];
  const builder = new PostingsBuilder(segmentBits);
  const add = (a: AnalyzedDoc) => {
    builder.add(a.fields);
    docs.push(a.doc);
  };
  const finish = ({ postings, df }: { postings: Postings; df: ReadonlyMap<string, number> }): SearchIndex =>
    snapshot.finish(docs, postings, df);
  return { setup: snapshot.setup, documents: analyzedDocuments(data, snapshot.glossary, snapshot.articles), add, finish, builder };
}

export function buildSearchIndex(data: KnowledgeData, options: Pick<BuildOptions, "segmentBits"> = {}): SearchIndex {
  const build = startBuild(data, options);
  runSteps(build.setup);
  for (const a of build.documents) build.add(a);
  return build.finish(runSteps(build.builder.finish()));
}

/**
 * Builds the same index as buildSearchIndex without holding the event loop: documents are
 * analyzed and indexed in chunks of at most `chunkSize` documents and `sliceMs`
 * milliseconds, a full segment's postings are sorted in blocks, with a yield (setImmediate)
 * after each step, so questions, heartbeats and acks keep being served while a large
 * knowledge base reloads.
 */
export async function buildSearchIndexAsync(data: KnowledgeData, options: BuildOptions = {}): Promise<SearchIndex> {
  const chunkSize = options.chunkSize ?? 64;
  const sliceMs = options.sliceMs ?? 8;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`search-index: chunkSize must be a positive integer, got ${chunkSize}`);
  if (!(sliceMs > 0)) throw new Error(`search-index: sliceMs must be a positive number, got ${sliceMs}`);
  // The setup (glossary, article and fact maps) is linear in the data but light.
  const build = startBuild(data, options);
  const closeSegment = async () => {
    for (const _ of build.builder.closeSegment()) await yieldToLoop();
    await yieldToLoop();
  };
  const finish = async () => {
    const steps = build.builder.finish();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return build.finish(step.value);
      await yieldToLoop();
    }
  };
  for (const _ of build.setup) await yieldToLoop();
  let inChunk = 0;
  let sliceStart = performance.now();
  for (const a of build.documents) {
    if (build.builder.segmentFull) await closeSegment();
    build.add(a);
    if (++inChunk === chunkSize || performance.now() - sliceStart >= sliceMs) {
      await yieldToLoop();
      inChunk = 0;
      sliceStart = performance.now();
    }
  }
  return finish();
}

// ---------------------------------------------------------------------------------------
// Handing an index from one thread to another

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
  fieldLength: Uint32Array[];
  avgFieldLength: number[];
  norms: Float64Array[];
  normWidth: number[];
  segments: Array<{ base: number; fields: Array<Omit<SegmentField, "bigTf"> & { bigTf: Array<[number, number]> | null }> }>;
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
  const df = new Int32Array(tokens.length);
  tokens.forEach((t, id) => (df[id] = index.df.get(t)!));
  const parts: IndexParts = {
    documentCount: p.documentCount,
    segmentBits: p.segmentBits,
    df,
    fieldDf: [...p.fieldDf],
    fieldLength: [...p.fieldLength],
    avgFieldLength: [...p.avgFieldLength],
    norms: [...p.norms],
    normWidth: [...p.normWidth],
    segments: p.segments.map((seg) => ({
      base: seg.base,
      fields: seg.fields.map((sf) => ({ terms: sf.terms, starts: sf.starts, docs: sf.docs, tfs: sf.tfs, bigTf: sf.bigTf ? [...sf.bigTf] : null })),
    })),
    factDocs: Int32Array.from(factDocs),
    sentenceCounts,
  };
  return { parts, tokens, sentences };
}

/** The buffers of the parts' typed arrays, to transfer rather than copy. */
export function transferablesOf(parts: IndexParts): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView) => buffers.add(a.buffer as ArrayBuffer);
  [parts.df, ...parts.fieldDf, ...parts.fieldLength, ...parts.norms, parts.factDocs, parts.sentenceCounts].forEach(add);
  for (const seg of parts.segments) for (const sf of seg.fields) [sf.terms, sf.starts, sf.docs, sf.tfs].forEach(add);
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
    fieldDf: parts.fieldDf,
    fieldLength: parts.fieldLength,
    avgFieldLength: parts.avgFieldLength,
    norms: parts.norms,
    normWidth: parts.normWidth,
    segments: parts.segments.map((seg) => ({
      base: seg.base,
      fields: seg.fields.map((sf) => ({ ...sf, bigTf: sf.bigTf ? new Map(sf.bigTf) : null })),
    })),
    scratch,
  };
  return snapshot.finish(docs, postings, new TokenCounts(termIds, parts.df));
}

// ---------------------------------------------------------------------------------------
// Searching

export interface SearchOptions {
  /** Most hits returned, best first. */
  limit: number;
  /** Weight of a match in each field (MiniSearch's `boost`); 1 when not given. */
  boost?: Partial<Record<FieldName, number>>;
  /** Weight of a query token (MiniSearch's `boostTerm`); 1 when not given. */
  boostTerm?: (token: string) => number;
}

export interface SearchHit {
  /** Document id: an index into `SearchIndex.docs`. */
  id: number;
  /** MiniSearch's score: summed BM25+ of the matched tokens, times how many matched. */
  score: number;
  /** The query's tokens the document holds, in query order. */
  queryTerms: string[];
}

export interface SearchResult {
  /** The best `limit` documents, best first; ties in MiniSearch's order. Empty when none matches. */
  hits: SearchHit[];
}

/** More than any posting's length normalization can reach (BM25+: d + k + 1). */
const NORM_BOUND = BM25.d + BM25.k + 1;
/**
 * Relative margin when comparing scores summed in another order than MiniSearch sums them
 * (rounding differs by ~1e-15 at most); bounds are compared with it, so nothing close is lost.
 */
const SLACK = 1e-9;

interface QueryTerm {
  /** Position among the query's distinct tokens. */
  readonly at: number;
  readonly token: string;
  readonly id: number;
  /** Per field: termBoost × fieldBoost. */
  readonly weight: readonly number[];
  /** Per field: BM25 idf, or 0 when no document holds the term in that field. */
  readonly idf: readonly number[];
  /** No document gains more than this from the term. */
  readonly bound: number;
  /** Postings over all fields. */
  readonly postings: number;
}

/** Position of `id` in an ascending array, or -1. */
function find(sorted: Int32Array | Uint16Array, id: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}

function resetScratch(s: Scratch): void {
  s.state.fill(0);
  s.termSeen.fill(0);
  s.epoch = 0;
  s.termEpoch = 0;
}

/** A posting's score as MiniSearch computes it: termWeight (1) × termBoost × fieldBoost × docBoost (1) × BM25+. */
function postingScore(p: Postings, f: number, qt: QueryTerm, tf: number, length: number): number {
  const nrm = tf <= TABLE_TF ? p.norms[f]![tf * p.normWidth[f]! + length]! : norm(tf, length, p.avgFieldLength[f]!);
  return qt.weight[f]! * (qt.idf[f]! * nrm);
}

function tfAt(sf: SegmentField, q: number): number {
  const tf = sf.tfs[q]!;
  return tf === TF_OVERFLOW ? (sf.bigTf?.get(q) ?? tf) : tf;
}

/** The `limit`-th largest of the candidates' scores so far (sum × terms matched); 0 when fewer. */
function kthScore(s: Scratch, count: number, limit: number): number {
  if (count < limit) return 0;
  const heap = new Float64Array(limit);
  const stamp = s.epoch * STAMP;
  let size = 0;
  for (let i = 0; i < count; i++) {
    const d = s.touched[i]!;
    const v = s.state[2 * d]! * (s.state[2 * d + 1]! - stamp);
    if (size < limit) {
      let j = size++;
      heap[j] = v;
      while (j > 0) {
        const up = (j - 1) >> 1;
        if (heap[up]! <= heap[j]!) break;
        [heap[up], heap[j]] = [heap[j]!, heap[up]!];
        j = up;
      }
    } else if (v > heap[0]!) {
      heap[0] = v;
      for (let j = 0; ; ) {
        const l = 2 * j + 1;
        const r = l + 1;
        let min = j;
        if (l < size && heap[l]! < heap[min]!) min = l;
        if (r < size && heap[r]! < heap[min]!) min = r;
        if (min === j) break;
        [heap[min], heap[j]] = [heap[j]!, heap[min]!];
        j = min;
      }
    }
  }
  return heap[0]!;
}

/**
 * Adds one term's postings to the candidates' scores (summed in any order here; the best
 * are summed again exactly at the end). When `closed`, only documents already candidates
 * are updated — by probing each of them in the term's postings when that is cheaper than
 * reading the postings. Returns the new number of candidates.
 */
function addTerm(p: Postings, s: Scratch, qt: QueryTerm, closed: boolean, count: number): number {
  const termEpoch = ++s.termEpoch;
  const stamp = s.epoch * STAMP;
  const state = s.state;
  const termSeen = s.termSeen;
  const touched = s.touched;
  const fields = qt.idf.filter((x) => x > 0).length;
  // A document can come up once per field of the term; it matched the term once.
  const multi = fields > 1;
  const probeCost = count * fields * (Math.log2(qt.postings / Math.max(1, p.segments.length) + 2) + 2);
  if (closed && probeCost < qt.postings) {
    for (let f = 0; f < FIELDS.length; f++) {
      if (qt.idf[f] === 0) continue;
      let segIndex = -1;
      let sf: SegmentField | null = null;
      let from = 0;
      let to = 0;
      for (let i = 0; i < count; i++) {
        const d = touched[i]!;
        const si = d >>> p.segmentBits;
        if (si !== segIndex) {
          segIndex = si;
          sf = p.segments[si]!.fields[f]!;
          const at = find(sf.terms, qt.id);
          from = at < 0 ? 0 : sf.starts[at]!;
          to = at < 0 ? 0 : sf.starts[at + 1]!;
        }
        if (from === to) continue;
        const q = find(sf!.docs, d - p.segments[si]!.base, from, to);
        if (q < 0) continue;
        state[2 * d] = state[2 * d]! + postingScore(p, f, qt, tfAt(sf!, q), p.fieldLength[f]![d]!);
        if (!multi || termSeen[d] !== termEpoch) {
          termSeen[d] = termEpoch;
          state[2 * d + 1] = state[2 * d + 1]! + 1;
        }
      }
    }
    return count;
  }
  for (let f = 0; f < FIELDS.length; f++) {
    if (qt.idf[f] === 0) continue;
    const lengths = p.fieldLength[f]!;
    const table = p.norms[f]!;
    const width = p.normWidth[f]!;
    const weight = qt.weight[f]!;
    const idf = qt.idf[f]!;
    for (const seg of p.segments) {
      const sf = seg.fields[f]!;
      const at = find(sf.terms, qt.id);
      if (at < 0) continue;
      const end = sf.starts[at + 1]!;
      const base = seg.base;
      const docs = sf.docs;
      const tfs = sf.tfs;
      for (let q = sf.starts[at]!; q < end; q++) {
        const d = base + docs[q]!;
        const mark = state[2 * d + 1]!;
        if (closed && mark < stamp) continue;
        let tf = tfs[q]!;
        if (tf === TF_OVERFLOW) tf = sf.bigTf?.get(q) ?? tf;
        const length = lengths[d]!;
        const w = weight * (idf * (tf <= TABLE_TF ? table[tf * width + length]! : norm(tf, length, p.avgFieldLength[f]!)));
        if (mark < stamp) {
          state[2 * d] = w;
          state[2 * d + 1] = stamp + 1;
          touched[count++] = d;
          if (multi) termSeen[d] = termEpoch;
        } else if (!multi) {
          state[2 * d] = state[2 * d]! + w;
          state[2 * d + 1] = mark + 1;
        } else if (termSeen[d] !== termEpoch) {
          termSeen[d] = termEpoch;
          state[2 * d] = state[2 * d]! + w;
          state[2 * d + 1] = mark + 1;
        } else {
          state[2 * d] = state[2 * d]! + w;
        }
      }
    }
  }
  return count;
}

/** Drops the candidates that cannot reach `threshold` even with every remaining term. */
function dropHopeless(s: Scratch, count: number, restBound: number, rest: number, threshold: number): number {
  const stamp = s.epoch * STAMP;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const d = s.touched[i]!;
    if ((s.state[2 * d]! + restBound) * (s.state[2 * d + 1]! - stamp + rest) * (1 + SLACK) < threshold) s.state[2 * d + 1] = 0;
    else s.touched[kept++] = d;
  }
  return kept;
}

interface Ranked {
  id: number;
  score: number;
  /** Query position where the document first matched: token position × 4 + field. */
  firstKey: number;
  queryTerms: string[];
}

/** A document's score summed as MiniSearch sums it: fields within a term, then terms in query order. */
function rankExactly(p: Postings, query: readonly QueryTerm[], d: number): Ranked {
  const seg = p.segments[d >>> p.segmentBits]!;
  const local = d - seg.base;
  let total = 0;
  let matched = 0;
  let firstKey = -1;
  const queryTerms: string[] = [];
  for (const qt of query) {
    let termScore = 0;
    let found = false;
    for (let f = 0; f < FIELDS.length; f++) {
      if (qt.idf[f] === 0) continue;
      const sf = seg.fields[f]!;
      const at = find(sf.terms, qt.id);
      if (at < 0) continue;
      const q = find(sf.docs, local, sf.starts[at], sf.starts[at + 1]);
      if (q < 0) continue;
      const w = postingScore(p, f, qt, tfAt(sf, q), p.fieldLength[f]![d]!);
      termScore = found ? termScore + w : w;
      if (firstKey < 0) firstKey = qt.at * 4 + f;
      found = true;
    }
    if (!found) continue;
    total = matched === 0 ? termScore : total + termScore;
    matched += 1;
    queryTerms.push(qt.token);
  }
  return { id: d, score: total * matched, firstKey, queryTerms };
}

/**
 * The documents that best match the tokens, ranked as MiniSearch ranks an OR query with
 * the same boosts (exact match only, no prefix or fuzzy terms), ties in its order.
 * Duplicate tokens count once.
 *
 * Terms are read from the rarest (fewest postings) up. Once even a document holding every
 * remaining term could not beat the best `limit` so far, no new candidate is admitted and
 * candidates that cannot catch up are dropped (MaxScore); the remaining, common terms then
 * only update the candidates, by probing them when they are few. The few best are finally
 * scored again in MiniSearch's order of summation, so scores and ties are MiniSearch's to
 * the bit. A question made only of the saga's common words still reads most postings: its
 * cost grows with the archive.
 */
export function searchIndex(index: SearchIndex, tokens: readonly string[], options: SearchOptions): SearchResult {
  const p = index.postings;
  const s = p.scratch;
  const limit = Math.max(0, Math.floor(options.limit));
  const fieldBoost = FIELDS.map((f) => options.boost?.[f] ?? 1);
  const n = p.documentCount;
  const query: QueryTerm[] = [];
  [...new Set(tokens)].forEach((token, at) => {
    const id = token === "" ? undefined : p.termIds.get(token);
    if (id === undefined) return;
    const termBoost = options.boostTerm ? options.boostTerm(token) : 1;
    const weight = [0, 0, 0];
    const idf = [0, 0, 0];
    let bound = 0;
    let postings = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const matching = p.fieldDf[f]![id]!;
      if (matching === 0) continue;
      weight[f] = termBoost * fieldBoost[f]!;
      idf[f] = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
      bound += Math.abs(weight[f]! * idf[f]!) * NORM_BOUND;
      postings += matching;
    }
    query.push({ at, token, id, weight, idf, bound, postings });
  });
  if (limit === 0 || query.length === 0) return { hits: [] };
  // Pruning leans on scores only growing with each term matched.
  const prune = query.every((qt) => qt.weight.every((w) => w >= 0));
  if (s.epoch >= 0x7ffffff0 || s.termEpoch >= 0x7fffff00 - query.length) resetScratch(s);
  s.epoch += 1;

  const order = [...query].sort((a, b) => a.postings - b.postings || a.at - b.at);
  let restBound = order.reduce((sum, qt) => sum + qt.bound, 0);
  let restPostings = order.reduce((sum, qt) => sum + qt.postings, 0);
  let count = 0;
  let closed = false;
  let doneBound = 0;
  for (let i = 0; i < order.length; i++) {
    const qt = order[i]!;
    count = addTerm(p, s, qt, closed, count);
    restBound -= qt.bound;
    restPostings -= qt.postings;
    doneBound += qt.bound;
    const rest = order.length - i - 1;
    // Worth a look (a pass over the candidates) when the remaining postings far outnumber
    // them, and when even the best conceivable candidate so far would beat an unseen one.
    if (!prune || rest === 0 || count < limit || restPostings < 4 * count) continue;
    if (!closed && Math.max(0, restBound) * rest >= doneBound * (i + 1)) continue;
    const threshold = kthScore(s, count, limit);
    if (closed) {
      count = dropHopeless(s, count, Math.max(0, restBound), rest, threshold);
    } else if (Math.max(0, restBound) * rest * (1 + SLACK) < threshold) {
      closed = true;
      count = dropHopeless(s, count, Math.max(0, restBound), rest, threshold);
      // In document order, candidates are probed segment by segment.
      s.touched.subarray(0, count).sort();
    }
  }

  // Scores so far were summed in the order above: keep every candidate that could be among
  // the best once summed in MiniSearch's order, and rank those exactly.
  const kth = kthScore(s, count, limit);
  const floor = kth - Math.abs(kth) * SLACK;
  const ranked: Ranked[] = [];
  const stamp = s.epoch * STAMP;
  for (let i = 0; i < count; i++) {
    const d = s.touched[i]!;
    if (s.state[2 * d]! * (s.state[2 * d + 1]! - stamp) >= floor) ranked.push(rankExactly(p, query, d));
  }
  ranked.sort((a, b) => b.score - a.score || a.firstKey - b.firstKey || a.id - b.id);
  return { hits: ranked.slice(0, limit).map(({ id, score, queryTerms }) => ({ id, score, queryTerms })) };
}
