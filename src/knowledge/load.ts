// The only module of the knowledge layer that touches the file system: it reads the data
// directory and hands the contents to the pure parser.
import { readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { DataError } from "./report.ts";
import { byPath, parseKnowledgeAsync, versionHash, type DataFile, type DataFiles, type ParseResult } from "./parse.ts";

async function listFiles(dir: string, ext: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((n) => n.endsWith(ext) && !n.startsWith(".")).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/** Files read at once: an archive of 50,000 articles would otherwise exceed the open-file limit (EMFILE). */
const READ_AT_ONCE = 64;

/**
 * The largest data file read, in MB. A news article is tens of KB; a file of many MB is a
 * mistake (a dump, a binary), and parsing it would hold up start-up or a reload for nothing.
 */
export const MAX_FILE_MB = 4;

/** A file that cannot become data: named by its path as shown in messages. */
export class DataFileError extends Error {
  constructor(readonly error: DataError) {
    super(`${error.file}: ${error.message}`);
    this.name = "DataFileError";
  }
}

async function readDataFile(dir: string, shown: string, name: string): Promise<DataFile> {
  const path = `${shown}/${name}`;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, name));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    const why = code === "EISDIR" ? "EISDIR (a directory, not a file)" : code;
    throw new DataFileError({ file: path, path: "", message: `cannot read: ${why}` });
  }
  if (bytes.length > MAX_FILE_MB * 2 ** 20) {
    const mb = (bytes.length / 2 ** 20).toFixed(1);
    throw new DataFileError({ file: path, path: "", message: `${mb} MB, over the ${MAX_FILE_MB} MB limit of a data file` });
  }
  return lazyText(path, bytes);
}

/**
 * A file whose text is decoded on first use and its bytes then let go: the start-up load
 * from an index snapshot only hashes the files, and decoding them (UTF-8 of Korean text,
 * 4 s at 10,000 articles) would be most of its time.
 */
function lazyText(path: string, raw: Buffer): DataFile {
  let bytes: Buffer | undefined = raw;
  let text: string | undefined;
  return {
    path,
    get bytes() {
      return bytes;
    },
    get content() {
      if (text === undefined) {
        text = bytes!.toString("utf8");
        bytes = undefined;
      }
      return text;
    },
    set content(value: string) {
      text = value;
      bytes = undefined;
    },
  };
}

async function readAll(dir: string, shown: string, names: string[]): Promise<DataFile[]> {
  const out: DataFile[] = [];
  for (let from = 0; from < names.length; from += READ_AT_ONCE) {
    const batch = names.slice(from, from + READ_AT_ONCE);
    out.push(...(await Promise.all(batch.map((name) => readDataFile(dir, shown, name)))));
  }
  return out;
}

/** Reads data/{articles,facts,raw,glossary.yaml}; paths in messages start at the data dir's name. */
export async function readDataFiles(dataDir: string): Promise<DataFiles> {
  const root = basename(dataDir);
  const articles = await readAll(join(dataDir, "articles"), `${root}/articles`, await listFiles(join(dataDir, "articles"), ".md"));
  const facts = await readAll(join(dataDir, "facts"), `${root}/facts`, await listFiles(join(dataDir, "facts"), ".yaml"));
  const glossaryNames = (await listFiles(dataDir, ".yaml")).filter((n) => n.startsWith("glossary"));
  const glossary = await readAll(dataDir, root, glossaryNames);
  const rawNames = await listFiles(join(dataDir, "raw"), ".txt");
  const [examples] = await readAll(dataDir, root, (await listFiles(dataDir, ".yaml")).filter((n) => n === "examples.yaml"));
  return { articles, facts, glossary, examples: examples ?? null, rawNames };
}

/**
 * The data directory's version (the content hash of loadKnowledge's data), reading each file
 * once and keeping none: at start-up, with an index snapshot, this is all the files are read
 * for. The reads are synchronous (a start-up has nothing else to do meanwhile, and 20,000
 * promised reads cost four trips through the thread pool each). Throws for a file that cannot
 * be read (readDataFiles then reports it); a file over the size limit hashes to a version
 * that has no snapshot (none is written of data that does not load), so it is reported too.
 */
export async function hashDataDir(dataDir: string): Promise<string> {
  const root = basename(dataDir);
  const yamls = await listFiles(dataDir, ".yaml");
  const entries = [
    ...(await listFiles(join(dataDir, "articles"), ".md")).map((n) => ({ path: `${root}/articles/${n}`, full: join(dataDir, "articles", n) })),
    ...(await listFiles(join(dataDir, "facts"), ".yaml")).map((n) => ({ path: `${root}/facts/${n}`, full: join(dataDir, "facts", n) })),
    ...yamls.filter((n) => n.startsWith("glossary") || n === "examples.yaml").map((n) => ({ path: `${root}/${n}`, full: join(dataDir, n) })),
  ].sort(byPath);
  const h = versionHash();
  for (const { path, full } of entries) {
    h.add(path, readFileSync(full));
  }
  return h.digest();
}

/** Loads and validates the data directory. Never throws for bad data; I/O errors are reported too. */
export async function loadKnowledge(dataDir: string): Promise<ParseResult> {
  const root = basename(dataDir);
  const failed = (error: DataError): ParseResult => ({ data: null, errors: [error], warnings: [] });
  try {
    if (!(await stat(dataDir)).isDirectory()) return failed({ file: root, path: "", message: "not a directory" });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return failed({ file: root, path: "", message: code === "ENOENT" ? "data directory not found" : `cannot read: ${code ?? String(err)}` });
  }
  let files: DataFiles;
  try {
    files = await readDataFiles(dataDir);
  } catch (err) {
    if (err instanceof DataFileError) return failed(err.error);
    const e = err as NodeJS.ErrnoException;
    return failed({ file: e.path ?? dataDir, path: "", message: `cannot read: ${e.code ?? e.message}` });
  }
  if (files.glossary.length === 0) return failed({ file: `${root}/glossary.yaml`, path: "", message: "missing" });
  if (files.articles.length === 0) return failed({ file: `${root}/articles`, path: "", message: "no articles (*.md)" });
  return parseKnowledgeAsync(files);
}
