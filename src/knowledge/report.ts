// Shapes reported by the knowledge store: load errors, reload reports and status.

/** A problem in the data, named by file, field path and reason. */
export interface DataError {
  file: string;
  path: string;
  message: string;
}

export function formatDataError(e: DataError): string {
  return `knowledge: ${e.file}${e.path ? `: ${e.path}` : ""}: ${e.message}`;
}

export interface Counts {
  articles: number;
  facts: number;
  terms: number;
}

export interface ChangeSet {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface ReloadReport {
  ok: boolean;
  /** Who asked for it (a platform user, "cli", "startup"). */
  actor: string;
  /** Version that serves after the reload: the new one on success, the old one on failure. */
  version: string;
  previousVersion: string | null;
  counts: Counts;
  articles: ChangeSet;
  facts: ChangeSet;
  errors: DataError[];
  durationMs: number;
  at: string;
  /** Set when the admin log could not record this reload or rollback: why (bots/shared/recording-engine.ts). */
  auditError?: string;
}

export interface KbStatus {
  version: string;
  loadedAt: string;
  loadedBy: string;
  counts: Counts;
  /** With replicas sharing state: every replica's version, this one's included. */
  replicas?: ReplicaStatus[];
}

/** One replica, as it last reported itself. */
export interface ReplicaStatus {
  id: string;
  /** The version it serves. */
  version: string;
  /** The version it was last told to serve and could not, with why; null when it serves what it was told. */
  failed: { version: string; reason: string } | null;
  /** When it last reported (ISO time). */
  seenAt: string;
  /** Not heard from for a while: stopped, or cut off from Redis. */
  stale: boolean;
  /** True for the replica answering. */
  self: boolean;
}
