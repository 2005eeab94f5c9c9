// What changed between two versions of the knowledge base: ids of the articles and facts
// added, removed and changed. Each version is reduced once to its "keys": ids sorted and
// joined in one string, with a 53-bit fingerprint of each item's content. Comparing two
// versions is then a merge walk over two sorted lists, in short steps, that allocates
// little: no Map of a million ids, no JSON of a million facts on the serving heap. The keys
// can be computed anywhere (a worker thread computes them with the version it prepares)
// and are remembered with the data they describe.
import type { Article, Fact } from "./schema.ts";
import type { KnowledgeData } from "./parse.ts";
import type { ChangeSet } from "./report.ts";
import { runSteps, runStepsSliced, type Steps } from "./steps.ts";

/** Ids in ascending order joined by "\n" (ids are slugs), and each one's content fingerprint. */
export interface SortedKeys {
  readonly ids: string;
  readonly fingerprints: Float64Array;
}

export interface VersionKeys {
  readonly articles: SortedKeys;
  readonly facts: SortedKeys;
}

export interface Changes {
  articles: ChangeSet;
  facts: ChangeSet;
}

/** Items handled per step: a few milliseconds of work. */
const STEP = 2_048;

/** cyrb53: a fast 53-bit string hash; two versions of one item collide with odds of 2^-53. */
function fingerprint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The content that makes an item "changed": everything but the file it is written in. */
function contentOf(item: Article | Fact): string {
  const { file: _file, ...rest } = item;
  return JSON.stringify(rest);
}

function* sortedKeys(items: readonly (Article | Fact)[]): Steps<SortedKeys> {
  const order = Array.from(items.keys());
  yield;
  order.sort((a, b) => (items[a]!.id < items[b]!.id ? -1 : items[a]!.id > items[b]!.id ? 1 : 0));
  const fingerprints = new Float64Array(order.length);
  const ids: string[] = [];
  for (let i = 0; i < order.length; i++) {
    if (i % STEP === 0) yield;
    const item = items[order[i]!]!;
    ids.push(item.id);
    fingerprints[i] = fingerprint(contentOf(item));
  }
  yield;
  return { ids: ids.join("\n"), fingerprints };
}

/** The keys of a version, in steps (sorting the ids is one step: done where it cannot stall answers). */
export function* keySteps(data: KnowledgeData): Steps<VersionKeys> {
  const articles = yield* sortedKeys(data.articles);
  const facts = yield* sortedKeys(data.facts);
  return { articles, facts };
}

const known = new WeakMap<KnowledgeData, VersionKeys>();

/** The keys recorded for a version, or computed for it so far; undefined when none are yet. */
export function rememberedKeys(data: KnowledgeData): VersionKeys | undefined {
  return known.get(data);
}

/** Records keys computed elsewhere (by the worker that prepared the version, or read from its index snapshot). */
export function rememberKeys(data: KnowledgeData, keys: VersionKeys): void {
  known.set(data, keys);
}

function* keysOf(data: KnowledgeData): Steps<VersionKeys> {
  let keys = known.get(data);
  if (!keys) {
    keys = yield* keySteps(data);
    known.set(data, keys);
  }
  return keys;
}

/** Walks an "\n"-joined id list without splitting it whole. */
class IdCursor {
  private at = 0;
  index = 0;
  id: string | null;
  constructor(private readonly ids: string) {
    this.id = null;
    this.next(true);
  }
  next(first = false): void {
    if (!first) this.index += 1;
    if (this.at > this.ids.length || this.ids.length === 0) {
      this.id = null;
      return;
    }
    let end = this.ids.indexOf("\n", this.at);
    if (end < 0) end = this.ids.length;
    this.id = this.ids.slice(this.at, end);
    this.at = end + 1;
  }
}

const EMPTY: SortedKeys = { ids: "", fingerprints: new Float64Array(0) };

function* compare(before: SortedKeys, after: SortedKeys): Steps<ChangeSet> {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const a = new IdCursor(before.ids);
  const b = new IdCursor(after.ids);
  for (let n = 0; a.id !== null || b.id !== null; n++) {
    if (n % STEP === 0) yield;
    if (b.id === null || (a.id !== null && a.id < b.id)) {
      removed.push(a.id!);
      a.next();
    } else if (a.id === null || b.id < a.id) {
      added.push(b.id);
      b.next();
    } else {
      if (before.fingerprints[a.index] !== after.fingerprints[b.index]) changed.push(b.id);
      a.next();
      b.next();
    }
  }
  return { added, removed, changed };
}

const noChange: ChangeSet = { added: [], removed: [], changed: [] };

function* diffSteps(before: KnowledgeData | null, after: KnowledgeData | null): Steps<Changes> {
  // The same content hash: nothing to compare item by item.
  if (before && after && before.version === after.version) return { articles: noChange, facts: noChange };
  const was = before ? yield* keysOf(before) : { articles: EMPTY, facts: EMPTY };
  const is = after ? yield* keysOf(after) : { articles: EMPTY, facts: EMPTY };
  const articles = yield* compare(was.articles, is.articles);
  const facts = yield* compare(was.facts, is.facts);
  return { articles, facts };
}

/** What was added, removed and changed between two versions (ids, in ascending order). */
export function diffData(before: KnowledgeData | null, after: KnowledgeData | null): Changes {
  return runSteps(diffSteps(before, after));
}

/** The same, yielding to the event loop between steps. */
export function diffDataSliced(before: KnowledgeData | null, after: KnowledgeData | null): Promise<Changes> {
  return runStepsSliced(diffSteps(before, after));
}
