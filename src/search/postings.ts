// The postings: per segment of up to 65,536 documents and per field, each term's documents
// (16-bit offsets) and term frequencies (a byte, larger ones kept aside), in typed arrays;
// per field, document frequencies, field lengths and BM25+ length normalization tables.
// Also the scratch space a search reuses, sized to the index.
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
/** Term frequencies are stored in a byte; this marks a larger one, kept aside. */
export const TF_OVERFLOW = 255;
/** Norm tables cover term frequencies up to this; larger ones are computed. */
export const TABLE_TF = 15;

export interface SegmentField {
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

export interface Segment {
  readonly base: number;
  readonly fields: readonly SegmentField[];
}

/** Reused per search: sized to the index, reset by epoch counters instead of clearing. */
export interface Scratch {
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
export const STAMP = 65_536;

/** The inverted index proper. Opaque outside src/search; read through searchIndex(). */
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
  const termSeen = new Int32Array(n);
  const touched = new Int32Array(n);
  return { epoch: 0, termEpoch: 0, state, termSeen, touched };
}
