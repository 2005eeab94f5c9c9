// Records 👍/👎 votes on answers as JSON lines in `<stateDir>/feedback.jsonl`, where an admin
// can read them (`tail`, `jq`). Bounded: when the file would pass `maxBytes`, it is renamed to
// `feedback.1.jsonl` (replacing the previous one) and a new file is started, so at most about
// twice `maxBytes` is kept on disk.
import { mkdir, rename, stat, appendFile } from "node:fs/promises";
import path from "node:path";
import type { Lang } from "../../answer/types.ts";

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
}

export interface FeedbackRecorder {
  readonly file: string;
  record(entry: FeedbackEntry): Promise<void>;
}

export const FEEDBACK_FILE = "feedback.jsonl";
export const FEEDBACK_ROTATED_FILE = "feedback.1.jsonl";

function cut(text: string | null, max: number): string | null {
  if (text === null || text.length <= max) return text;
  return text.slice(0, max - 1) + "…";
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
}

export function createFeedbackRecorder(options: FeedbackRecorderOptions): FeedbackRecorder {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxFieldChars = options.maxFieldChars ?? 4_000;
  const file = path.resolve(options.stateDir, FEEDBACK_FILE);
  const rotated = path.resolve(options.stateDir, FEEDBACK_ROTATED_FILE);
  // Writes run one after another so that lines never interleave and rotation sees true sizes.
  let queue: Promise<void> = Promise.resolve();

  const write = async (entry: FeedbackEntry): Promise<void> => {
    const line =
      JSON.stringify({
        ...entry,
        question: cut(entry.question, maxFieldChars),
        answer: cut(entry.answer, maxFieldChars),
      }) + "\n";
    await mkdir(path.dirname(file), { recursive: true });
    const size = await sizeOf(file);
    if (size > 0 && size + Buffer.byteLength(line) > maxBytes) await rename(file, rotated);
    await appendFile(file, line, { encoding: "utf8", mode: 0o640 });
  };

  return {
    file,
    record(entry) {
      const done = queue.then(() => write(entry));
      queue = done.catch(() => {});
      return done.catch((err: unknown) => {
        throw new Error(`feedback: ${file}: could not record vote: ${(err as Error).message ?? String(err)}`, { cause: err });
      });
    },
  };
}
