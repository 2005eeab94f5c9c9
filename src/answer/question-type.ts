// What kind of answer a question expects, read from its question words. A fact that can
// supply that kind (a number for "how many", a date for "when", a company for "which
// companies") ranks a little higher than one that merely shares the question's words.
import type { Fact, Term } from "../knowledge/schema.ts";

export type Expect = "number" | "date" | "actor" | "company" | "place";

const PATTERNS: Array<[Expect, RegExp]> = [
  ["company", /\b(?:which|what) (?:compan|firm|business)|기업[^ ]* ?(?:어디|어느|어떤|누구)|(?:어느|어떤) (?:기업|회사|업체)|업체[^ ]* ?어디/iu],
  ["number", /\bhow (?:many|much|big|large|long)\b|\bwhat (?:amount|number|percentage|share)\b|몇|얼마/iu],
  ["date", /\bwhen\b|\bwhat (?:date|year|month|day)\b|언제|며칠|몇 ?월|날짜|시기/iu],
  ["place", /\bwhere\b|\bwhich (?:cit|countr|place)|어디|도시|어느 (?:나라|곳|지역)/iu],
  ["actor", /\bwho\b|\bwhom\b|누가|누구|어느 (?:기관|부처)/iu],
];

export function expectedAnswer(question: string): Expect[] {
  return PATTERNS.filter(([, re]) => re.test(question)).map(([e]) => e);
}

const ACTOR_KINDS = new Set(["person", "company", "organization", "government", "media"]);
const PLACE_KINDS = new Set(["place", "country"]);
const COMPANY_KINDS = new Set(["company"]);

/**
 * How well the fact (or sentence text) supplies what the question expects: for entity
 * kinds, the number of entities of that kind the question did not name; else 1 or 0.
 */
export function supplyScore(
  expect: Expect,
  text: string,
  fact: Fact | null,
  terms: ReadonlyMap<string, Term>,
  asked: ReadonlySet<string>,
): number {
  const newEntitiesOf = (kinds: Set<string>) =>
    (fact?.entities ?? []).filter((id) => !asked.has(id) && kinds.has(terms.get(id)?.kind ?? "")).length;
  switch (expect) {
    case "number":
      return /\d/u.test(text) ? 1 : 0;
    case "date":
      return (fact?.date ?? null) !== null || /\d+\s?(?:일|월|년)|(?:지난|올|오는|이달|작년|내년)/u.test(text) ? 1 : 0;
    case "company":
      return newEntitiesOf(COMPANY_KINDS);
    case "place":
      return newEntitiesOf(PLACE_KINDS);
    case "actor":
      return newEntitiesOf(ACTOR_KINDS);
  }
}

export function supplies(...args: Parameters<typeof supplyScore>): boolean {
  return supplyScore(...args) > 0;
}
