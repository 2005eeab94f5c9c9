// The live knowledge base: an immutable snapshot (data + search index) swapped whole.
// A reload builds the next snapshot beside the current one and swaps it in only when it
// is complete; a question holds the snapshot it started with, so it finishes on it.
import type { Article, Fact } from "./schema.ts";
import type { KnowledgeData, ParseResult } from "./parse.ts";
import type { ChangeSet, Counts, KbStatus, ReloadReport } from "./report.ts";

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

function articleKey(a: Article): string {
  const { file: _file, ...rest } = a;
  return JSON.stringify(rest);
}

function factKey(f: Fact): string {
  const { file: _file, ...rest } = f;
  return JSON.stringify(rest);
}

function diff<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
): ChangeSet {
  const old = new Map(before.map((t) => [t.id, key(t)]));
  const next = new Map(after.map((t) => [t.id, key(t)]));
  const added = [...next.keys()].filter((id) => !old.has(id));
  const removed = [...old.keys()].filter((id) => !next.has(id));
  const changed = [...next.entries()].filter(([id, k]) => old.has(id) && old.get(id) !== k).map(([id]) => id);
  return { added, removed, changed };
}

export function diffData(before: KnowledgeData | null, after: KnowledgeData | null): { articles: ChangeSet; facts: ChangeSet } {
  return {
    articles: diff(before?.articles ?? [], after?.articles ?? [], articleKey),
    facts: diff(before?.facts ?? [], after?.facts ?? [], factKey),
  };
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
    return {
      ok: true,
      actor,
      version: next.data.version,
      previousVersion: before?.data.version ?? null,
      counts: countsOf(next.data),
      ...diffData(before?.data ?? null, next.data),
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
        return {
          ok: true,
          actor,
          version: restored.data.version,
          previousVersion: before.data.version,
          counts: countsOf(restored.data),
          ...diffData(before.data, restored.data),
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
