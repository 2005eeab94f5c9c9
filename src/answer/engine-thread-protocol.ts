// The messages between the serving thread (thread-engine.ts) and the knowledge thread
// (engine-thread.ts), which holds the knowledge base and answers from it.
import type { KbStatus, ReloadReport } from "../knowledge/report.ts";
import type { GapOptions, GapRecord, SourceSummary, Usage } from "./engine-types.ts";
import type { Lang } from "./types.ts";

export interface ThreadRequestData {
  dataDir: string;
  rememberAnswers?: number;
}

/** What the serving thread keeps of the current snapshot, to answer status, sources and usage at once. */
export interface SnapshotMeta {
  status: KbStatus;
  sources: SourceSummary[];
  usage: Record<Lang, Usage>;
}

export type Call =
  | { id: number; method: "ask"; args: [question: string] }
  | { id: number; method: "timeline"; args: [topic: string | null, lang: Lang] }
  | { id: number; method: "gaps"; args: [records: readonly GapRecord[], options: GapOptions] }
  | { id: number; method: "reload" | "rollback"; args: [actor: string] };

export type ThreadMessage =
  | { kind: "ready"; meta: SnapshotMeta }
  /** The data could not be loaded at start-up: the report names every error. */
  | { kind: "failed"; report: ReloadReport }
  /** A reply to a call; after a reload or rollback, with the snapshot then current. */
  | { kind: "reply"; id: number; ok: true; value: unknown; meta?: SnapshotMeta }
  | { kind: "reply"; id: number; ok: false; message: string };
