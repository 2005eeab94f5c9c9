// The only module of the knowledge layer that touches the file system: it reads the data
// directory and hands the contents to the pure parser.
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { DataError } from "./report.ts";
import { parseKnowledgeAsync, type DataFile, type DataFiles, type ParseResult } from "./parse.ts";

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

async function readAll(dir: string, shown: string, names: string[]): Promise<DataFile[]> {
  const out: DataFile[] = [];
  for (let from = 0; from < names.length; from += READ_AT_ONCE) {
    const batch = names.slice(from, from + READ_AT_ONCE);
    out.push(...(await Promise.all(batch.map(async (name) => ({ path: `${shown}/${name}`, content: await readFile(join(dir, name), "utf8") })))));
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

/** Loads and validates the data directory. Never throws for bad data; I/O errors are reported too. */
export async function loadKnowledge(dataDir: string): Promise<ParseResult> {
  let files: DataFiles;
  try {
    files = await readDataFiles(dataDir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const error: DataError = { file: e.path ?? dataDir, path: "", message: `cannot read: ${e.code ?? e.message}` };
    return { data: null, errors: [error], warnings: [] };
  }
  if (files.glossary.length === 0) {
    return { data: null, errors: [{ file: `${basename(dataDir)}/glossary.yaml`, path: "", message: "missing" }], warnings: [] };
  }
  if (files.articles.length === 0) {
    return { data: null, errors: [{ file: `${basename(dataDir)}/articles`, path: "", message: "no articles (*.md)" }], warnings: [] };
  }
  return parseKnowledgeAsync(files);
}
