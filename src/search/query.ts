// A query: the best documents for a question's tokens, ranked as MiniSearch ranks them,
// reading the rarest terms first and admitting no new candidate once none could make the
// best `limit` (MaxScore).
import { FIELDS, fieldTf, norm, NORM_BOUND, NORM_STEPS, OVERFLOW_LOW_BITS, STAMP, TABLE_TF, TF_BITS, TF_OVERFLOW, type FieldName, type Postings, type Scratch, type Segment } from "./postings.ts";
import type { SearchIndex } from "./snapshot.ts";

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

/**
 * Relative margin when comparing scores summed in another order than MiniSearch sums them
 * (rounding differs by ~1e-15 at most); bounds are compared with it, so nothing close is lost.
 */
const SLACK = 1e-9;
/** Candidates a threshold is read from while terms are still being added. */
const KTH_SAMPLE = 4_096;
// The scan below reads a posting's four fields one by one.
if (FIELDS.length !== 4) throw new Error("search-index: the scan reads 4 fields a posting");

interface QueryTerm {
  /** Position among the query's distinct tokens. */
  readonly at: number;
  readonly token: string;
  readonly id: number;
  // Per-field figures in typed arrays: a plain array of four numbers is kept as small
  // integers or as doubles depending on its values, and the scan's code, compiled for one
  // of those layouts, was thrown away on meeting the other.
  /** Per field: termBoost × fieldBoost. */
  readonly weight: Float64Array;
  /** Per field: BM25 idf, or 0 when no document holds the term in that field. */
  readonly idf: Float64Array;
  /** Per field: weight × idf, what a posting's norm is worth. */
  readonly factor: Float64Array;
  /** No document gains more than this from the term. */
  readonly bound: number;
  /** Its postings: documents holding it in any field. */
  readonly postings: number;
}

/** Position of `id` in an ascending array, or -1. */
function find(sorted: Int32Array | Uint32Array | Uint16Array, id: number, from = 0, to = sorted.length): number {
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

/** The first position of an ascending array holding `key` or more (its length when none). */
function lowerBound(sorted: Uint32Array, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first position in [from, to) of an ascending array holding `key` or more (`to` when
 * none): steps doubling from `from`, then halving. Probing candidates in order, the next one
 * is near the last.
 */
function gallop(sorted: Uint16Array, key: number, from: number, to: number): number {
  let lo = from;
  let hi = from;
  let step = 1;
  while (hi < to && sorted[hi]! < key) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > to) hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resetScratch(s: Scratch): void {
  s.state.fill(0);
  s.epoch = 0;
}

/** The frequency of a field in posting `q` of a segment, however large (0: the field lacks the term). */
function tfAt(seg: Segment, q: number, f: number): number {
  const tf = fieldTf(seg.tfs[q]!, f);
  return tf === TF_OVERFLOW ? seg.bigTf[find(seg.bigAt, q * FIELDS.length + f)]! : tf;
}

/**
 * What one field of a posting adds, as MiniSearch computes it: termWeight (1) × termBoost ×
 * fieldBoost × docBoost (1) × BM25+.
 */
function fieldScore(p: Postings, f: number, qt: QueryTerm, tf: number, d: number): number {
  const length = p.lengths[d * FIELDS.length + f]!;
  const nrm = tf <= TABLE_TF ? p.norms[f]![tf * p.normWidth[f]! + length]! : norm(tf, length, p.avgFieldLength[f]!);
  return qt.weight[f]! * (qt.idf[f]! * nrm);
}

/** What posting `q` of a segment, document `d`, adds over all its fields (summed in field order). */
function postingScore(p: Postings, seg: Segment, qt: QueryTerm, q: number, d: number): number {
  let w = 0;
  for (let f = 0; f < FIELDS.length; f++) {
    const tf = tfAt(seg, q, f);
    if (tf !== 0) w += fieldScore(p, f, qt, tf, d);
  }
  return w;
}

/** The `limit`-th largest of the candidates' scores so far (sum × terms matched); 0 when fewer. */
function kthScore(s: Scratch, count: number, limit: number): number {
  if (count < limit) return 0;
  // A min-heap of the best `limit` so far.
  const heap = new Float64Array(limit);
  const stamp = s.epoch * STAMP;
  const state = s.state;
  const touched = s.touched;
  let size = 0;
  for (let i = 0; i < count; i++) {
    const d = touched[i]!;
    const v = state[2 * d]! * (state[2 * d + 1]! - stamp);
    if (size < limit) {
      let j = size++;
      while (j > 0) {
        const up = (j - 1) >> 1;
        if (heap[up]! <= v) break;
        heap[j] = heap[up]!;
        j = up;
      }
      heap[j] = v;
    } else if (v > heap[0]!) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && heap[r]! < heap[l]! ? r : l;
        if (heap[c]! >= v) break;
        heap[j] = heap[c]!;
        j = c;
      }
      heap[j] = v;
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
  const state = s.state;
  const touched = s.touched;
  const probeCost = count * (Math.log2(qt.postings / Math.max(1, p.segments.length) + 2) + 2);
  if (closed && probeCost < qt.postings) {
    let segIndex = -1;
    let seg: Segment | null = null;
    let from = 0;
    let to = 0;
    for (let i = 0; i < count; i++) {
      const d = touched[i]!;
      const si = d >>> p.segmentBits;
      if (si !== segIndex) {
        segIndex = si;
        seg = p.segments[si]!;
        const at = find(seg.terms, qt.id);
        from = at < 0 ? 0 : seg.starts[at]!;
        to = at < 0 ? 0 : seg.starts[at + 1]!;
      }
      if (from === to) continue;
      // Candidates come in document order: each search starts where the last one ended.
      const q = gallop(seg!.docs, d - seg!.base, from, to);
      from = q;
      if (q === to || seg!.docs[q] !== d - seg!.base) continue;
      state[2 * d] = state[2 * d]! + postingScore(p, seg!, qt, q, d);
      state[2 * d + 1] = state[2 * d + 1]! + 1;
    }
    return count;
  }
  for (const seg of p.segments) {
    const at = find(seg.terms, qt.id);
    if (at >= 0) count = scanTerm(p, s, seg, seg.starts[at]!, seg.starts[at + 1]!, qt, closed, count);
  }
  return count;
}

/**
 * Adds the postings [from, to) of a segment to the candidates (only to those already
 * candidates when `closed`). Kept apart and small: this loop is where a search spends its
 * time. A field the term is absent from has a factor of 0 and frequencies of 0.
 */
function scanTerm(p: Postings, s: Scratch, seg: Segment, from: number, to: number, qt: QueryTerm, closed: boolean, count: number): number {
  const stamp = s.epoch * STAMP;
  const state = s.state;
  const touched = s.touched;
  const lengths = p.lengths;
  const [t0, t1, t2, t3] = p.norms as [Float64Array, Float64Array, Float64Array, Float64Array];
  const [w0, w1, w2, w3] = p.normWidth as [number, number, number, number];
  const factor = qt.factor;
  const f0 = factor[0]!;
  const f1 = factor[1]!;
  const f2 = factor[2]!;
  const f3 = factor[3]!;
  const base = seg.base;
  const docs = seg.docs;
  const tfs = seg.tfs;
  const bigAt = seg.bigAt;
  // The next frequency kept aside: postings come in order, and so do those.
  let big = -1;
  for (let q = from; q < to; q++) {
    const d = base + docs[q]!;
    const mark = state[2 * d + 1]!;
    if (closed && mark < stamp) continue;
    const packed = tfs[q]!;
    let w: number;
    if ((packed & (packed >>> 1) & OVERFLOW_LOW_BITS) !== 0) {
      if (big < 0) big = lowerBound(bigAt, q * 4);
      while (bigAt[big]! < q * 4) big++;
      w = 0;
      for (let f = 0; f < 4; f++) {
        let tf = (packed >>> (f * TF_BITS)) & TF_OVERFLOW;
        if (tf === TF_OVERFLOW) tf = seg.bigTf[big++]!;
        if (tf !== 0) w += fieldScore(p, f, qt, tf, d);
      }
    } else {
      const l = d * 4;
      w = 0;
      let tf = packed & TF_OVERFLOW;
      if (tf !== 0) w += f0 * t0[tf * w0 + lengths[l]!]!;
      tf = (packed >>> TF_BITS) & TF_OVERFLOW;
      if (tf !== 0) w += f1 * t1[tf * w1 + lengths[l + 1]!]!;
      tf = (packed >>> (2 * TF_BITS)) & TF_OVERFLOW;
      if (tf !== 0) w += f2 * t2[tf * w2 + lengths[l + 2]!]!;
      tf = packed >>> (3 * TF_BITS);
      if (tf !== 0) w += f3 * t3[tf * w3 + lengths[l + 3]!]!;
    }
    if (mark < stamp) {
      state[2 * d] = w;
      state[2 * d + 1] = stamp + 1;
      touched[count++] = d;
    } else {
      state[2 * d] = state[2 * d]! + w;
      state[2 * d + 1] = mark + 1;
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
  /** Its segment and the query's ranges there, to read the terms it holds once it is among the best. */
  seg: Segment;
  ranges: Uint32Array;
}

/** Where each query term's postings lie in a segment: from and to, term by term (both 0 when the segment lacks it). */
function termRanges(query: readonly QueryTerm[], seg: Segment): Uint32Array {
  const ranges = new Uint32Array(query.length * 2);
  query.forEach((qt, k) => {
    const at = find(seg.terms, qt.id);
    if (at < 0) return;
    ranges[2 * k] = seg.starts[at]!;
    ranges[2 * k + 1] = seg.starts[at + 1]!;
  });
  return ranges;
}

/** A document's score summed as MiniSearch sums it: fields within a term, then terms in query order. */
function rankExactly(p: Postings, query: readonly QueryTerm[], ranges: Uint32Array, seg: Segment, d: number): Ranked {
  const local = d - seg.base;
  let total = 0;
  let matched = 0;
  let firstKey = -1;
  for (let k = 0; k < query.length; k++) {
    const q = postingOf(ranges, seg, k, local);
    if (q < 0) continue;
    const qt = query[k]!;
    let termScore = 0;
    let found = false;
    for (let f = 0; f < FIELDS.length; f++) {
      const tf = tfAt(seg, q, f);
      if (tf === 0) continue;
      const w = fieldScore(p, f, qt, tf, d);
      termScore = found ? termScore + w : w;
      if (firstKey < 0) firstKey = qt.at * 4 + f;
      found = true;
    }
    total = matched === 0 ? termScore : total + termScore;
    matched += 1;
  }
  return { id: d, score: total * matched, firstKey, seg, ranges };
}

/** The document's posting of query term k in its segment, or -1. */
function postingOf(ranges: Uint32Array, seg: Segment, k: number, local: number): number {
  const from = ranges[2 * k]!;
  const to = ranges[2 * k + 1]!;
  return from === to ? -1 : find(seg.docs, local, from, to);
}

/** The query's terms a ranked document holds, in query order: asked of the best `limit` only. */
function termsHeld(query: readonly QueryTerm[], r: Ranked): string[] {
  const local = r.id - r.seg.base;
  const held: string[] = [];
  for (let k = 0; k < query.length; k++) if (postingOf(r.ranges, r.seg, k, local) >= 0) held.push(query[k]!.token);
  return held;
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
    // One slot per field, every one set: a term absent from a field is skipped there.
    const weight = new Float64Array(FIELDS.length);
    const idf = new Float64Array(FIELDS.length);
    const factor = new Float64Array(FIELDS.length);
    let bound = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const matching = p.fieldDf[f]![id]!;
      if (matching === 0) continue;
      weight[f] = termBoost * fieldBoost[f]!;
      idf[f] = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
      factor[f] = weight[f]! * idf[f]!;
      bound += Math.abs(factor[f]!) * ((p.maxNorm[id * FIELDS.length + f]! * NORM_BOUND) / NORM_STEPS);
    }
    query.push({ at, token, id, weight, idf, factor, bound, postings: p.df[id]! });
  });
  if (limit === 0 || query.length === 0) return { hits: [] };
  // Pruning leans on scores only growing with each term matched.
  const prune = query.every((qt) => qt.weight.every((w) => w >= 0));
  if (s.epoch >= 0x7ffffff0) resetScratch(s);
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
    if (!prune || rest === 0 || count < limit || restPostings < count) continue;
    if (!closed && Math.max(0, restBound) * rest >= doneBound * (i + 1)) continue;
    // The k-th best of the first candidates only: no more than the k-th of all, so still a
    // safe threshold, and the first found (those holding the rarest terms) are the likely best.
    const threshold = kthScore(s, Math.min(count, KTH_SAMPLE), limit);
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
  const ranges = new Map<number, Uint32Array>();
  for (let i = 0; i < count; i++) {
    const d = s.touched[i]!;
    if (s.state[2 * d]! * (s.state[2 * d + 1]! - stamp) < floor) continue;
    const si = d >>> p.segmentBits;
    const seg = p.segments[si]!;
    let r = ranges.get(si);
    if (!r) ranges.set(si, (r = termRanges(query, seg)));
    ranked.push(rankExactly(p, query, r, seg, d));
  }
  ranked.sort((a, b) => b.score - a.score || a.firstKey - b.firstKey || a.id - b.id);
  return { hits: ranked.slice(0, limit).map((r) => ({ id: r.id, score: r.score, queryTerms: termsHeld(query, r) })) };
}
