import { describe, expect, it } from "vitest";
import { parseKnowledge, type KnowledgeData, type ParseResult } from "../../src/knowledge/parse.ts";
import { createKnowledgeStore, KnowledgeLoadError } from "../../src/knowledge/store.ts";
import { FACTS, files } from "./fixtures.ts";

const good = () => parseKnowledge(files());
const changed = () =>
  parseKnowledge(
    files({
      facts: FACTS.replace("en: The US government approved H20 exports.", "en: Washington approved H20 exports.").replace(
        /  - id: chip-deal-02[\s\S]*$/u,
        "",
      ),
    }),
  );
const broken = () => parseKnowledge(files({ facts: FACTS.replace("article: chip-deal", "article: ghost") }));

/** A store whose next load result the test chooses, with an index that records its data. */
async function storeWith(first: () => ParseResult) {
  let next = first;
  const store = await createKnowledgeStore<{ data: KnowledgeData }>({
    load: async () => next(),
    build: (data) => ({ data }),
  });
  return { store, setNext: (f: () => ParseResult) => (next = f) };
}

describe("createKnowledgeStore", () => {
  it("refuses to start on data with errors, naming each", async () => {
    await expect(storeWith(broken)).rejects.toThrow(KnowledgeLoadError);
    await expect(storeWith(broken)).rejects.toThrow('article: unknown article id "ghost"');
  });

  it("swaps in a new snapshot and reports what changed", async () => {
    const { store, setNext } = await storeWith(good);
    const before = store.current();
    setNext(changed);
    const report = await store.reload("U-admin");
    expect(report.ok).toBe(true);
    expect(report.actor).toBe("U-admin");
    expect(report.facts).toEqual({ added: [], removed: ["chip-deal-02"], changed: ["chip-deal-01"] });
    expect(report.articles).toEqual({ added: [], removed: [], changed: [] });
    expect(report.counts).toEqual({ articles: 1, facts: 1, terms: 3 });
    expect(report.previousVersion).toBe(before.data.version);
    expect(store.current()).not.toBe(before);
    expect(store.status()).toMatchObject({ version: report.version, loadedBy: "U-admin" });
  });

  it("keeps serving the current snapshot when the new data has errors", async () => {
    const { store, setNext } = await storeWith(good);
    const before = store.current();
    setNext(broken);
    const report = await store.reload("U-admin");
    expect(report.ok).toBe(false);
    expect(report.version).toBe(before.data.version);
    expect(report.errors[0]?.message).toBe('unknown article id "ghost"');
    expect(store.current()).toBe(before);
  });

  it("lets a question in flight finish on the snapshot it started with", async () => {
    const { store, setNext } = await storeWith(good);
    const held = store.current();
    setNext(changed);
    await store.reload("admin");
    expect(held.data.facts).toHaveLength(2);
    expect(store.current().data.facts).toHaveLength(1);
  });

  it("serializes concurrent reloads", async () => {
    let running = 0;
    let maxRunning = 0;
    const store = await createKnowledgeStore({
      load: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return good();
      },
      build: (data) => data,
    });
    const reports = await Promise.all([store.reload("a"), store.reload("b"), store.reload("c")]);
    expect(maxRunning).toBe(1);
    expect(reports.map((r) => r.actor)).toEqual(["a", "b", "c"]);
  });

  it("rolls back to the previous snapshot, and refuses when there is none", async () => {
    const { store, setNext } = await storeWith(good);
    const first = store.current().data.version;
    expect((await store.rollback("admin")).ok).toBe(false);
    setNext(changed);
    await store.reload("admin");
    const back = await store.rollback("admin");
    expect(back.ok).toBe(true);
    expect(store.current().data.version).toBe(first);
    expect(back.facts.added).toEqual(["chip-deal-02"]);
  });
});
