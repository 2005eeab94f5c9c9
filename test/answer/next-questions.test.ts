import { describe, expect, it } from "vitest";
import { MAX_FOLLOW_UPS, nextQuestionCandidates } from "../../src/answer/next-questions.ts";
import { bundledEngine } from "../helpers/engine.ts";

const engine = await bundledEngine();
const index = engine.store.current().index;
const facts = [...index.factsByArticle.values()].flat();
const factOf = (id: string) => facts.find((f) => f.id === id)!;

describe("nextQuestionCandidates", () => {
  it("draws example questions in the answer's language from facts the answer does not cite", () => {
    for (const q of ["Did China approve H200 imports?", "H20 수출은 왜 승인됐나?"]) {
      const a = engine.ask(q);
      const cited = new Set(a.citations.map((c) => c.factId));
      const candidates = nextQuestionCandidates(a, index);
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) {
        expect(cited.has(c.factId)).toBe(false);
        expect(factOf(c.factId).questions[a.lang]).toContain(c.question);
      }
      expect(new Set(candidates.map((c) => c.factId)).size).toBe(candidates.length);
    }
  });

  it("offers first the next dated fact about what the lead names", () => {
    const a = engine.ask("When did Jensen Huang visit Shanghai?");
    const lead = factOf(a.citations[0]!.factId!);
    const first = nextQuestionCandidates(a, index)[0]!;
    const next = factOf(first.factId);
    expect(next.date !== null && lead.date !== null && next.date > lead.date).toBe(true);
    expect(next.entities.some((e) => lead.entities.includes(e))).toBe(true);
    // The soonest such event: none of the facts naming what the lead names falls between.
    const between = facts.filter((f) => f.date !== null && f.date > lead.date! && f.date < next.date! && f.entities.some((e) => lead.entities.includes(e)));
    expect(between.filter((f) => !a.citations.some((c) => c.factId === f.id) && f.questions.en.length > 0)).toEqual([]);
  });

  it("offers nothing for a refusal", () => {
    expect(nextQuestionCandidates(engine.ask("what is the best pizza in Naples?"), index)).toEqual([]);
  });
});

describe("engine followUps", () => {
  it("offers at most three questions, each answered first from the fact it was drawn from", () => {
    for (const q of ["Why did the US allow H20 exports?", "Did China approve H200 imports?", "H20 수출은 왜 승인됐나?", "Who is David Sacks?"]) {
      const a = engine.ask(q);
      const offered = engine.followUps(a);
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.length).toBeLessThanOrEqual(MAX_FOLLOW_UPS);
      const drawn = new Map(nextQuestionCandidates(a, index).map((c) => [c.question, c.factId]));
      for (const f of offered) {
        const b = engine.ask(f);
        expect(b.answered).toBe(true);
        expect(b.citations[0]?.factId).toBe(drawn.get(f));
      }
    }
  });

  it("offers nothing for an answer from another snapshot", () => {
    const a = engine.ask("Did China approve H200 imports?");
    expect(engine.followUps({ ...a, kbVersion: "gone" })).toEqual([]);
  });
});
