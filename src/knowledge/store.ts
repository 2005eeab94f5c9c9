// The live knowledge base: an immutable snapshot (data + search index) swapped whole.
// A reload builds the next snapshot beside the current one and swaps it in only when it
// is complete; a question holds the snapshot it started with, so it finishes on it.
import type { KnowledgeData, ParseResult } from "./parse.ts";
import type { ChangeSet, Counts, KbStatus, ReloadReport } from "./report.ts";
import { diffDataSliced } from "./changes.ts";

export interface Snapshot<I> {
  readonly data: KnowledgeData;
  readonly index: I;
  readonly loadedAt: string;
  readonly loadedBy: string;
}

/** What a loader hands over: the parsed data, and its index when the loader built it. */
export interface Loaded<I> extends ParseResult {
  /** The index of `data`, built by the loader (in a worker thread); else `build` makes it. */
  index?: I;
}

export interface KnowledgeStoreOptions<I> {
  /**
   * Reads and validates the data (the loader, or a fake in tests). `current` is the version
   * serving now (null at start-up).
   */
  load: (current: KnowledgeData | null) => Promise<Loaded<I>>;
  /** Builds the search index of a validated data set the loader did not index. */
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
    const result = await options.load(before?.data ?? null);
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
    const index = result.index ?? (await options.build(result.data));
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
