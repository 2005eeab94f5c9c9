// An append-only JSON-lines file in the state directory, bounded in size: when a write would
// pass `maxBytes`, the file becomes `<name>.1.jsonl` (replacing the previous one) and a new
// one starts, so at most about twice `maxBytes` is kept. Admins read the files with tail/jq;
// the bot reads them back for /kb gaps. Lines never interleave: writes run one at a time.
import { appendFile, mkdir, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";

export interface JsonlLogOptions {
  /** Directory of the file; created when missing. */
  stateDir: string;
  /** File name without extension, e.g. "refusals". */
  name: string;
  /** Size past which the file is rotated. Default 5 MB. */
  maxBytes?: number;
}

export interface JsonlLog<T> {
  readonly file: string;
  readonly rotatedFile: string;
  append(entry: T): Promise<void>;
  /** Every entry kept (rotated file first), skipping lines that do not parse. */
  readAll(): Promise<T[]>;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, "utf8")).split("\n").filter((l) => l.trim());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/** Cuts a text field so one long question cannot fill the log. */
export function cutField(text: string, max?: number): string;
export function cutField(text: string | null, max?: number): string | null;
export function cutField(text: string | null, max = 4_000): string | null {
  if (text === null || text.length <= max) return text;
  return text.slice(0, max - 1) + "…";
}

export function createJsonlLog<T>(options: JsonlLogOptions): JsonlLog<T> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const file = path.resolve(options.stateDir, `${options.name}.jsonl`);
  const rotatedFile = path.resolve(options.stateDir, `${options.name}.1.jsonl`);
  let queue: Promise<void> = Promise.resolve();

  const write = async (entry: T): Promise<void> => {
    const line = JSON.stringify(entry) + "\n";
    await mkdir(path.dirname(file), { recursive: true });
    const size = await sizeOf(file);
    if (size > 0 && size + Buffer.byteLength(line) > maxBytes) await rename(file, rotatedFile);
    await appendFile(file, line, { encoding: "utf8", mode: 0o640 });
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
    async readAll() {
      await queue;
      const lines = [...(await readLines(rotatedFile)), ...(await readLines(file))];
      const out: T[] = [];
      for (const line of lines) {
        try {
          out.push(JSON.parse(line) as T);
        } catch {
          // A torn last line after a crash is skipped, not fatal.
        }
      }
      return out;
    },
  };
}
