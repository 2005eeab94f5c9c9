import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffData, diffDataSliced, keySteps, rememberKeys } from "../../src/knowledge/changes.ts";
import { parseKnowledge, type KnowledgeData } from "../../src/knowledge/parse.ts";
import type { Fact } from "../../src/knowledge/schema.ts";
import { runSteps } from "../../src/knowledge/steps.ts";
import { files } from "./fixtures.ts";

const base = parseKnowledge(files()).data!;

/** The comparison as it was first written: every item's JSON (without its file), by id. */
function naive(before: readonly Fact[], after: readonly Fact[]) {
  const key = (f: Fact) => JSON.stringify({ ...f, file: undefined });
  const was = new Map(before.map((f) => [f.id, key(f)]));
  const is = new Map(after.map((f) => [f.id, key(f)]));
  const sorted = (ids: string[]) => ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    added: sorted([...is.keys()].filter((id) => !was.has(id))),
    removed: sorted([...was.keys()].filter((id) => !is.has(id))),
    changed: sorted([...is].filter(([id, k]) => was.has(id) && was.get(id) !== k).map(([id]) => id)),
  };
}

const fact = base.facts[0]!;
const version = (facts: Fact[], tag: string): KnowledgeData => ({ ...base, version: tag, facts });

describe("diffData", () => {
  it("names the facts added, removed and changed, in id order, as a comparison of their JSON would", () => {
    const item = fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,4}(-[a-z0-9]{1,3})?$/), text: fc.constantFrom("a", "b", "c") });
    const list = fc.uniqueArray(item, { selector: (x) => x.id, maxLength: 60 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const toFacts = (xs: typeof a) => xs.map((x) => ({ ...fact, id: x.id, quote: x.text }));
        const before = toFacts(a);
        const after = toFacts(b);
        const got = diffData(version(before, "1"), version(after, "2")).facts;
        expect(got).toEqual(naive(before, after));
      }),
      { numRuns: 300 },
    );
  });

  it("does not count a fact moved to another file as changed", () => {
    const moved = version([{ ...fact, file: "data/facts/elsewhere.yaml" }], "2");
    expect(diffData(version([fact], "1"), moved).facts).toEqual({ added: [], removed: [], changed: [] });
  });

  it("compares with the null version as all added, or all removed, and skips versions with the same hash", async () => {
    const ids = [...base.facts.map((f) => f.id)].sort();
    expect(diffData(null, base).facts.added).toEqual(ids);
    expect((await diffDataSliced(base, null)).facts.removed).toEqual(ids);
    const edited = version(base.facts.map((f) => ({ ...f, quote: `${f.quote}!` })), base.version);
    expect(diffData(base, edited).facts.changed).toEqual([]);
  });

  it("uses keys computed elsewhere for the data they were remembered with", () => {
    const after = version([{ ...fact, quote: "changed" }], "2");
    const copy = structuredClone(after);
    rememberKeys(copy, structuredClone(runSteps(keySteps(after))));
    expect(diffData(version([fact], "1"), copy).facts.changed).toEqual([fact.id]);
    // Keys that say otherwise win: the data itself is not read again.
    const liar = structuredClone(after);
    rememberKeys(liar, runSteps(keySteps(version([fact], "1"))));
    expect(diffData(version([fact], "1"), liar).facts.changed).toEqual([]);
  });
});
