// An append-only JSON-lines file in the state directory, bounded in size: when a write would
// pass `maxBytes`, the file becomes `<name>.1.jsonl` (replacing the previous one, whose
// records are dropped: logged and counted) and a new one starts, so at most about twice
// `maxBytes` is kept. Admins read the files with tail/jq; the bot reads them back for
// /kb gaps. Lines never interleave: writes run one at a time. Nothing is lost silently: a
// write cut short (a full disk) is cut back to the last whole record, a torn last line left
// by a crash is ended before the next record, and a line the reader cannot parse is logged
// and reported with its file and line number.
import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { silentLogger, type Logger } from "../../log.ts";
import type { LogRead, RecordLog, UnreadableRecord } from "../../shared/stream-log.ts";

export interface JsonlLogOptions {
  /** Directory of the file; created when missing. */
  stateDir: string;
  /** File name without extension, e.g. "refusals". */
  name: string;
  /** Size past which the file is rotated. Default 5 MB. */
  maxBytes?: number;
  /** Told of rotations, repaired tails and unreadable lines. Default silent. */
  logger?: Logger;
  /** Called after a rotation dropped records (those of the previous rotated file). */
  onDropped?: (records: number) => void;
}

export interface JsonlLog<T> extends RecordLog<T> {
  readonly file: string;
  readonly rotatedFile: string;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw err;
  }
}

/** Records (non-empty lines) in a file; 0 when it is missing. */
async function countRecords(file: string): Promise<number> {
  return (await readText(file)).split("\n").filter((l) => l.trim()).length;
}

/** Cuts a text field so one long question cannot fill the log. */
export function cutField(text: string, max?: number): string;
export function cutField(text: string | null, max?: number): string | null;
export function cutField(text: string | null, max = 4_000): string | null {
  if (text === null || text.length <= max) return text;
  return text.slice(0, max - 1) + "…";
}

/** "skipped 1 unreadable line in refusals.jsonl:12", one line per file, for people reading a report. */
export function describeUnreadable(unreadable: readonly UnreadableRecord[]): string[] {
  const byFile = new Map<string, number[]>();
  for (const u of unreadable) byFile.set(u.file, [...(byFile.get(u.file) ?? []), u.line]);
  return [...byFile].map(
    ([file, lines]) => `skipped ${lines.length} unreadable line${lines.length === 1 ? "" : "s"} in ${path.basename(file)}:${lines.join(",")}`,
  );
}

export function createJsonlLog<T>(options: JsonlLogOptions): JsonlLog<T> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const logger = options.logger ?? silentLogger;
  const file = path.resolve(options.stateDir, `${options.name}.jsonl`);
  const rotatedFile = path.resolve(options.stateDir, `${options.name}.1.jsonl`);
  let queue: Promise<void> = Promise.resolve();
  // Checked before the first write, and again after a write that could not be cut back.
  let tailChecked = false;

  /** Ends a torn last line with a newline, so the next record starts on a line of its own. */
  const repairTail = async (): Promise<void> => {
    const handle = await open(file, "a+", 0o640);
    try {
      const { size } = await handle.stat();
      if (size === 0) return;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] === 0x0a) return;
      await handle.appendFile("\n");
      logger.warn("state: ended a torn last line before appending", { file, bytes: size });
    } finally {
      await handle.close();
    }
  };

  const rotate = async (): Promise<void> => {
    const dropped = await countRecords(rotatedFile);
    await rename(file, rotatedFile);
    logger.info("state: log rotated", { file, rotatedTo: rotatedFile, maxBytes, dropped });
    if (dropped > 0) options.onDropped?.(dropped);
  };

  const write = async (entry: T): Promise<void> => {
    const line = Buffer.from(JSON.stringify(entry) + "\n", "utf8");
    await mkdir(path.dirname(file), { recursive: true });
    if (!tailChecked) {
      await repairTail();
      tailChecked = true;
    }
    const size = await sizeOf(file);
    if (size > 0 && size + line.length > maxBytes) await rotate();
    const handle = await open(file, "a", 0o640);
    try {
      const start = (await handle.stat()).size;
      try {
        await handle.appendFile(line);
      } catch (err) {
        // Part of the record may be on disk (ENOSPC, EFBIG): cut it off, or end it next time.
        await handle.truncate(start).catch(() => (tailChecked = false));
        throw err;
      }
    } finally {
      await handle.close();
    }
  };

  const read = async (): Promise<LogRead<T>> => {
    await queue;
    const entries: T[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (const source of [rotatedFile, file]) {
      const lines = (await readText(source)).split("\n");
      lines.forEach((text, i) => {
        if (!text.trim()) return;
        try {
          entries.push(JSON.parse(text) as T);
        } catch (err) {
          unreadable.push({ file: source, line: i + 1 });
          logger.warn("state: skipped an unreadable line", { file: source, line: i + 1, error: (err as Error).message });
        }
      });
    }
    return { entries, unreadable };
  };

  return {
    file,
    rotatedFile,
    append(entry) {
      const done = queue.then(() => write(entry));
      queue = done.catch(() => {});
      return done.catch((err: unknown) => {
        throw new Error(`state: ${file}: could not write: ${(err as Error).message ?? String(err)}`, { cause: err });
      });
    },
    read,
    async readAll() {
      return (await read()).entries;
    },
  };
}
