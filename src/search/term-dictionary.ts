// The term dictionary: token ↔ term id, and document frequencies read by token over it.

/** Shards of the term dictionary: no single Map grows big enough for a long rehash. */
const DICTIONARY_SHARDS = 64;

/**
 * Token → term id, ids given in order of first appearance. Sharded: one Map of two million
 * tokens doubles in one go for a tenth of a second, which would stall the event loop.
 */
export class TermDictionary {
  private readonly shards = Array.from({ length: DICTIONARY_SHARDS }, () => new Map<string, number>());
  private readonly tokens: string[] = [];

  private shard(token: string): Map<string, number> {
    const h = token.charCodeAt(0) * 31 + token.charCodeAt(token.length >> 1) * 7 + token.charCodeAt(token.length - 1) + token.length;
    return this.shards[h & (DICTIONARY_SHARDS - 1)]!;
  }

  get size(): number {
    return this.tokens.length;
  }

  get(token: string): number | undefined {
    return this.shard(token).get(token);
  }

  /** The token's id, a new one when it is new. */
  idOf(token: string): number {
    const shard = this.shard(token);
    let id = shard.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      shard.set(token, id);
      this.tokens.push(token);
    }
    return id;
  }

  tokenOf(id: number): string | undefined {
    return this.tokens[id];
  }
}

/** Document frequencies by token, over the term dictionary: a read-only Map. */
export class TokenCounts implements ReadonlyMap<string, number> {
  constructor(
    private readonly ids: TermDictionary,
    private readonly counts: Int32Array,
  ) {}
  get size(): number {
    return this.ids.size;
  }
  get(token: string): number | undefined {
    const id = this.ids.get(token);
    return id === undefined ? undefined : this.counts[id];
  }
  has(token: string): boolean {
    return this.ids.get(token) !== undefined;
  }
  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  *entries(): MapIterator<[string, number]> {
    for (let id = 0; id < this.ids.size; id++) yield [this.ids.tokenOf(id)!, this.counts[id]!];
  }
  *keys(): MapIterator<string> {
    for (let id = 0; id < this.ids.size; id++) yield this.ids.tokenOf(id)!;
  }
  *values(): MapIterator<number> {
    for (let id = 0; id < this.ids.size; id++) yield this.counts[id]!;
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}
