// Records 👍/👎 votes on answers as JSON lines in `<stateDir>/feedback.jsonl`, where an admin
// can read them (`tail`, `jq`). Every click is kept; a person's current vote on an answer is
// their latest (`currentVotes`). Bounded: when the file would pass `maxBytes`, it is renamed to
// `feedback.1.jsonl` (replacing the previous one) and a new file is started, so at most about
// twice `maxBytes` is kept on disk; the votes a rotation drops are logged and counted.
import type { Lang } from "../../answer/types.ts";
import type { Logger } from "../../log.ts";
import type { LogRead } from "../../shared/stream-log.ts";
import { createJsonlLog, cutField } from "./jsonl-log.ts";

export type Vote = "up" | "down";

export interface FeedbackEntry {
  /** ISO time of the vote. */
  at: string;
  platform: "slack" | "discord";
  /** Platform user id of the voter. */
  user: string;
  /** Where the answer was posted; null when unknown. */
  channel: string | null;
  vote: Vote;
  /** Null when the answer is no longer remembered (e.g. after a restart). */
  question: string | null;
  answer: string;
  /** Short id the vote button carried. */
  answerId: string;
  answered: boolean | null;
  lang: Lang | null;
  kbVersion: string | null;
}

export interface FeedbackRecorderOptions {
  /** Directory of the file; created when missing. */
  stateDir: string;
  /** Size past which the file is rotated. Default 5 MB. */
  maxBytes?: number;
  /** Longest question or answer text kept in a line; longer text is cut with "…". Default 4,000. */
  maxFieldChars?: number;
  /** Told of rotations and unreadable lines. Default silent. */
  logger?: Logger;
  /** Called after a rotation dropped votes. */
  onDropped?: (records: number) => void;
}

export interface FeedbackRecorder {
  readonly file: string;
  record(entry: FeedbackEntry): Promise<void>;
  /** Every vote kept, and where the lines that did not parse are. */
  read(): Promise<LogRead<FeedbackEntry>>;
  readAll(): Promise<FeedbackEntry[]>;
}

/**
 * One vote per person per answer: of the entries of each platform, user and answer, the
 * latest, in the order of their latest click. The log keeps every click; readers count these.
 */
export function currentVotes(entries: readonly FeedbackEntry[]): FeedbackEntry[] {
  const latest = new Map<string, FeedbackEntry>();
  for (const e of entries) {
    const key = `${e.platform}\u0000${e.user}\u0000${e.answerId}`;
    latest.delete(key);
    latest.set(key, e);
  }
  return [...latest.values()];
}

export const FEEDBACK_FILE = "feedback.jsonl";
export const FEEDBACK_ROTATED_FILE = "feedback.1.jsonl";

export function createFeedbackRecorder(options: FeedbackRecorderOptions): FeedbackRecorder {
  const maxFieldChars = options.maxFieldChars ?? 4_000;
  const log = createJsonlLog<FeedbackEntry>({
    stateDir: options.stateDir,
    name: "feedback",
    maxBytes: options.maxBytes,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onDropped ? { onDropped: options.onDropped } : {}),
  });
  return {
    file: log.file,
    record(entry) {
      return log
        .append({ ...entry, question: cutField(entry.question, maxFieldChars), answer: cutField(entry.answer, maxFieldChars) })
        .catch((err: unknown) => {
          const cause = (err as Error).cause ?? err;
          throw new Error(`feedback: ${log.file}: could not record vote: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
        });
    },
    read: () => log.read(),
    readAll: () => log.readAll(),
  };
}
