// Building postings: documents added in id order fill the open segment, a posting per term
// of a document with its frequency in every field; a full segment's postings are sorted by
// term (in blocks, for a build that yields between them) and frozen.
import { runSteps } from "../knowledge/steps.ts";
import { FIELDS, fieldTf, newScratch, type FieldLengths, norm, normStep, OVERFLOW_LOW_BITS, TABLE_TF, TF_BITS, TF_OVERFLOW, type Postings, type Segment } from "./postings.ts";
import { TermDictionary, TokenCounts } from "./term-dictionary.ts";

/** Postings sorted between two yields of an async build (a few milliseconds). */
const SORT_BLOCK = 1 << 17;

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

/**
 * Field lengths in the narrowest array that holds them: a search reads one for every
 * posting, at random, and the narrower they are, the more of them stay in the cache.
 */
function narrowLengths(lengths: Uint32Array, max: number): FieldLengths {
  if (max < 2 ** 8) return Uint8Array.from(lengths);
  if (max < 2 ** 16) return Uint16Array.from(lengths);
  return lengths.slice();
}

/** The tokens MiniSearch would read from a field given as the tokens joined by spaces. */
function fieldTokens(tokens: string[]): string[] {
  if (!tokens.includes("")) return tokens;
  const joined = tokens.join(" ");
  return joined ? joined.split(" ") : [];
}

/** Accumulates documents, in id order, into segments; then freezes into Postings. */
export class PostingsBuilder {
  readonly termIds = new TermDictionary();
  private df = new Int32Array(1024);
  private fieldDf = FIELDS.map(() => new Int32Array(1024));
  private lengths = new Uint32Array(1024 * FIELDS.length);
  private readonly avg = FIELDS.map(() => 0);
  private readonly maxLength = FIELDS.map(() => 0);
  private readonly segments: Segment[] = [];
  private count = 0;
  private segmentBase = 0;
  private readonly segmentDocs: number;
  // The open segment's postings in document order, and its frequencies of TF_OVERFLOW or
  // more by posting × FIELDS.length + field.
  private readonly pendTerm = new IntList(1 << 16);
  private readonly pendDoc = new IntList(1 << 16);
  private readonly pendTf = new IntList(1 << 16);
  private readonly pendBig = new Map<number, number>();
  private sortCounts = new Int32Array(1024);
  private readonly tf = new Map<number, number>();
  private readonly packed = new Map<number, number>();

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
    if (doc * FIELDS.length === this.lengths.length) {
      const next = new Uint32Array(this.lengths.length * 2);
      next.set(this.lengths);
      this.lengths = next;
    }
    if (this.segmentFull) runSteps(this.closeSegment());
    const local = doc - this.segmentBase;
    // Term id -> its frequencies in every field, packed as a posting holds them.
    const packed = this.packed;
    packed.clear();
    const big: Array<[id: number, field: number, tf: number]> = [];
    for (let f = 0; f < FIELDS.length; f++) {
      const tokens = fieldTokens(fields[f] ?? []);
      // MiniSearch: the field length is the number of distinct tokens, and the average is a
      // running one over every document so far.
      const length = new Set(tokens).size;
      this.lengths[doc * FIELDS.length + f] = length;
      this.avg[f] = (this.avg[f]! * doc + length) / (doc + 1);
      if (length > this.maxLength[f]!) this.maxLength[f] = length;
      const tf = this.tf;
      tf.clear();
      for (const t of tokens) {
        if (!t) continue;
        const id = this.idOf(t);
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      const fieldDf = this.fieldDf[f]!;
      for (const [id, n] of tf) {
        fieldDf[id] = fieldDf[id]! + 1;
        packed.set(id, (packed.get(id) ?? 0) | (Math.min(n, TF_OVERFLOW) << (f * TF_BITS)));
        if (n >= TF_OVERFLOW) big.push([id, f, n]);
      }
    }
    const first = this.pendTerm.length;
    for (const [id, tfs] of packed) {
      this.pendTerm.push(id);
      this.pendDoc.push(local);
      this.pendTf.push(tfs);
      this.df[id] = this.df[id]! + 1;
    }
    if (big.length > 0) {
      const ids = [...packed.keys()];
      for (const [id, f, n] of big) this.pendBig.set((first + ids.indexOf(id)) * FIELDS.length + f, n);
    }
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
   * ascending) and opens the next segment. In steps, for callers that yield between.
   */
  *closeSegment(): Generator<void> {
    if (this.sortCounts.length < this.termIds.size) this.sortCounts = new Int32Array(Math.max(this.termIds.size, this.sortCounts.length * 2));
    const counts = this.sortCounts;
    const n = this.pendTerm.length;
    const term = this.pendTerm.data;
    const docIn = this.pendDoc.data;
    const tfIn = this.pendTf.data;
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
    const pendBig = this.pendBig;
    // Frequencies kept aside, by posting × FIELDS.length + field as placed (in no order).
    const placedBig = new Map<number, number>();
    for (let from = 0; from < n; from += SORT_BLOCK) {
      yield;
      const to = Math.min(n, from + SORT_BLOCK);
      for (let i = from; i < to; i++) {
        const id = term[i]!;
        const slot = counts[id]!;
        counts[id] = slot + 1;
        docs[slot] = docIn[i]!;
        const packed = tfIn[i]!;
        tfs[slot] = packed;
        if (pendBig.size === 0) continue;
        for (let f = 0; f < FIELDS.length; f++) {
          if (((packed >>> (f * TF_BITS)) & TF_OVERFLOW) === TF_OVERFLOW) placedBig.set(slot * FIELDS.length + f, pendBig.get(i * FIELDS.length + f)!);
        }
      }
    }
    // In posting order, for a scan to read them as it meets them.
    const bigAt = new Uint32Array(placedBig.size);
    const bigTf = new Uint32Array(placedBig.size);
    let big = 0;
    for (let from = 0; from < n && big < bigAt.length; from += SORT_BLOCK) {
      yield;
      const to = Math.min(n, from + SORT_BLOCK);
      for (let slot = from; slot < to; slot++) {
        const packed = tfs[slot]!;
        if ((packed & (packed >>> 1) & OVERFLOW_LOW_BITS) === 0) continue;
        for (let f = 0; f < FIELDS.length; f++) {
          const key = slot * FIELDS.length + f;
          const tf = placedBig.get(key);
          if (tf === undefined) continue;
          bigAt[big] = key;
          bigTf[big++] = tf;
        }
      }
    }
    for (let i = 0; i < terms.length; i++) counts[terms[i]!] = 0;
    this.pendTerm.length = 0;
    this.pendDoc.length = 0;
    this.pendTf.length = 0;
    pendBig.clear();
    this.segments.push({ base: this.segmentBase, terms, starts, docs, tfs, bigAt, bigTf });
    this.segmentBase += this.segmentDocs;
  }

  /** Per term and field, the step of the largest normalization among its postings (see Postings.maxNorm); a step per segment. */
  private *maxNorms(terms: number): Generator<void, Uint8Array> {
    const F = FIELDS.length;
    const most = new Float64Array(terms * F);
    for (const seg of this.segments) {
      yield;
      let big = 0;
      for (let i = 0; i < seg.terms.length; i++) {
        const at = seg.terms[i]! * F;
        for (let q = seg.starts[i]!; q < seg.starts[i + 1]!; q++) {
          const l = (seg.base + seg.docs[q]!) * F;
          for (let f = 0; f < F; f++) {
            let tf = fieldTf(seg.tfs[q]!, f);
            if (tf === 0) continue;
            // Kept-aside frequencies come in posting order, as the postings are read here.
            if (tf === TF_OVERFLOW) tf = seg.bigTf[big++]!;
            const value = norm(tf, this.lengths[l + f]!, this.avg[f]!);
            if (value > most[at + f]!) most[at + f] = value;
          }
        }
      }
    }
    yield;
    const steps = new Uint8Array(terms * F);
    for (let k = 0; k < most.length; k++) if (most[k]! > 0) steps[k] = normStep(most[k]!);
    return steps;
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
    const maxNorm = yield* this.maxNorms(terms);
    // Trimmed copies of the growable arrays, one at a time.
    const df = this.df.slice(0, terms);
    const fieldDf: Int32Array[] = [];
    for (const a of this.fieldDf) {
      yield;
      fieldDf.push(a.slice(0, terms));
    }
    yield;
    const lengths = narrowLengths(this.lengths.subarray(0, n * FIELDS.length), Math.max(...this.maxLength));
    const scratch = yield* newScratch(n);
    const postings: Postings = {
      documentCount: n,
      segmentBits: this.segmentBits,
      termIds: this.termIds,
      df,
      fieldDf,
      lengths,
      avgFieldLength: [...this.avg],
      norms,
      normWidth,
      maxNorm,
      segments: this.segments,
      scratch,
    };
    return { postings, df: new TokenCounts(this.termIds, df) };
  }
}
