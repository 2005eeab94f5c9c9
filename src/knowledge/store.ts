// The live knowledge base: an immutable snapshot (data + search index) swapped whole.
// A reload builds the next snapshot beside the current one and swaps it in only when it
// is complete; a question holds the snapshot it started with, so it finishes on it.
import type { Article, Fact } from "./schema.ts";
import type { KnowledgeData, ParseResult } from "./parse.ts";
import type { ChangeSet, Counts, KbStatus, ReloadReport } from "./report.ts";
import { runSteps, runStepsSliced, type Steps } from "./steps.ts";

export interface Snapshot<I> {
  readonly data: KnowledgeData;
  readonly index: I;
  readonly loadedAt: string;
  readonly loadedBy: string;
}

export interface KnowledgeStoreOptions<I> {
  /** Reads and validates the data (the loader, or a fake in tests). */
  load: () => Promise<ParseResult>;
  /** Builds the search index of a validated data set. */
  build: (data: KnowledgeData) => I | Promise<I>;
  now?: () => Date;
}

export interface KnowledgeStore<I> {
  current(): Snapshot<I>;
  /** Serialized: a reload asked for while another runs starts after it ends. */
  reload(actor: string): Promise<ReloadReport>;
  /** Restores the snapshot that served before the last successful reload. */
  rollback(actor: string): Promise<ReloadReport>;
  status(): KbStatus;
}

export class KnowledgeLoadError extends Error {
  constructor(readonly report: ReloadReport) {
    super(
      `knowledge: the data has ${report.errors.length} error(s):\n` +
        report.errors.map((e) => `  ${e.file}${e.path ? `: ${e.path}` : ""}: ${e.message}`).join("\n"),
    );
    this.name = "KnowledgeLoadError";
  }
}

export function countsOf(data: KnowledgeData | null): Counts {
  return { articles: data?.articles.length ?? 0, facts: data?.facts.length ?? 0, terms: data?.terms.length ?? 0 };
}

const noChange: ChangeSet = { added: [], removed: [], changed: [] };

function articleKey(a: Article): string {
  const { file: _file, ...rest } = a;
  return JSON.stringify(rest);
}

function factKey(f: Fact): string {
  const { file: _file, ...rest } = f;
  return JSON.stringify(rest);
}

/** Items keyed per step of a diff: a few milliseconds of work. */
const DIFF_STEP = 256;

function* keyed<T extends { id: string }>(items: readonly T[], key: (t: T) => string): Steps<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < items.length; i++) {
    if (i % DIFF_STEP === 0) yield;
    const t = items[i]!;
    out.set(t.id, key(t));
  }
  return out;
}

function* diff<T extends { id: string }>(before: readonly T[], after: readonly T[], key: (t: T) => string): Steps<ChangeSet> {
  const old = yield* keyed(before, key);
  const next = yield* keyed(after, key);
  const added: string[] = [];
  const changed: string[] = [];
  let i = 0;
  // Comparing two long keys reads them whole: this part takes steps too.
  for (const [id, k] of next) {
    if (i++ % DIFF_STEP === 0) yield;
    const was = old.get(id);
    if (was === undefined) added.push(id);
    else if (was !== k) changed.push(id);
  }
  const removed: string[] = [];
  for (const id of old.keys()) {
    if (i++ % DIFF_STEP === 0) yield;
    if (!next.has(id)) removed.push(id);
  }
  return { added, removed, changed };
}

function* diffSteps(before: KnowledgeData | null, after: KnowledgeData | null): Steps<{ articles: ChangeSet; facts: ChangeSet }> {
  // The same content hash: nothing to compare item by item.
  if (before && after && before.version === after.version) return { articles: noChange, facts: noChange };
  const articles = yield* diff(before?.articles ?? [], after?.articles ?? [], articleKey);
  const facts = yield* diff(before?.facts ?? [], after?.facts ?? [], factKey);
  return { articles, facts };
}

/** What was added, removed and changed between two versions (ids of articles and facts). */
export function diffData(before: KnowledgeData | null, after: KnowledgeData | null): { articles: ChangeSet; facts: ChangeSet } {
  return runSteps(diffSteps(before, after));
}

/** The same, yielding to the event loop: comparing two large versions takes a while. */
export function diffDataSliced(before: KnowledgeData | null, after: KnowledgeData | null): Promise<{ articles: ChangeSet; facts: ChangeSet }> {
  return runStepsSliced(diffSteps(before, after));
}

/** Loads the first snapshot; throws KnowledgeLoadError when the data has errors. */
export async function createKnowledgeStore<I>(options: KnowledgeStoreOptions<I>): Promise<KnowledgeStore<I>> {
  const now = options.now ?? (() => new Date());
  let current: Snapshot<I> | null = null;
  let previous: Snapshot<I> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const doReload = async (actor: string): Promise<ReloadReport> => {
    const started = performance.now();
    const before = current;
    const result = await options.load();
    const at = now().toISOString();
    if (!result.data) {
      return {
        ok: false,
        actor,
        version: before?.data.version ?? "none",
        previousVersion: before?.data.version ?? null,
        counts: countsOf(before?.data ?? null),
        articles: noChange,
        facts: noChange,
        errors: result.errors,
        durationMs: Math.round(performance.now() - started),
        at,
      };
    }
    const index = await options.build(result.data);
    const next: Snapshot<I> = { data: result.data, index, loadedAt: at, loadedBy: actor };
    if (before) previous = before;
    current = next;
    // Reported after the swap: the new version serves while the report is put together.
    const changes = await diffDataSliced(before?.data ?? null, next.data);
    return {
      ok: true,
      actor,
      version: next.data.version,
      previousVersion: before?.data.version ?? null,
      counts: countsOf(next.data),
      ...changes,
      errors: [],
      durationMs: Math.round(performance.now() - started),
      at,
    };
  };

  const first = await doReload("startup");
  if (!first.ok) throw new KnowledgeLoadError(first);

  return {
    current: () => current as Snapshot<I>,
    reload: (actor) => serialize(() => doReload(actor)),
    rollback: (actor) =>
      serialize(async () => {
        const started = performance.now();
        const before = current as Snapshot<I>;
        const at = now().toISOString();
        if (!previous) {
          return {
            ok: false,
            actor,
            version: before.data.version,
            previousVersion: before.data.version,
            counts: countsOf(before.data),
            articles: noChange,
            facts: noChange,
            errors: [{ file: "", path: "", message: "no previous version to roll back to" }],
            durationMs: 0,
            at,
          };
        }
        const restored: Snapshot<I> = { ...previous, loadedAt: at, loadedBy: actor };
        previous = before;
        current = restored;
        const changes = await diffDataSliced(before.data, restored.data);
        return {
          ok: true,
          actor,
          version: restored.data.version,
          previousVersion: before.data.version,
          counts: countsOf(restored.data),
          ...changes,
          errors: [],
          durationMs: Math.round(performance.now() - started),
          at,
        };
      }),
    status: () => {
      const s = current as Snapshot<I>;
      return { version: s.data.version, loadedAt: s.loadedAt, loadedBy: s.loadedBy, counts: countsOf(s.data) };
    },
  };
}
