// Fast restarts: the start-up load keeps the validated data and its built index in a file
// named by the data's version (the content hash of every data file), and the next start
// that finds the files hashing to the same version assembles its index from that file
// instead of parsing, validating and indexing again (31 s at 10,000 articles). The file is
// trusted only for the version it names: the files are read and hashed on every start, and
// anything that does not match (another version, another format, a file cut short or
// changed, which its CRC-32 shows) is ignored, and the index rebuilt and written again.
//
// The quotes are not checked again against the articles when a snapshot is used, and need
// not be: a snapshot is written only of data that loaded, every quote found in its article,
// and is used only for files whose content hash (SHA-256 of every file's path and bytes) is
// the version it was written for, so the same files would load to the same checked data; the
// CRC-32 shows that the data read back is the data written.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { crc32 } from "node:zlib";
import { keySteps, rememberKeys, type VersionKeys } from "../knowledge/changes.ts";
import { readDataFiles } from "../knowledge/load.ts";
import { workerEntry } from "./worker-entry.ts";
import { parseKnowledgeAsync, type KnowledgeData } from "../knowledge/parse.ts";
import type { DataError } from "../knowledge/report.ts";
import { runSteps, runStepsSliced } from "../knowledge/steps.ts";
import type { Loaded } from "../knowledge/store.ts";
import { decodeData, encodeData, type EncodedData } from "./snapshot-data.ts";
import { assembleIndex, buildSearchIndexAsync, indexParts, type IndexParts, type SearchIndex } from "../search/search-index.ts";

/**
 * Bumped whenever the layout of the file or of the index parts changes, and whenever the
 * tokens indexed for the same data change (4: example questions' bigrams that the fact's
 * own fields hold are left out).
 */
export const SNAPSHOT_FORMAT = 4;
const MAGIC = "chokepoint-index";
/** Snapshots kept besides the current one (a rollback's version, say). */
const KEEP = 2;

const TYPED = { Int32Array, Uint32Array, Float64Array, Uint8Array, Uint16Array, Float32Array } as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;
/** A typed array in the JSON sections: where its bytes lie, from the start of the arrays' region. */
interface TypedRef {
  $typed: TypedName;
  offset: number;
  bytes: number;
}

export function snapshotFile(dir: string, version: string): string {
  return join(dir, `index-${version}.snapshot`);
}

interface Header {
  magic: string;
  format: number;
  version: string;
  /** CRC-32 of every byte after the header: a file damaged or cut short is not read. */
  crc32: number;
  /** Byte lengths of the JSON sections, then of the arrays' region, in file order. */
  sections: { parts: number; rest: number; arrays: number };
}

/**
 * The snapshot's bytes: a length-prefixed header, two JSON sections (the index parts; the
 * rest), then the typed arrays, 8-byte aligned. The articles, facts, sentences and tokens are
 * in binary form (snapshot-data.ts): read as JSON they were most of a start's time.
 */
export function encodeSnapshot(data: KnowledgeData, warnings: readonly DataError[], index: SearchIndex): Buffer {
  const { parts, tokens, sentences } = indexParts(index, data);
  const arrays: Typed[] = [];
  let arrayBytes = 0;
  const replacer = (_key: string, value: unknown) => {
    if (!ArrayBuffer.isView(value)) return value;
    const a = value as Typed;
    arrayBytes += (8 - (arrayBytes % 8)) % 8;
    const ref: TypedRef = { $typed: a.constructor.name as TypedName, offset: arrayBytes, bytes: a.byteLength };
    arrays.push(a);
    arrayBytes += a.byteLength;
    return ref;
  };
  const encoded = encodeData(data, sentences, tokens);
  const { terms, examples } = data;
  const partsJson = Buffer.from(JSON.stringify(parts, replacer), "utf8");
  // The keys a reload compares this version by (knowledge/changes.ts): computed at start-up
  // they took 3 s at 10,000 articles, a JSON and a hash of every article and fact.
  const keys = runSteps(keySteps(data));
  const restJson = Buffer.from(JSON.stringify({ warnings, terms, examples, keys, data: encoded.json, arrays: encoded.arrays }, replacer), "utf8");
  const region = Buffer.alloc(arrayBytes);
  let at = 0;
  for (const a of arrays) {
    at += (8 - (at % 8)) % 8;
    region.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  // The region starts 8-aligned in the file too, so that its arrays can be read in place.
  const lead = 4;
  const headerOf = (crc: number, pad: number) =>
    JSON.stringify({ magic: MAGIC, format: SNAPSHOT_FORMAT, version: data.version, crc32: crc, sections: { parts: partsJson.length, rest: restJson.length + pad, arrays: arrayBytes } } satisfies Header);
  // The header's length does not depend on the CRC's digits once padded to ten.
  const draft = Buffer.byteLength(headerOf(4_294_967_295, 0));
  const pad = (8 - ((lead + draft + partsJson.length + restJson.length) % 8)) % 8;
  const body = Buffer.concat([partsJson, restJson, Buffer.alloc(pad, 0x20), region]);
  const head = Buffer.from(headerOf(crc32(body), pad).padEnd(draft, " "), "utf8");
  const length = Buffer.alloc(lead);
  length.writeUInt32LE(head.length);
  return Buffer.concat([length, head, body]);
}

interface Decoded {
  data: KnowledgeData;
  warnings: DataError[];
  parts: IndexParts;
  tokens: string[];
  sentences: string[];
}

/** The snapshot's contents, or null when it is not one of this format for `version`, or damaged. */
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
  const s = header.sections;
  const from = 4 + headLength;
  if (buf.length !== from + s.parts + s.rest + s.arrays || crc32(buf.subarray(from)) !== header.crc32) return null;
  const region = from + s.parts + s.rest;
  if ((buf.byteOffset + region) % 8 !== 0) return null;
  const parse = (at: number, n: number, copy: boolean) =>
    JSON.parse(buf.subarray(at, at + n).toString("utf8"), (_key, value: unknown) => {
      const ref = value as Partial<TypedRef> | null;
      if (!ref || typeof ref !== "object" || typeof ref.$typed !== "string") return value;
      const Ctor = TYPED[ref.$typed];
      const start = buf.byteOffset + region + ref.offset!;
      if (!Ctor || ref.offset! + ref.bytes! > s.arrays) throw new Error("an array past the end");
      // The index's arrays get buffers of their own (transferable like the worker's, and not
      // holding the file's bytes alive); the data's are read in place, once.
      const file = buf.buffer as ArrayBuffer;
      const bytes = copy ? file.slice(start, start + ref.bytes!) : file;
      return copy ? new Ctor(bytes) : new Ctor(bytes, start, ref.bytes! / Ctor.BYTES_PER_ELEMENT);
    }) as unknown;
  const parts = parse(from, s.parts, true) as IndexParts;
  const rest = parse(from + s.parts, s.rest, false) as { warnings: DataError[]; terms: KnowledgeData["terms"]; examples: KnowledgeData["examples"]; keys: VersionKeys; data: EncodedData["json"]; arrays: EncodedData["arrays"] };
  const { data, sentences, tokens } = decodeData({ json: rest.data, arrays: rest.arrays }, version, rest);
  // Copied out of the file's bytes, which are not kept once read.
  const own = (k: VersionKeys["articles"]) => ({ ids: k.ids, fingerprints: k.fingerprints.slice() });
  const keys = { articles: own(rest.keys.articles), facts: own(rest.keys.facts) };
  if (keys.articles.fingerprints.length !== data.articles.length || keys.facts.fingerprints.length !== data.facts.length) return null;
  rememberKeys(data, keys);
  return { data, warnings: rest.warnings, parts, tokens, sentences };
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
  const others = (await snapshotsByAge(dir)).filter((v) => v !== data.version);
  for (const v of others.slice(KEEP)) await rm(snapshotFile(dir, v), { force: true });
  return file;
}

/** The versions of the snapshots in `dir`, the one written last first; none when there is no directory. */
async function snapshotsByAge(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const versions = names.filter((n) => n.startsWith("index-") && n.endsWith(".snapshot")).map((n) => n.slice("index-".length, -".snapshot".length));
  if (versions.length <= 1) return versions;
  const dated = await Promise.all(versions.map(async (v) => ({ v, t: (await stat(snapshotFile(dir, v)).catch(() => null))?.mtimeMs ?? 0 })));
  return dated.sort((a, b) => b.t - a.t).map((d) => d.v);
}

interface Assembled {
  version: string;
  loaded: Loaded<SearchIndex> | null;
  /** Why there is none. */
  reason: string;
}

/** The data and index kept in the snapshot of `version`, or why there are none. */
async function assembleSnapshot(dir: string, version: string): Promise<Assembled> {
  try {
    const decoded = decodeSnapshot(await readFile(snapshotFile(dir, version)), version);
    if (!decoded) return { version, loaded: null, reason: "the snapshot is of another format or version, or damaged" };
    const index = await runStepsSliced(assembleIndex(decoded.data, decoded.parts, decoded.tokens, decoded.sentences));
    return { version, loaded: { data: decoded.data, errors: [], warnings: decoded.warnings, index }, reason: "" };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { version, loaded: null, reason: code === "ENOENT" ? "no snapshot of this version" : `the snapshot could not be used: ${(err as Error).message}` };
  }
}

/** The data directory's version, hashed on a thread of its own (hash-worker.ts). */
function hashOffThread(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // execArgv: run from source, the worker registers its own TypeScript loader (hash-worker.mjs).
    const worker = new Worker(workerEntry("hash-worker", import.meta.url), { workerData: { dataDir }, execArgv: [] });
    worker.once("message", (m: { version?: string; error?: string }) => {
      void worker.terminate();
      if (m.version !== undefined) resolve(m.version);
      else reject(new Error(`engine: cannot hash ${dataDir}: ${m.error}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`engine: the hashing thread exited with code ${code}`)));
  });
}

/**
 * The start-up load with snapshots in `dir`: the data files are read and hashed; a snapshot
 * of that version is assembled into the index, else the files are parsed and indexed as
 * always and a snapshot written (after the load, without holding it up). Never throws for
 * a bad snapshot: it is rebuilt.
 */
export async function loadWithSnapshot(dataDir: string, dir: string, hooks: SnapshotLoadHooks & { onWritten?: (file: string | Error) => void } = {}): Promise<Loaded<SearchIndex>> {
  const started = performance.now();
  let reason = "no snapshot of this version";
  // The files are hashed on a thread of their own while the newest snapshot, the one they
  // most likely hash to, is read and assembled here; it is served only if they do. A
  // directory that cannot be hashed (unreadable, a file too large) is loaded as always,
  // which says why.
  const hashing = hashOffThread(dataDir).catch(() => null);
  const expected = (await snapshotsByAge(dir))[0] ?? null;
  const early = expected === null ? null : await assembleSnapshot(dir, expected);
  const version = await hashing;
  if (version !== null) {
    const got = early?.version === version ? early : await assembleSnapshot(dir, version);
    if (got.loaded) {
      hooks.onLoad?.({ from: "snapshot", version, ms: Math.round(performance.now() - started) });
      return got.loaded;
    }
    reason = got.reason;
  }
  let files;
  try {
    files = await readDataFiles(dataDir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { data: null, errors: [{ file: e.path ?? dataDir, path: "", message: `cannot read: ${e.code ?? e.message}` }], warnings: [] };
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
  hooks.onLoad?.({ from: "built", version: data.version, ms: Math.round(performance.now() - started), reason });
  setImmediate(() => {
    writeSnapshot(dir, data, parsed.warnings, index).then(
      (file) => hooks.onWritten?.(file),
      (err: unknown) => hooks.onWritten?.(err instanceof Error ? err : new Error(String(err))),
    );
  });
  return { ...parsed, index };
}
