// Fast restarts: the start-up load keeps the validated data and its built index in a file
// named by the data's version (the content hash of every data file), and the next start
// that finds the files hashing to the same version assembles its index from that file
// instead of parsing, validating and indexing again (31 s at 10,000 articles). The file is
// trusted only for the version it names: the files are read and hashed on every start, and
// anything that does not match (another version, another format, a file cut short) is
// ignored, and the index rebuilt and written again.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readDataFiles } from "../knowledge/load.ts";
import { hashFiles, parseKnowledgeAsync, type KnowledgeData } from "../knowledge/parse.ts";
import type { DataError } from "../knowledge/report.ts";
import { runStepsSliced } from "../knowledge/steps.ts";
import type { Loaded } from "../knowledge/store.ts";
import { assembleIndex, buildSearchIndexAsync, indexParts, type IndexParts, type SearchIndex } from "../search/search-index.ts";

/** Bumped whenever the layout of the file or of the index parts changes. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = "chokepoint-index";
/** Snapshots kept besides the current one (a rollback's version, say). */
const KEEP = 2;

const TYPED = { Int32Array, Uint32Array, Float64Array, Uint8Array, Uint16Array, Float32Array } as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

export function snapshotFile(dir: string, version: string): string {
  return join(dir, `index-${version}.snapshot`);
}

interface Header {
  magic: string;
  format: number;
  version: string;
  /** Byte lengths of the JSON sections, then the arrays' region, in file order. */
  sections: { data: number; warnings: number; tokens: number; sentences: number; parts: number };
}

/** The snapshot's bytes: a length-prefixed header, four JSON sections, the typed arrays 8-byte aligned. */
export function encodeSnapshot(data: KnowledgeData, warnings: readonly DataError[], index: SearchIndex): Buffer {
  const { parts, tokens, sentences } = indexParts(index, data);
  const arrays: Typed[] = [];
  const partsJson = JSON.stringify(parts, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) {
      arrays.push(value as Typed);
      return { $typed: value.constructor.name, at: arrays.length - 1 };
    }
    return value;
  });
  const { version, articles, facts, terms, examples } = data;
  const sections = [
    JSON.stringify({ version, articles, facts, terms, examples }),
    JSON.stringify(warnings),
    JSON.stringify(tokens),
    JSON.stringify(sentences),
    partsJson,
  ].map((s) => Buffer.from(s, "utf8"));
  const header: Header = {
    magic: MAGIC,
    format: SNAPSHOT_FORMAT,
    version,
    sections: { data: sections[0]!.length, warnings: sections[1]!.length, tokens: sections[2]!.length, sentences: sections[3]!.length, parts: sections[4]!.length },
  };
  const head = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  const chunks: Buffer[] = [length, head, ...sections];
  let size = chunks.reduce((n, c) => n + c.length, 0);
  for (const a of arrays) {
    const pad = (8 - (size % 8)) % 8;
    if (pad) chunks.push(Buffer.alloc(pad));
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const len = Buffer.alloc(8);
    len.writeUInt32LE(a.byteLength);
    chunks.push(len, bytes);
    size += pad + 8 + a.byteLength;
  }
  return Buffer.concat(chunks);
}

interface Decoded {
  data: KnowledgeData;
  warnings: DataError[];
  parts: IndexParts;
  tokens: string[];
  sentences: string[];
}

/** The snapshot's contents, or null when it is not one of this format for `version`. */
export function decodeSnapshot(buf: Buffer, version: string): Decoded | null {
  if (buf.length < 4) return null;
  const headLength = buf.readUInt32LE(0);
  let header: Header;
  try {
    header = JSON.parse(buf.subarray(4, 4 + headLength).toString("utf8")) as Header;
  } catch {
    return null;
  }
  if (header.magic !== MAGIC || header.format !== SNAPSHOT_FORMAT || header.version !== version) return null;
  let at = 4 + headLength;
  const section = (n: number) => {
    const s = buf.subarray(at, at + n).toString("utf8");
    at += n;
    return JSON.parse(s) as unknown;
  };
  const s = header.sections;
  const data = section(s.data) as KnowledgeData;
  const warnings = section(s.warnings) as DataError[];
  const tokens = section(s.tokens) as string[];
  const sentences = section(s.sentences) as string[];
  const partsText = buf.subarray(at, at + s.parts).toString("utf8");
  at += s.parts;
  const arrays: Typed[] = [];
  const refs: Array<{ name: TypedName; at: number }> = [];
  const parts = JSON.parse(partsText, (_key, value: unknown) => {
    const ref = value as { $typed?: TypedName; at?: number } | null;
    if (ref && typeof ref === "object" && typeof ref.$typed === "string") {
      refs.push({ name: ref.$typed, at: ref.at! });
      return ref;
    }
    return value;
  }) as IndexParts;
  // The arrays follow in the order the references were written, which JSON.parse visits alike.
  refs.sort((a, b) => a.at - b.at);
  for (const ref of refs) {
    at += (8 - (at % 8)) % 8;
    if (at + 8 > buf.length) return null;
    const byteLength = buf.readUInt32LE(at);
    at += 8;
    if (at + byteLength > buf.length) return null;
    const Ctor = TYPED[ref.name];
    if (!Ctor) return null;
    // A copy into a buffer of its own: aligned, and transferable like the worker's.
    const copy = (buf.buffer as ArrayBuffer).slice(buf.byteOffset + at, buf.byteOffset + at + byteLength);
    arrays[ref.at] = new Ctor(copy);
    at += byteLength;
  }
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object") {
      const ref = value as { $typed?: string; at?: number };
      if (typeof ref.$typed === "string") return arrays[ref.at!];
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    }
    return value;
  };
  if (data.version !== version) return null;
  return { data, warnings, parts: resolve(parts) as IndexParts, tokens, sentences };
}

export interface SnapshotLoadHooks {
  /** How the start-up load went: from a snapshot, or built (and why). */
  onLoad?: (info: { from: "snapshot" | "built"; version: string | null; ms: number; reason?: string }) => void;
}

/** Writes the snapshot beside the others, atomically, keeping the newest few. */
export async function writeSnapshot(dir: string, data: KnowledgeData, warnings: readonly DataError[], index: SearchIndex): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = snapshotFile(dir, data.version);
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, encodeSnapshot(data, warnings, index), { mode: 0o640 });
  await rename(partial, file);
  const names = (await readdir(dir)).filter((n) => n.startsWith("index-") && n.endsWith(".snapshot") && n !== `index-${data.version}.snapshot`);
  if (names.length > KEEP) {
    const { stat } = await import("node:fs/promises");
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n))).mtimeMs })));
    dated.sort((a, b) => b.t - a.t);
    for (const { n } of dated.slice(KEEP)) await rm(join(dir, n), { force: true });
  }
  return file;
}

/**
 * The start-up load with snapshots in `dir`: the data files are read and hashed; a snapshot
 * of that version is assembled into the index, else the files are parsed and indexed as
 * always and a snapshot written (after the load, without holding it up). Never throws for
 * a bad snapshot: it is rebuilt.
 */
export async function loadWithSnapshot(dataDir: string, dir: string, hooks: SnapshotLoadHooks & { onWritten?: (file: string | Error) => void } = {}): Promise<Loaded<SearchIndex>> {
  const started = performance.now();
  let files;
  try {
    files = await readDataFiles(dataDir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { data: null, errors: [{ file: e.path ?? dataDir, path: "", message: `cannot read: ${e.code ?? e.message}` }], warnings: [] };
  }
  const version = await runStepsSliced(hashFiles(files));
  let reason = "no snapshot of this version";
  try {
    const decoded = decodeSnapshot(await readFile(snapshotFile(dir, version)), version);
    if (decoded) {
      const index = await runStepsSliced(assembleIndex(decoded.data, decoded.parts, decoded.tokens, decoded.sentences));
      hooks.onLoad?.({ from: "snapshot", version, ms: Math.round(performance.now() - started) });
      return { data: decoded.data, errors: [], warnings: decoded.warnings, index };
    }
    reason = "the snapshot is of another format or version";
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") reason = `the snapshot could not be used: ${(err as Error).message}`;
  }
  if (files.glossary.length === 0 || files.articles.length === 0) {
    // The loader's own messages for an incomplete data directory.
    const { loadKnowledge } = await import("../knowledge/load.ts");
    return loadKnowledge(dataDir);
  }
  const parsed = await parseKnowledgeAsync(files);
  if (!parsed.data) return parsed;
  const data = parsed.data;
  const index = await buildSearchIndexAsync(data);
  hooks.onLoad?.({ from: "built", version, ms: Math.round(performance.now() - started), reason });
  setImmediate(() => {
    writeSnapshot(dir, data, parsed.warnings, index).then(
      (file) => hooks.onWritten?.(file),
      (err: unknown) => hooks.onWritten?.(err instanceof Error ? err : new Error(String(err))),
    );
  });
  return { ...parsed, index };
}
