// The postings: per segment of up to 65,536 documents, each term's documents (16-bit
// offsets), each with the term's frequency in every field (2 bits a field, 3 or more kept
// aside), in typed arrays; per field, document frequencies, field lengths and BM25+ length
// normalization tables. Also the scratch space a search reuses, sized to the index.
//
// One list per term over all fields rather than one per field: a term of the saga (an
// entity, "중국") is found in a document's claim, quote and example questions alike, and
// per field its documents would be stored, and read, once per field (a question made of
// such terms would read 40% more postings; the index would be 10% larger).
import type { TermDictionary } from "./term-dictionary.ts";

/** The fields every document is indexed under, in ranking order. */
/** Korean claim and quote, English claim, entities, and the fact's example questions. */
export const FIELDS = ["ko", "en", "ent", "q"] as const;
export type FieldName = (typeof FIELDS)[number];

/** MiniSearch's BM25+ parameters (its defaults). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/**
 * Documents per segment, as a power of two: 65,536, the most 16-bit offsets allow. Fewer
 * segments, fewer per-segment term tables to store and to look terms up in.
 */
export const SEGMENT_BITS = 16;
/**
 * Bits of a posting's term frequency in one field: the frequencies of FIELDS.length fields
 * fill a byte. Most are 1 or 2 (96% of them over the synthetic archives).
 */
export const TF_BITS = 2;
/** The largest frequency a posting's field holds; this marks one at least as large, kept aside. */
export const TF_OVERFLOW = (1 << TF_BITS) - 1;
/** Norm tables cover term frequencies up to this; larger ones are computed. */
export const TABLE_TF = 15;
// A posting's frequencies, one per field, fill its byte (OVERFLOW_LOW_BITS reads them so).
if (FIELDS.length * TF_BITS !== 8) throw new Error("search-index: a posting's byte holds the frequencies of 4 fields, 2 bits each");

export interface Segment {
  /** The segment's first document. */
  readonly base: number;
  /** Ids of the terms with postings in this segment, ascending. */
  readonly terms: Int32Array;
  /** The postings of terms[i] are [starts[i], starts[i + 1]). */
  readonly starts: Uint32Array;
  /** Each posting's document, as an offset from the segment's first document; ascending per term. */
  readonly docs: Uint16Array;
  /**
   * Each posting's term frequency in each field, TF_BITS a field (field f from bit f ×
   * TF_BITS; 0 when the field lacks the term); TF_OVERFLOW means "see bigTf".
   */
  readonly tfs: Uint8Array;
  /** The fields holding TF_OVERFLOW, as posting × FIELDS.length + field, ascending. */
  readonly bigAt: Uint32Array;
  /** Their frequencies, in the same order. */
  readonly bigTf: Uint32Array;
}

/** Field lengths, in the narrowest array that holds the longest. */
export type FieldLengths = Uint8Array | Uint16Array | Uint32Array;

/** Reused per search: sized to the index, reset by epoch counters instead of clearing. */
export interface Scratch {
  /** Searches so far; a document's stamp below epoch × STAMP means "not a candidate now". */
  epoch: number;
  /**
   * Two slots per document, side by side for the memory cache: the sum of its matched
   * postings' scores so far (in reading order, not MiniSearch's), and its stamp: epoch ×
   * STAMP + the number of query terms it matched.
   */
  readonly state: Float64Array;
  /** The candidates: documents seen in this search and not ruled out. */
  readonly touched: Int32Array;
}

/** Stamp unit: terms matched stay below it (a question has fewer than 65,536 tokens). */
export const STAMP = 65_536;

/** The inverted index proper. Opaque outside src/search; read through searchIndex(). */
export interface Postings {
  readonly documentCount: number;
  /** Segments hold 2^segmentBits documents (the last one fewer). */
  readonly segmentBits: number;
  readonly termIds: TermDictionary;
  /** Documents holding each term in any field: its postings. */
  readonly df: Int32Array;
  /** Per field: documents holding each term in that field. */
  readonly fieldDf: readonly Int32Array[];
  /**
   * Each document's number of distinct tokens in each field (MiniSearch's field length), at
   * document × FIELDS.length + field: a posting's lengths side by side.
   */
  readonly lengths: FieldLengths;
  readonly avgFieldLength: readonly number[];
  /** Per field: BM25 length normalization by term frequency (rows) and field length (columns). */
  readonly norms: readonly Float64Array[];
  readonly normWidth: readonly number[];
  /**
   * Per term and field, at term × FIELDS.length + field: the most any of the term's
   * postings normalizes to in that field, rounded up to a step (normStep; 0 when no
   * document holds it there). What bounds a term's score, and so how soon a search stops
   * admitting candidates: NORM_BOUND alone is about twice what postings reach.
   */
  readonly maxNorm: Uint8Array;
  readonly segments: readonly Segment[];
  readonly scratch: Scratch;
}

/**
 * The low bit of every field's frequency in a posting: `packed & (packed >>> 1) &
 * OVERFLOW_LOW_BITS` is not 0 when some field's is TF_OVERFLOW (both bits set).
 */
export const OVERFLOW_LOW_BITS = 0b01010101;

/** The frequency of field `f` in a posting's packed frequencies (TF_OVERFLOW: see bigTf). */
export function fieldTf(packed: number, f: number): number {
  return (packed >>> (f * TF_BITS)) & TF_OVERFLOW;
}

/** More than any posting's length normalization can reach (BM25+: d + k + 1, as tf grows). */
export const NORM_BOUND = BM25.d + BM25.k + 1;
/** Steps of a term's normalization bound (maxNorm): 255ths of NORM_BOUND. */
export const NORM_STEPS = 255;

/** The step at or above a normalization: never below it, at most NORM_STEPS. */
export function normStep(value: number): number {
  return Math.min(NORM_STEPS, Math.floor((value / NORM_BOUND) * NORM_STEPS) + 1);
}

/** BM25+ length normalization exactly as MiniSearch computes it (after the idf factor). */
export function norm(tf: number, length: number, avg: number): number {
  const { k, b, d } = BM25;
  return d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avg));
}

/** A search's scratch space for `n` documents; a step per large allocation. */
export function* newScratch(n: number): Generator<void, Scratch> {
  yield;
  const state = new Float64Array(2 * n);
  yield;
  const touched = new Int32Array(n);
  return { epoch: 0, state, touched };
}
