// The search index of one knowledge snapshot: an inverted index over the facts (Korean claim
// and quote, English claim, entities) and over every article sentence, so an article whose
// facts are not curated yet can still be found. Text is analyzed here once.
//
// Ranking is MiniSearch's (BM25+ per field, summed over the query's terms, times the number
// of terms matched), computed with the same floating-point operations in the same order, so
// it ranks exactly as `new MiniSearch({ fields: ["ko", "en", "ent"] }).search(tokens,
// { combineWith: "OR", boost, boostTerm })` would, ties included. What differs is the
// layout: postings live in typed arrays, in segments of 32,768 documents (document numbers
// as 16-bit offsets), and a search returns only the best hits instead of every
// matching document. That keeps a 50,000-article archive (two million documents) in a few
// hundred megabytes and a question in milliseconds. `buildSearchIndexAsync` builds the same
// index in chunks, yielding to the event loop between them.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { Article, Fact } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/text.ts";
import { analyzeDocument, createGlossary, type Glossary } from "./analysis.ts";

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
/** Documents per segment, as a power of two: 32,768. At most 16 (65,536, for 16-bit offsets). */
const SEGMENT_BITS = 15;
/** Term frequencies are stored in a byte; this marks a larger one, kept aside. */
const TF_OVERFLOW = 255;
/** Norm tables cover term frequencies up to this; larger ones are computed. */
const TABLE_TF = 15;

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
  epoch: number;
  termEpoch: number;
  readonly seen: Int32Array;
  readonly termSeen: Int32Array;
  readonly score: Float64Array;
  readonly termScore: Float64Array;
  readonly matched: Uint16Array;
  /** Query-order position where the document first matched: term index × 4 + field. */
  readonly firstKey: Int32Array;
  readonly termField: Uint8Array;
  readonly touched: Int32Array;
  readonly termTouched: Int32Array;
}

/** The inverted index proper. Opaque outside this module; read through searchIndex(). */
export interface Postings {
  readonly documentCount: number;
  /** Segments hold 2^segmentBits documents (the last one fewer). */
  readonly segmentBits: number;
  readonly termIds: ReadonlyMap<string, number>;
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

/** Document frequencies by token, over the term dictionary: a read-only Map. */
class TokenCounts implements ReadonlyMap<string, number> {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
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
    return this.ids.has(token);
  }
  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  *entries(): MapIterator<[string, number]> {
    for (const [token, id] of this.ids) yield [token, this.counts[id] as number];
  }
  keys(): MapIterator<string> {
    return this.ids.keys();
  }
  *values(): MapIterator<number> {
    for (const id of this.ids.values()) yield this.counts[id] as number;
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

/** Accumulates documents, in id order, into segments; then freezes into Postings. */
class PostingsBuilder {
  readonly termIds = new Map<string, number>();
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
    let id = this.termIds.get(token);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(token, id);
      if (id === this.df.length) {
        const grow = <T extends Int32Array>(a: T) => {
          const next = new Int32Array(a.length * 2);
          next.set(a);
          return next;
        };
        this.df = grow(this.df);
        this.fieldDf = this.fieldDf.map(grow);
      }
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
    if (doc - this.segmentBase === this.segmentDocs) this.closeSegment();
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

  /** Sorts the open segment's postings by term (counting sort; stable, so documents stay ascending). */
  private closeSegment(): void {
    const fields: SegmentField[] = [];
    if (this.sortCounts.length < this.termIds.size) this.sortCounts = new Int32Array(Math.max(this.termIds.size, this.sortCounts.length * 2));
    const counts = this.sortCounts;
    for (let f = 0; f < FIELDS.length; f++) {
      const n = this.pendTerm[f]!.length;
      const term = this.pendTerm[f]!.data;
      const docIn = this.pendDoc[f]!.data;
      const tfIn = this.pendTf[f]!.data;
      const distinct = new IntList(Math.max(16, n >> 3));
      for (let i = 0; i < n; i++) {
        const id = term[i]!;
        const c = counts[id]!;
        counts[id] = c + 1;
        if (c === 0) distinct.push(id);
      }
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
      for (let i = 0; i < n; i++) {
        const id = term[i]!;
        const slot = counts[id]!;
        counts[id] = slot + 1;
        docs[slot] = docIn[i]!;
        const tf = tfIn[i]!;
        if (tf >= TF_OVERFLOW) (bigTf ??= new Map()).set(slot, tf);
        tfs[slot] = Math.min(tf, TF_OVERFLOW);
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

  finish(): { postings: Postings; df: ReadonlyMap<string, number> } {
    if (this.count > this.segmentBase || this.segments.length === 0) this.closeSegment();
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
    const df = this.df.slice(0, terms);
    const postings: Postings = {
      documentCount: n,
      segmentBits: this.segmentBits,
      termIds: this.termIds,
      fieldDf: this.fieldDf.map((a) => a.slice(0, terms)),
      fieldLength: this.lengths.map((a) => a.slice(0, n)),
      avgFieldLength: [...this.avg],
      norms,
      normWidth,
      segments: this.segments,
      scratch: {
        epoch: 0,
        termEpoch: 0,
        seen: new Int32Array(n),
        termSeen: new Int32Array(n),
        score: new Float64Array(n),
        termScore: new Float64Array(n),
        matched: new Uint16Array(n),
        firstKey: new Int32Array(n),
        termField: new Uint8Array(n),
        touched: new Int32Array(n),
        termTouched: new Int32Array(n),
      },
    };
    return { postings, df: new TokenCounts(this.termIds, df) };
  }
}

// ---------------------------------------------------------------------------------------
// Building

export interface BuildOptions {
  /**
   * buildSearchIndexAsync: documents analyzed between two yields to the event loop. Smaller
   * chunks keep the loop more responsive and make the build a little slower. Default 256
   * (a few milliseconds of work).
   */
  chunkSize?: number;
  /** Documents per postings segment, as a power of two (1 to 16). Default 15; small values are for tests. */
  segmentBits?: number;
}

function startBuild(data: KnowledgeData, options: BuildOptions) {
  const segmentBits = options.segmentBits ?? SEGMENT_BITS;
  if (!Number.isInteger(segmentBits) || segmentBits < 1 || segmentBits > 16) {
    throw new Error(`search-index: segmentBits must be an integer from 1 to 16, got ${segmentBits}`);
  }
  const glossary = createGlossary(data.terms);
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const factsByArticle = new Map<string, Fact[]>();
  for (const f of data.facts) {
    const list = factsByArticle.get(f.article);
    if (list) list.push(f);
    else factsByArticle.set(f.article, [f]);
  }
  const docs: IndexedDoc[] = [];
  const builder = new PostingsBuilder(segmentBits);
  const add = (a: AnalyzedDoc) => {
    builder.add(a.fields);
    docs.push(a.doc);
  };
  const finish = (): SearchIndex => {
    const { postings, df } = builder.finish();
    return { postings, docs, glossary, df, articles, factsByArticle, examples: data.examples };
  };
  return { documents: analyzedDocuments(data, glossary, articles), add, finish };
}

export function buildSearchIndex(data: KnowledgeData, options: Omit<BuildOptions, "chunkSize"> = {}): SearchIndex {
  const build = startBuild(data, options);
  for (const a of build.documents) build.add(a);
  return build.finish();
}

/**
 * Builds the same index as buildSearchIndex without holding the event loop: documents are
 * analyzed and indexed in chunks of `chunkSize`, with a yield (setImmediate) between chunks,
 * so questions, heartbeats and acks keep being served while a large knowledge base reloads.
 */
export async function buildSearchIndexAsync(data: KnowledgeData, options: BuildOptions = {}): Promise<SearchIndex> {
  const chunkSize = options.chunkSize ?? 256;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`search-index: chunkSize must be a positive integer, got ${chunkSize}`);
  // The setup (glossary, article and fact maps) is linear in the data but light.
  const build = startBuild(data, options);
  let inChunk = 0;
  for (const a of build.documents) {
    build.add(a);
    if (++inChunk === chunkSize) {
      inChunk = 0;
      await yieldToLoop();
    }
  }
  await yieldToLoop();
  return build.finish();
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
  /** The best `limit` documents, best first; ties in MiniSearch's order. */
  hits: SearchHit[];
  /** Documents holding at least one token. */
  total: number;
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
  s.seen.fill(0);
  s.termSeen.fill(0);
  s.epoch = 0;
  s.termEpoch = 0;
}

/** True when a ranks after b: lower score, or the same score and matched later in the query. */
function after(s: Scratch, a: number, b: number): boolean {
  const sa = s.score[a]!;
  const sb = s.score[b]!;
  if (sa !== sb) return sa < sb;
  const ka = s.firstKey[a]!;
  const kb = s.firstKey[b]!;
  return ka !== kb ? ka > kb : a > b;
}

/** Keeps the best `limit` documents in a heap whose root is the worst of them. */
function selectBest(s: Scratch, count: number, limit: number): number[] {
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && after(s, heap[l]!, heap[worst]!)) worst = l;
      if (r < heap.length && after(s, heap[r]!, heap[worst]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < count; i++) {
    const d = s.touched[i]!;
    if (heap.length < limit) {
      heap.push(d);
      for (let j = heap.length - 1; j > 0; ) {
        const p = (j - 1) >> 1;
        if (!after(s, heap[j]!, heap[p]!)) break;
        [heap[j], heap[p]] = [heap[p]!, heap[j]!];
        j = p;
      }
    } else if (limit > 0 && after(s, heap[0]!, d)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (after(s, a, b) ? 1 : -1));
}

/**
 * The documents that best match the tokens, ranked as MiniSearch ranks an OR query with
 * the same boosts (exact match only, no prefix or fuzzy terms). Tokens are deduplicated.
 */
export function searchIndex(index: SearchIndex, tokens: readonly string[], options: SearchOptions): SearchResult {
  const p = index.postings;
  const s = p.scratch;
  const terms = [...new Set(tokens)].filter((t) => t !== "");
  if (s.epoch >= 0x7ffffff0 || s.termEpoch >= 0x7fffff00 - terms.length) resetScratch(s);
  const epoch = ++s.epoch;
  const fieldBoost = FIELDS.map((f) => options.boost?.[f] ?? 1);
  const n = p.documentCount;
  let touched = 0;

  for (let ti = 0; ti < terms.length; ti++) {
    const term = terms[ti]!;
    const id = p.termIds.get(term);
    if (id === undefined) continue;
    const termEpoch = ++s.termEpoch;
    const termBoost = options.boostTerm ? options.boostTerm(term) : 1;
    let termTouched = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const matching = p.fieldDf[f]![id]!;
      if (matching === 0) continue;
      // MiniSearch: weight = termWeight (1) × termBoost × fieldBoost × docBoost (1) × bm25, left to right.
      const weight = termBoost * fieldBoost[f]!;
      const idf = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
      const lengths = p.fieldLength[f]!;
      const table = p.norms[f]!;
      const width = p.normWidth[f]!;
      const avg = p.avgFieldLength[f]!;
      for (const seg of p.segments) {
        const sf = seg.fields[f]!;
        const at = find(sf.terms, id);
        if (at < 0) continue;
        const end = sf.starts[at + 1]!;
        const base = seg.base;
        for (let q = sf.starts[at]!; q < end; q++) {
          const d = base + sf.docs[q]!;
          let tf = sf.tfs[q]!;
          if (tf === TF_OVERFLOW) tf = sf.bigTf?.get(q) ?? tf;
          const length = lengths[d]!;
          const nrm = tf <= TABLE_TF ? table[tf * width + length]! : norm(tf, length, avg);
          const w = weight * (idf * nrm);
          if (s.termSeen[d] !== termEpoch) {
            s.termSeen[d] = termEpoch;
            s.termScore[d] = w;
            s.termField[d] = f;
            s.termTouched[termTouched++] = d;
          } else {
            s.termScore[d] = s.termScore[d]! + w;
          }
        }
      }
    }
    // MiniSearch sums a term's fields first, then adds the term to the document's total.
    for (let i = 0; i < termTouched; i++) {
      const d = s.termTouched[i]!;
      if (s.seen[d] !== epoch) {
        s.seen[d] = epoch;
        s.score[d] = s.termScore[d]!;
        s.matched[d] = 1;
        s.firstKey[d] = ti * 4 + s.termField[d]!;
        s.touched[touched++] = d;
      } else {
        s.score[d] = s.score[d]! + s.termScore[d]!;
        s.matched[d] = s.matched[d]! + 1;
      }
    }
  }
  // MiniSearch multiplies by the number of query terms the document matched.
  for (let i = 0; i < touched; i++) {
    const d = s.touched[i]!;
    s.score[d] = s.score[d]! * s.matched[d]!;
  }

  const best = selectBest(s, touched, Math.max(0, Math.floor(options.limit)));
  const hits = best.map((d): SearchHit => {
    const seg = p.segments[d >>> p.segmentBits]!;
    const local = d - seg.base;
    const queryTerms: string[] = [];
    for (const term of terms) {
      const id = p.termIds.get(term);
      if (id === undefined) continue;
      const holds = seg.fields.some((sf) => {
        const at = find(sf.terms, id);
        return at >= 0 && find(sf.docs, local, sf.starts[at], sf.starts[at + 1]) >= 0;
      });
      if (holds) queryTerms.push(term);
    }
    return { id: d, score: s.score[d]!, queryTerms };
  });
  return { hits, total: touched };
}
