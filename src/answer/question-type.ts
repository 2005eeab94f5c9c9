// What kind of answer a question expects, read from its question words. A fact that can
// supply that kind (a number for "how many", a date for "when", a company for "which
// companies") ranks a little higher than one that merely shares the question's words.
import type { Fact, Term } from "../knowledge/schema.ts";
import { Lru } from "../lru.ts";

export type Expect = "number" | "date" | "actor" | "company" | "place" | "reason" | "definition";

const PATTERNS: Array<[Expect, RegExp]> = [
  ["company", /\b(?:which|what) (?:\w+ )?(?:compan|firms?\b|business|cos\b)|기업[^ ]* ?(?:어디|어느|어떤|누구)|(?:어느|어떤) (?:기업|회사|업체)|업체[^ ]* ?어디/iu],
  ["number", /\bhow (?:many|much|big|large|long)\b|\bwhat (?:amount|number|percentage|share)\b|\b(?:price|cost|costs|worth|valuation|market cap)\b|몇(?!\s?(?:월|일|년|시))|얼마|가격|시세|주가|시가총액/iu],
  ["date", /\bwhen\b|\bwhat (?:date|year|month|day)\b|언제|며칠|몇 ?월|날짜|시기/iu],
  ["place", /\bwhere\b|\bwhich (?:cit|countr|place)|어디|도시|어느 (?:나라|곳|지역)/iu],
  ["actor", /\bwho\b|\bwhom\b|\b(?:which|what) (?:outlet|newspaper|paper|media|publication|news)|누가|누구|어느 (?:기관|부처|언론|매체|신문)|어떤 (?:언론|매체|신문)/iu],
  // "What is X?" and nothing more: what X is, not any news of it.
  ["definition", /^\s*what(?:'s|\s+is|\s+are|\s+was|\s+were)\s+(?:the\s+|an?\s+)?(?![^?,]*\b(?:\w+ing|to|about|happening)\b)[^?,\s]+(?:\s+[^?,\s]+){0,7}\s*\?*\s*$|^[^?,]{2,40}?(?:(?:이|가|은|는|란|이란)\s*(?:뭐|무엇|뭔)[\uAC00-\uD7A3]*|[^\s?,]란)\s*\?*\s*$/iu],
  ["reason", /\bwhy\b|\bhow come\b|\breasons?\b|\bwhat (?:led|drove|prompted|caused)\b|왜|이유|배경|까닭/iu],
];

/** What the question expects; asked several times an answer, so the last question is remembered. */
export function expectedAnswer(question: string): Expect[] {
  if (question !== lastExpected.question) lastExpected = { question, expects: PATTERNS.filter(([, re]) => re.test(question)).map(([e]) => e) };
  return [...lastExpected.expects];
}

let lastExpected: { question: string | null; expects: readonly Expect[] } = { question: null, expects: [] };

/**
 * What supplyScore reads of a fact: its English claim and its quote. Made once per fact, as
 * every answer reads its forty candidates' texts: a text made afresh is a copy to allocate
 * (and to hash for hasQuantity's memory) each time.
 */
export function supplyText(fact: Fact): string {
  let text = supplyTexts.get(fact);
  if (text === undefined) supplyTexts.set(fact, (text = `${fact.claim.en ?? ""} ${fact.quote}`));
  return text;
}

const supplyTexts = new WeakMap<Fact, string>();

const ACTOR_KINDS = new Set(["person", "company", "organization", "government", "media"]);
const PLACE_KINDS = new Set(["place", "country"]);
const CITY_KINDS = new Set(["place"]);
/** "Which cities" asks for cities: a country is no answer to it. */
const ASKS_CITY = /\bcit(?:y|ies)\b|도시/iu;
/** People the text counts without naming them: "싱가포르인 2명", "two Singaporean nationals". */
const COUNTED_PEOPLE = /\d+\s?명|(?:한|두|세|네|다섯)\s?명|\b(?:nationals?|citizens?|individuals|people|persons|executives|officials)\b/iu;
const COMPANY_KINDS = new Set(["company"]);

/** Whether the text counts people without naming them: "who was charged" is answered by "two Singaporeans". */
export const countsPeople = (text: string): boolean => COUNTED_PEOPLE.test(text);
const REASON_MARKERS = /때문|위해|위한|하고자|려는|려고|배경|이유|목적|의도|로 인해|따른 것|에 따라|because|in order to|aimed at|in response|reason/iu;

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
  question?: string,
): number {
  switch (expect) {
    case "number": {
      if (!hasQuantity(text)) return 0;
      const counter = question ? askedCounter(question) : null;
      return counter && hasQuantityOf(text, counter) ? 2 : 1;
    }
    case "date":
      return (fact?.date ?? null) !== null || /\d+\s?(?:일|월|년)|(?:지난|올|오는|이달|작년|내년)/u.test(text) ? 1 : 0;
    case "company":
    case "place":
    case "actor": {
      // One path for the three kinds, the city test made for each: code compiled while
      // answering "who" then serves the first "which companies" without being thrown away.
      const city = ASKS_CITY.test(question ?? "");
      const kinds = expect === "company" ? COMPANY_KINDS : expect === "actor" ? ACTOR_KINDS : city ? CITY_KINDS : PLACE_KINDS;
      const named = countNewEntities(fact, kinds, terms, asked);
      return expect === "actor" && COUNTED_PEOPLE.test(text) ? Math.max(named, 1) : named;
    }
    case "definition":
      return fact !== null && fact.entities.some((id) => asked.has(id)) && definesByCopula(fact.claim.ko) ? 1 : 0;
    case "reason":
      // Read off the verbatim Korean quote, which every fact has, in either language.
      return REASON_MARKERS.test(text) ? 1 : 0;
  }
}

/** The fact's entities of those kinds that the question did not name. */
function countNewEntities(fact: Fact | null, kinds: ReadonlySet<string>, terms: ReadonlyMap<string, Term>, asked: ReadonlySet<string>): number {
  let n = 0;
  if (fact) for (const id of fact.entities) if (!asked.has(id) && kinds.has(terms.get(id)?.kind ?? "")) n += 1;
  return n;
}

/** Nouns that end a claim with "…이다" without saying what its subject is: plans, schedules, intent. */
const NOT_DEFINING = /(?:방침|예정|중|것|계산|의도|전망|규모|상황|분석|입장|계획|목표|관측|설명|주장|평가|지적)$/u;
/** Syllables before "다" that end a verb, not a noun with its copula: "한다", "보인다" aside, "하다", "되다", "주다". */
const VERB_BEFORE_DA = /[하되주보오가지치키우져려해돼]$/u;

/**
 * A Korean claim that says what its subject is: it ends in a noun and the copula
 * ("…세 등급으로 나눠 통제하는 등급제다", "…저사양이다"), not in a verb ("…발표했다") or in a
 * noun of plan or schedule ("…할 방침이다", "…열릴 예정이다").
 */
export function definesByCopula(claim: string): boolean {
  const last = claim.trim().replace(/[.!]+$/u, "").split(/\s+/u).pop() ?? "";
  let noun: string;
  if (/[\uAC00-\uD7A3]이다$/u.test(last)) noun = last.slice(0, -2);
  else if (/다$/u.test(last)) {
    noun = last.slice(0, -1);
    const c = noun.charCodeAt(noun.length - 1);
    // A syllable with a final consonant before a bare "다" is a verb ("했다", "한다", "있다").
    if (!(c >= 0xac00 && c <= 0xd7a3) || (c - 0xac00) % 28 !== 0 || VERB_BEFORE_DA.test(noun)) return false;
  } else return false;
  return noun.length >= 1 && !NOT_DEFINING.test(noun);
}

/**
 * A quantity with its unit ("40만 개", "55억 달러", "400,000 chips", "$5.5 billion", "6배"),
 * as opposed to a model name (H200, CloudMatrix 384), a year or a calendar date.
 */
const QUANTITY_KO = /(?<![\p{L}\d.,])\d[\d,.]*\s?(?:[만억조]\s?)*(?:\d[\d,.]*\s?)?(?:개|명|곳|달러|원|배|%|퍼센트|나노|㎚|개월|년간|차례|차(?![\p{L}])|건|톤|단계|여\s?곳|여\s?개)/u;
const QUANTITY_EN = /\$\s?\d|(?<![\p{L}\d.,])\d[\d,.]*\s?(?:%|percent|x\b|times|fold|billion|million|trillion|thousand|k\b|months?|years?|weeks?|chips?|units?|compan|firms|countries|people|data cent|nm\b|-month|-nanometer|accelerators|processors)/iu;
const QUANTITY_NATIVE_KO = /(?<![\p{L}])(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?(?:단계|번|개|명|곳|가지|차례|배|세대)/u;
/** Ordinals count too: "제3회", "네 번째", "the fourth", "3rd". */
const QUANTITY_ORDINAL = /제\s?\d+\s?(?:회|차|대)|\d+\s?(?:회째|번째|차)|(?:첫|두|세|네|다섯)\s?번째|\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth)\b/iu;
const QUANTITY_WORDS = /수십|수백|수천|수만|수백만|수십억|\b(?:dozens|hundreds|thousands|millions|billions) of\b/iu;

/**
 * Texts read for quantities lately: the candidates of one question are read for every kind
 * of answer it expects, and the same facts come up question after question.
 */
const quantities = new Lru<string, boolean>(4_096);

export function hasQuantity(text: string): boolean {
  let found = quantities.get(text);
  if (found === undefined) {
    found = QUANTITY_KO.test(text) || QUANTITY_EN.test(text) || QUANTITY_NATIVE_KO.test(text) || QUANTITY_WORDS.test(text) || QUANTITY_ORDINAL.test(text);
    quantities.set(text, found);
  }
  return found;
}

/** Words after "how many" that start the rest of the question rather than name what is counted. */
const NOT_COUNTED = /^(?:did|do|does|is|are|was|were|has|have|had|can|could|will|would|should|of|in|for|to)$/u;

/**
 * The counter a "how many" question asks in: "몇 개" → "개", "how many chips" → "chip",
 * "how many H200 chips" → "chip"; a model counted by itself ("how many H200s did…") is
 * counted in chips.
 */
export function askedCounter(question: string): string | null {
  // Asked once per candidate document of the same question: the last one is remembered.
  if (question === lastCounter.question) return lastCounter.counter;
  const counter = readCounter(question);
  lastCounter = { question, counter };
  return counter;
}

let lastCounter: { question: string | null; counter: string | null } = { question: null, counter: null };

function readCounter(question: string): string | null {
  const ko = /몇\s?([\uAC00-\uD7A3]+)/u.exec(question);
  if (ko?.[1]) return ko[1].replace(/(?:야|이야|인가요?|인지|나|냐|이에요|예요|일까|였어|이었어|로|으로|이|가|은|는|을|를|에)$/u, "").slice(0, 2) || null;
  const en = /\bhow many ((?:[a-z]*\d[\w-]*\s*)*)([a-z]+)?/iu.exec(question);
  if (!en) return null;
  const word = en[2]?.toLowerCase();
  const model = (en[1] ?? "").trim() !== "";
  if (!word || NOT_COUNTED.test(word)) return model ? "chip" : null;
  // A stem that the plural and singular both start with: "companies" → "compan".
  return word.replace(/(?:ies|s)$/u, "");
}

/** A quantity, then perhaps a word, right before where the counter starts (the text's end here). */
const QUANTITY_BEFORE = /(?:\d[\d,.]*\s?(?:[만억조]\s?)*(?:\d[\d,.]*)?|수십|수백|수천|수만|수백만|한|두|세|네|다섯)\s?(?:[\p{L}-]+\s)?$/iu;
/** The same with the counter in the pattern, for texts whose case does not fold as lowercasing does. */
const quantityOf = new Lru<string, RegExp>(256);

/**
 * True when a quantity in the text is counted in the asked counter: wherever the counter
 * occurs, whether the text before it ends in a quantity. A pattern of its own per counter
 * took 1.5 ms to compile (a Unicode letter class under case folding), and most counters
 * are asked once.
 */
export function hasQuantityOf(text: string, counter: string): boolean {
  const hay = text.toLowerCase();
  const needle = counter.toLowerCase();
  // Lowercasing finds what case folding finds for these (ſ folds to s, İ lowercases longer).
  if (/^[a-z0-9\uAC00-\uD7A3]+$/u.test(needle) && hay.length === text.length && !text.includes("ſ")) {
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
      if (QUANTITY_BEFORE.test(text.slice(0, at))) return true;
    }
    return false;
  }
  let re = quantityOf.get(counter);
  if (!re) {
    const esc = counter.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
    re = new RegExp(`(?:\\d[\\d,.]*\\s?(?:[만억조]\\s?)*(?:\\d[\\d,.]*)?|수십|수백|수천|수만|수백만|한|두|세|네|다섯)\\s?(?:[\\p{L}-]+\\s)?${esc}`, "iu");
    quantityOf.set(counter, re);
  }
  return re.test(text);
}

export function supplies(...args: Parameters<typeof supplyScore>): boolean {
  return supplyScore(...args) > 0;
}
