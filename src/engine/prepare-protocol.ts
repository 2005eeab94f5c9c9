// The messages between a reload's worker thread (prepare-worker.ts) and the serving thread
// (prepare.ts).
import type { VersionKeys } from "../knowledge/changes.ts";
import type { DataError } from "../knowledge/report.ts";
import type { Article, Examples, Fact, Term } from "../knowledge/schema.ts";
import type { IndexParts } from "../search/search-index.ts";

export interface PrepareRequest {
  dataDir: string;
}

/**
 * Items per batch: each batch is copied into the serving thread's heap in one go, so it is
 * kept to a few milliseconds of copying (an article carries its whole text).
 */
export const BATCH = { articles: 64, facts: 1_024, tokens: 16_384, sentences: 4_096 } as const;

export type Batch =
  | { kind: "head"; version: string; terms: readonly Term[]; examples: Examples; warnings: DataError[] }
  | { kind: "articles"; items: Article[] }
  | { kind: "facts"; items: Fact[] }
  | { kind: "tokens"; items: string[] }
  | { kind: "sentences"; items: string[] }
  | { kind: "index"; parts: IndexParts; keys: VersionKeys };

/** The worker's last word, on its parent port once every batch is on the batch port. */
export type WorkerReport =
  | {
      kind: "ready";
      batches: number;
      /** The worker thread's scheduling priority (nice) once lowered, or null where it could not be. */
      priority: number | null;
    }
  | { kind: "failed"; errors: DataError[]; warnings: DataError[] }
  | { kind: "crashed"; message: string };
