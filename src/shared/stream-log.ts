// A record log shared by the replicas: a Redis stream, trimmed to about `maxEntries` (XADD
// MAXLEN ~), one JSON entry per stream entry. The admin, refusal and feedback logs use it
// when REDIS_URL is set, so `/kb gaps` on any replica reads what every replica recorded.
import type { RedisConnection } from "./redis.ts";

/** A record the reader could not parse: its file (or stream) and its line (or position), from 1. */
export interface UnreadableRecord {
  file: string;
  line: number;
}

export interface LogRead<T> {
  /** Every entry kept that parses, oldest first. */
  entries: T[];
  unreadable: UnreadableRecord[];
}

/** What the recorders need of a log; the JSON-lines file (bots/shared/jsonl-log.ts) is one too. */
export interface RecordLog<T> {
  append(entry: T): Promise<void>;
  /** Every entry kept, oldest first, and where the records that did not parse are. */
  read(): Promise<LogRead<T>>;
  /** Every entry kept, oldest first. */
  readAll(): Promise<T[]>;
}

export interface StreamLogOptions {
  redis: RedisConnection;
  /** The stream's key, e.g. "chokepoint:log:refusals". */
  key: string;
  /** Entries kept, about. Default 100,000. */
  maxEntries?: number;
}

/** Entries read per XRANGE call. */
const PAGE = 1_000;

export function createStreamLog<T>(options: StreamLogOptions): RecordLog<T> {
  const { key } = options;
  const maxEntries = options.maxEntries ?? 100_000;
  const client = options.redis.client;
  const read = async (): Promise<LogRead<T>> => {
    const out: T[] = [];
    const unreadable: UnreadableRecord[] = [];
    let position = 0;
    let from = "-";
    for (;;) {
      let page: Array<[id: string, fields: string[]]>;
      try {
        page = await client.xrange(key, from, "+", "COUNT", PAGE);
      } catch (err) {
        throw new Error(`state: redis stream ${key}: could not read: ${(err as Error).message}`, { cause: err });
      }
      for (const [, fields] of page) {
        position += 1;
        const at = fields.indexOf("json");
        try {
          if (at < 0 || at + 1 >= fields.length) throw new Error("no json field");
          out.push(JSON.parse(fields[at + 1]!) as T);
        } catch {
          // An entry written by something else: skipped, and reported.
          unreadable.push({ file: key, line: position });
        }
      }
      if (page.length < PAGE) return { entries: out, unreadable };
      from = `(${page[page.length - 1]![0]}`;
    }
  };
  return {
    async append(entry) {
      try {
        await client.xadd(key, "MAXLEN", "~", maxEntries, "*", "json", JSON.stringify(entry));
      } catch (err) {
        throw new Error(`state: redis stream ${key}: could not write: ${(err as Error).message}`, { cause: err });
      }
    },
    read,
    readAll: async () => (await read()).entries,
  };
}
