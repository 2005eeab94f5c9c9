// The messages between the serving thread (thread-engine.ts) and the knowledge thread
// (engine-thread.ts), which holds the knowledge base and answers from it.
import type { KbStatus, ReloadReport } from "../knowledge/report.ts";
import type { GapOptions, GapRecord, SourceSummary, Usage } from "./engine-types.ts";
import type { Answer, Lang } from "../answer/types.ts";

export interface ThreadRequestData {
  dataDir: string;
  rememberAnswers?: number;
  /** Index snapshots for fast restarts (index-snapshot.ts). */
  snapshotDir?: string;
}

/** How the knowledge thread's start-up load went. */
export interface StartupLoad {
  from: "snapshot" | "built";
  version: string | null;
  ms: number;
  reason?: string;
}

/** What the serving thread keeps of the current snapshot, to answer status, sources and usage at once. */
export interface SnapshotMeta {
  status: KbStatus;
  /**
   * The sources, a SourceSummary[] as UTF-8 JSON, moved rather than copied between the threads
   * and decoded where first asked for: cloned as objects, at 10,000 articles they took the
   * serving thread 28 ms to receive after every reload (three copies), at 50,000 180 ms.
   */
  sources: Uint8Array;
  /** Usage without its sources, which are the snapshot's. */
  usage: Record<Lang, Omit<Usage, "sources">>;
}

/** The snapshot's sources in the form SnapshotMeta carries them, with the buffer to transfer. */
export function encodeSources(sources: readonly SourceSummary[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(sources));
}

export interface SnapshotView {
  status(): KbStatus;
  sources(): SourceSummary[];
  usage(lang: Lang): Usage;
}

/** Status, sources and usage of a snapshot, from its meta; sources decoded once, on first use. */
export function snapshotView(meta: SnapshotMeta): SnapshotView {
  let sources: SourceSummary[] | null = null;
  const usage: Partial<Record<Lang, Usage>> = {};
  const decoded = () => (sources ??= JSON.parse(new TextDecoder().decode(meta.sources)) as SourceSummary[]);
  return {
    status: () => meta.status,
    sources: decoded,
    usage: (lang) => (usage[lang] ??= { ...meta.usage[lang], sources: decoded() }),
  };
}

export type Call =
  | { id: number; method: "ask"; args: [question: string] }
  | { id: number; method: "followUps"; args: [answer: Answer] }
  | { id: number; method: "timeline"; args: [topic: string | null, lang: Lang] }
  | { id: number; method: "gaps"; args: [records: readonly GapRecord[], options: GapOptions] }
  | { id: number; method: "reload" | "rollback"; args: [actor: string] };

export type ThreadMessage =
  | { kind: "ready"; meta: SnapshotMeta; startup?: StartupLoad }
  /** The data could not be loaded at start-up: the report names every error. */
  | { kind: "failed"; report: ReloadReport }
  /** A reply to a call; after a reload or rollback, with the snapshot then current. */
  | { kind: "reply"; id: number; ok: true; value: unknown; meta?: SnapshotMeta }
  | { kind: "reply"; id: number; ok: false; message: string };
