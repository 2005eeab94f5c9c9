// The articles, facts, sentences and tokens of an index snapshot in binary form. Read as JSON
// they took 8–10 s at 10,000 articles (300 MB of it, most of the time in decoding UTF-8 of
// Korean text). Here every distinct string is kept once, in one of two tables: Latin-1 text
// (ids, English) as one byte a character, the rest as UTF-16, the forms a JavaScript string
// has in memory; a table is read with one decode a chunk, and its strings are slices of that.
// Facts are columns of string numbers; articles are JSON but for their bodies.
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { Article, Fact } from "../knowledge/schema.ts";

/** Characters a chunk of a string table holds at most (well under V8's longest string). */
const CHUNK_CHARS = 1 << 26;
/** No string: a fact without a date or an English claim. */
const NONE = -1;

/** The keys a fact has, in order: a fact with any other shape cannot be written. */
const FACT_KEYS = "id,date,approximate,claim,entities,quote,status,key,questions,article,file";
const STATUS = ["curated", "candidate"] as const;

/** Typed arrays and JSON that make up the encoded data (index-snapshot.ts lays them out in the file). */
export interface EncodedData {
  json: {
    articles: Array<Omit<Article, "body"> & { body: number }>;
    /** Strings in each chunk of the Latin-1 and the UTF-16 table. */
    chunks: { latin: number[]; wide: number[] };
  };
  arrays: {
    /** 1 for a string of the UTF-16 table, by string number. */
    wide: Uint8Array;
    /** Where each string ends in its chunk, in characters. */
    ends: Uint32Array;
    latin: Uint8Array[];
    utf16: Uint8Array[];
    /** Fact columns. */
    factStrings: Int32Array;
    factFlags: Uint8Array;
    entityStarts: Uint32Array;
    entities: Int32Array;
    questionStarts: Uint32Array;
    questions: Int32Array;
    sentences: Int32Array;
    tokens: Int32Array;
  };
}

/** Strings of a fact, in this order, FACT_STRINGS a fact. */
const FACT_STRINGS = 7; // id, date, claim.ko, claim.en, quote, article, file

class StringTable {
  private readonly ids = new Map<string, number>();
  readonly all: string[] = [];
  ref(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.all.length;
      this.ids.set(s, id);
      this.all.push(s);
    }
    return id;
  }
}

/** One of the tables' chunks: the strings' text joined, and where each ends. */
function packTable(strings: readonly string[], encoding: "latin1" | "utf16le", ends: Uint32Array, ids: readonly number[]) {
  const chunks: Uint8Array[] = [];
  const counts: number[] = [];
  let parts: string[] = [];
  let chars = 0;
  const flush = () => {
    if (parts.length === 0) return;
    // A plain view: JSON.stringify would turn a Buffer into its toJSON() form.
    const bytes = Buffer.from(parts.join(""), encoding);
    chunks.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    counts.push(parts.length);
    parts = [];
    chars = 0;
  };
  for (let k = 0; k < strings.length; k++) {
    const s = strings[k]!;
    if (chars + s.length > CHUNK_CHARS) flush();
    parts.push(s);
    chars += s.length;
    ends[ids[k]!] = chars;
  }
  flush();
  return { chunks, counts };
}

export function encodeData(data: KnowledgeData, sentences: readonly string[], tokens: readonly string[]): EncodedData {
  const table = new StringTable();
  const n = data.facts.length;
  const factStrings = new Int32Array(n * FACT_STRINGS);
  const factFlags = new Uint8Array(n);
  const entityStarts = new Uint32Array(n + 1);
  const questionStarts = new Uint32Array(2 * n + 1);
  const entities: number[] = [];
  const questions: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = data.facts[i]!;
    const keys = Object.keys(f).join(",");
    if (keys !== FACT_KEYS || Object.keys(f.claim).some((k) => k !== "ko" && k !== "en")) {
      throw new Error(`index-snapshot: fact "${f.id}" has the keys ${keys}, not the ${FACT_KEYS} a snapshot can keep`);
    }
    const at = i * FACT_STRINGS;
    factStrings[at] = table.ref(f.id);
    factStrings[at + 1] = f.date === null ? NONE : table.ref(f.date);
    factStrings[at + 2] = table.ref(f.claim.ko);
    factStrings[at + 3] = f.claim.en === undefined ? NONE : table.ref(f.claim.en);
    factStrings[at + 4] = table.ref(f.quote);
    factStrings[at + 5] = table.ref(f.article);
    factStrings[at + 6] = table.ref(f.file);
    factFlags[i] = (f.approximate ? 1 : 0) | (f.key ? 2 : 0) | (f.status === "candidate" ? 4 : 0);
    for (const e of f.entities) entities.push(table.ref(e));
    entityStarts[i + 1] = entities.length;
    for (const q of f.questions.ko) questions.push(table.ref(q));
    questionStarts[2 * i + 1] = questions.length;
    for (const q of f.questions.en) questions.push(table.ref(q));
    questionStarts[2 * i + 2] = questions.length;
  }
  const articles = data.articles.map((a) => ({ ...a, body: table.ref(a.body) }));
  const sentenceRefs = Int32Array.from(sentences, (s) => table.ref(s));
  const tokenRefs = Int32Array.from(tokens, (s) => table.ref(s));

  const all = table.all;
  const wide = new Uint8Array(all.length);
  const latinStrings: string[] = [];
  const latinIds: number[] = [];
  const wideStrings: string[] = [];
  const wideIds: number[] = [];
  for (let id = 0; id < all.length; id++) {
    const s = all[id]!;
    // Latin-1 when every character fits a byte, as V8 would keep it.
    if (/^[\x00-\xff]*$/u.test(s)) {
      latinStrings.push(s);
      latinIds.push(id);
    } else {
      wide[id] = 1;
      wideStrings.push(s);
      wideIds.push(id);
    }
  }
  const ends = new Uint32Array(all.length);
  const latin = packTable(latinStrings, "latin1", ends, latinIds);
  const utf16 = packTable(wideStrings, "utf16le", ends, wideIds);
  return {
    json: { articles, chunks: { latin: latin.counts, wide: utf16.counts } },
    arrays: {
      wide,
      ends,
      latin: latin.chunks,
      utf16: utf16.chunks,
      factStrings,
      factFlags,
      entityStarts,
      entities: Int32Array.from(entities),
      questionStarts,
      questions: Int32Array.from(questions),
      sentences: sentenceRefs,
      tokens: tokenRefs,
    },
  };
}

/** Thrown for encoded data that does not hold together (the file's checksum is checked first). */
class DamagedData extends Error {}

/** Every string of the tables, by number. */
function decodeStrings(encoded: EncodedData): string[] {
  const { wide, ends, latin, utf16 } = encoded.arrays;
  const { chunks } = encoded.json;
  const out = new Array<string>(wide.length);
  const cursor = (blobs: Uint8Array[], counts: number[], encoding: "latin1" | "utf16le") => ({ blobs, counts, encoding, chunk: -1, left: 0, text: "", pos: 0 });
  const cursors = [cursor(latin, chunks.latin, "latin1"), cursor(utf16, chunks.wide, "utf16le")];
  for (let id = 0; id < wide.length; id++) {
    const c = cursors[wide[id]!]!;
    while (c.left === 0) {
      c.chunk += 1;
      const blob = c.blobs[c.chunk];
      if (!blob) throw new DamagedData(`string ${id} lies past the last chunk`);
      c.text = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString(c.encoding);
      c.left = c.counts[c.chunk]!;
      c.pos = 0;
    }
    const end = ends[id]!;
    if (end < c.pos || end > c.text.length) throw new DamagedData(`string ${id} ends at ${end}, outside its chunk`);
    out[id] = c.text.slice(c.pos, end);
    c.pos = end;
    c.left -= 1;
  }
  return out;
}

export function decodeData(encoded: EncodedData, version: string, rest: Pick<KnowledgeData, "terms" | "examples">): { data: KnowledgeData; sentences: string[]; tokens: string[] } {
  const strings = decodeStrings(encoded);
  const str = (ref: number): string => {
    const s = strings[ref];
    if (s === undefined) throw new DamagedData(`no string ${ref}`);
    return s;
  };
  const { factStrings, factFlags, entityStarts, entities, questionStarts, questions } = encoded.arrays;
  const n = factFlags.length;
  if (factStrings.length !== n * FACT_STRINGS || entityStarts.length !== n + 1 || questionStarts.length !== 2 * n + 1) throw new DamagedData("fact columns of different lengths");
  const list = (items: Int32Array, from: number, to: number): string[] => {
    const out = new Array<string>(to - from);
    for (let k = from; k < to; k++) out[k - from] = str(items[k]!);
    return out;
  };
  const facts = new Array<Fact>(n);
  for (let i = 0; i < n; i++) {
    const at = i * FACT_STRINGS;
    const flags = factFlags[i]!;
    const date = factStrings[at + 1]!;
    const en = factStrings[at + 3]!;
    // The keys in the parser's order, so that a fact from a snapshot is the fact it wrote.
    facts[i] = {
      id: str(factStrings[at]!),
      date: date === NONE ? null : str(date),
      approximate: (flags & 1) !== 0,
      claim: en === NONE ? { ko: str(factStrings[at + 2]!) } : { ko: str(factStrings[at + 2]!), en: str(en) },
      entities: list(entities, entityStarts[i]!, entityStarts[i + 1]!),
      quote: str(factStrings[at + 4]!),
      status: STATUS[(flags >> 2) & 1]!,
      key: (flags & 2) !== 0,
      questions: { ko: list(questions, questionStarts[2 * i]!, questionStarts[2 * i + 1]!), en: list(questions, questionStarts[2 * i + 1]!, questionStarts[2 * i + 2]!) },
      article: str(factStrings[at + 5]!),
      file: str(factStrings[at + 6]!),
    };
  }
  const articles: Article[] = encoded.json.articles.map((a) => ({ ...a, body: str(a.body) }));
  const sentences = Array.from(encoded.arrays.sentences, str);
  const tokens = Array.from(encoded.arrays.tokens, str);
  return { data: { version, articles, facts, terms: rest.terms, examples: rest.examples }, sentences, tokens };
}
