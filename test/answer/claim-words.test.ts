import { describe, expect, it } from "vitest";
import { claimWords } from "../../src/answer/claim-words.ts";
import { contentWords } from "../../src/search/analysis.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const { data, index } = engine.store.current();

describe("claim words", () => {
  it("are the content words of each claim, the Korean one unspaced and the English one lower-cased", () => {
    const f = data.facts.find((x) => x.claim.en)!;
    const w = claimWords(f, index);
    expect([...w.ko]).toEqual([...contentWords(f.claim.ko)]);
    expect([...w.en!]).toEqual([...contentWords(f.claim.en!)]);
    expect(w.koUnspaced).toBe(f.claim.ko.replace(/\s+/gu, ""));
    expect(w.enLower).toBe(f.claim.en!.toLowerCase());
  });

  it("hold, together, the content words of the claims and the quote read as one text, for every fact", () => {
    const sorted = (s: ReadonlySet<string>) => [...s].sort();
    for (const f of data.facts) {
      expect(sorted(claimWords(f, index).text), f.id).toEqual(sorted(contentWords(`${f.claim.en ?? ""} ${f.claim.ko} ${f.quote}`)));
    }
  });

  it("are read once per fact and index, and afresh for another index", () => {
    const f = data.facts[0]!;
    expect(claimWords(f, index)).toBe(claimWords(f, index));
    const other = buildSearchIndex(data);
    expect(claimWords(f, other)).not.toBe(claimWords(f, index));
    const read = (w: ReturnType<typeof claimWords>) => [w.ko, w.en, w.koUnspaced, w.enLower, w.text, w.wideEntities];
    expect(read(claimWords(f, other))).toEqual(read(claimWords(f, index)));
  });

  it("take an entity that is part of another (a ministry, an administration) for that other", () => {
    const part = [...index.glossary.terms.values()].find((t) => t.partOf)!;
    expect(part).toBeDefined();
    const f = { ...data.facts[0]!, entities: [part.id, "nvidia"] };
    expect([...claimWords(f, index).wideEntities]).toEqual([part.partOf, "nvidia"]);
  });

  it("are null in English for a fact without an English claim", () => {
    const f = { ...data.facts[0]!, claim: { ko: "엔비디아가 H20 판매를 재개했다", en: undefined } };
    expect(claimWords(f, index).en).toBeNull();
    expect(claimWords(f, index).enLower).toBe("");
  });
});
