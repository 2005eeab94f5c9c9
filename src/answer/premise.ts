// A question built on a false premise ("why did Lutnick call the H20 Nvidia's best chip?",
// "why did Beijing approve a million H200s?") is answered with what the articles say, flagged
// as a correction, rather than followed. Two kinds of claim are read: a figure the question
// states where the matching fact gives another figure of the same kind (chips, dollars, a
// percentage, a multiple) and the article never states the question's, and a word whose
// opposite the matching fact says (best / lowest, approved / banned, 같다 / 다르다) while no
// close match says the word itself.
import type { Fact, Lang } from "../knowledge/schema.ts";
import { normalizeText } from "../search/analysis.ts";
import type { SearchIndex } from "../search/search-index.ts";
import type { AnalyzedQuery } from "../search/analysis.ts";
import type { Candidate } from "./retrieve.ts";
import { isSupported, supportOf, type Support } from "./support.ts";

export interface Correction {
  support: Support;
  /** What the question says, as it says it: "best", "1000000 chips". */
  asked: string;
  /** What the fact says instead: "lowest-performing", "400,000 chips". */
  found: string;
}

/** Opposite claims, as word patterns of each side, per language. */
interface Opposition {
  a: RegExp;
  b: RegExp;
}

const OPPOSITIONS: Record<Lang, Opposition[]> = {
  en: [
    { a: /(?<![-\w])(?:best|top|strongest|most (?:powerful|advanced|capable)|highest-performing|fastest)\b/iu, b: /\b(?:worst|weakest|lowest(?:-performing)?|least (?:powerful|advanced|capable)|poorest)\b/iu },
    { a: /\b(?:rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|higher)\b/iu, b: /\b(?:lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|cut(?:s|ting)?|decreas(?:e|es|ed|ing))\b/iu },
    { a: /\b(?:approv(?:e|es|ed|al|ing)|allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|greenlit|greenlight(?:s|ed)?|lift(?:s|ed|ing)?)\b/iu, b: /\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|barr(?:ed|ing)|block(?:s|ed|ing)?|forb(?:id|ade|idden))\b/iu },
    { a: /\b(?:encourag(?:e|es|ed|ing)|promot(?:e|es|ed|ing)|push(?:es|ed|ing)? (?:\w+ )?to use)\b/iu, b: /\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|barr(?:ed|ing)|forb(?:id|ade|idden))\b/iu },
    { a: /\b(?:different|unlike|nothing like)\b/iu, b: /\b(?:same|identical|similar|comparable|on par)\b/iu },
  ],
  ko: [
    { a: /최고(?!경영|위|기술|재무|운영|치)|최상|최강|가장 (?:좋|뛰어|강력|우수)|제일 (?:좋|뛰어|센)/u, b: /최저|최하|가장 (?:떨어|낮|나쁜|약한)|제일 (?:구|떨어|낮)/u },
    { a: /올리|올린|상향|늘리|늘린|높이|높인|확대/u, b: /낮추|낮춘|하향|줄이|줄인|축소/u },
    { a: /승인|허용|허가|해제/u, b: /금지|불허|차단/u },
    { a: /밀어주|장려|권장|권유|독려/u, b: /금지|불허/u },
    { a: /다르다|다르게|다르대|전혀 다르|딴판/u, b: /같다|와 같|과 같|동일/u },
  ],
};

/** A quantity and what it counts: money, a percentage, a multiple, or a count. */
interface Quantity {
  kind: "money" | "percent" | "times" | "things" | "people" | "companies";
  value: number;
  surface: string;
}

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

// On normalized text, where "55억 달러" is "5500000000 달러" and "$5.5 billion" is "$5500000000".
const QUANTITY = /(\$\s?)?(?<![\p{L}\d.,])(\d+(?:\.\d+)?|an?(?= (?:thousand|million|billion)))\s?(thousand|million|billion|trillion|k\b)?\s?(?:\([^)]{0,20}\)\s?)?(?:(?:nvidia|huawei)\s)?(?:[hb]\d+\s)?(%|퍼센트|percent\b|배|times\b|x\b|fold\b|달러|dollars?\b|원|won\b|개|chips?\b|units?\b|gpus?\b|(?:h|b)\d+s\b|명|people\b|곳|compan(?:y|ies)\b|firms?\b)?/giu;
const HALF = /절반|\bhalf\b/iu;

function kindOf(unit: string, dollar: boolean): Quantity["kind"] | null {
  if (dollar || /^(?:달러|dollars?|원|won)$/iu.test(unit)) return "money";
  if (/^(?:%|퍼센트|percent)$/iu.test(unit)) return "percent";
  if (/^(?:배|times|x|fold)$/iu.test(unit)) return "times";
  if (/^(?:명|people)$/iu.test(unit)) return "people";
  if (/^(?:곳|compan(?:y|ies)|firms?)$/iu.test(unit)) return "companies";
  if (unit !== "") return "things";
  return null;
}

export function quantitiesOf(text: string): Quantity[] {
  const normalized = normalizeText(text);
  const out: Quantity[] = [];
  for (const m of normalized.matchAll(QUANTITY)) {
    const [, dollar, digits, scale, unit = ""] = m;
    const kind = kindOf(unit, dollar !== undefined);
    if (!kind || !digits) continue;
    const base = /^an?$/iu.test(digits) ? 1 : Number(digits);
    const value = base * (scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1);
    if (kind === "things" && value >= 1900 && value <= 2100 && !/개|chip|unit/iu.test(unit)) continue;
    // A one-syllable counter follows the figure without a space: "6배", "3곳", but "55억 달러".
    const surface = `${[`${dollar ? "$" : ""}${digits}`, scale].filter(Boolean).join(" ")}${/^(?:배|%|명|곳|원)?$/u.test(unit) ? unit : ` ${unit}`}`;
    out.push({ kind, value, surface });
  }
  if (HALF.test(normalized)) out.push({ kind: "times", value: 0.5, surface: HALF.exec(normalized)![0] });
  return out;
}

const same = (x: number, y: number) => Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 0.005;

const articleQuantities = new WeakMap<object, Quantity[]>();

/** A figure of the question the article never states, and the fact's own figure of that kind. */
function figureContradiction(question: string, fact: Fact, index: SearchIndex, lang: Lang): { asked: string; found: string } | null {
  const asked = quantitiesOf(question);
  if (asked.length === 0) return null;
  const article = index.articles.get(fact.article);
  if (!article) return null;
  let inArticle = articleQuantities.get(article);
  if (!inArticle) articleQuantities.set(article, (inArticle = quantitiesOf(article.body)));
  // The claim in the question's language first, so the figure is shown as that language writes it.
  const own = lang === "en" ? (fact.claim.en ?? "") : fact.claim.ko;
  const stated = [...quantitiesOf(own), ...quantitiesOf(`${fact.claim.ko} ${fact.quote}`)];
  for (const q of asked) {
    if (inArticle.some((a) => a.kind === q.kind && same(a.value, q.value))) continue;
    const other = stated.find((s) => s.kind === q.kind && !asked.some((x) => x.kind === s.kind && same(x.value, s.value)));
    if (other) return { asked: display(q, lang), found: display(other, lang) };
  }
  return null;
}

/** A figure as the question's language writes it: "400,000 chips", "550억 달러". */
function display(q: Quantity, lang: Lang): string {
  return q.surface.replace(/\s+/gu, " ").replace(/\d+(?:\.\d+)?/gu, (d) => (lang === "ko" ? koreanFigure(Number(d)) : Number(d).toLocaleString("en-US")));
}

/** 55000000000 → 550억, 400000 → 40만: the Korean way of writing large figures. */
function koreanFigure(n: number): string {
  if (n >= 1e12 && n % 1e8 === 0) return `${n / 1e12}조${n % 1e12 ? koreanFigure(n % 1e12) : ""}`;
  if (n >= 1e8 && n % 1e4 === 0) return `${n / 1e8 >= 1 ? Math.floor(n / 1e8) : ""}억${n % 1e8 ? koreanFigure(n % 1e8) : ""}`;
  if (n >= 1e4 && n % 1e4 === 0) return `${n / 1e4}만`;
  return n.toLocaleString("en-US");
}

/** The fact's text in the question's language, where the opposite word would be. */
const factText = (f: Fact, lang: Lang) => (lang === "ko" ? `${f.claim.ko} ${f.quote}` : (f.claim.en ?? ""));

/** The whole word around a match: "lowest" in "lowest-performing" gives "lowest-performing". */
function wordAt(text: string, re: RegExp): string {
  const m = re.exec(text);
  if (!m) return "";
  const start = text.slice(0, m.index).search(/[\p{L}\p{N}-]*$/u);
  const rest = /^[\p{L}\p{N}-]*/u.exec(text.slice(m.index + m[0].length))?.[0] ?? "";
  return `${text.slice(start, m.index)}${m[0]}${rest}`.replace(/-$/u, "");
}

/** How far below the best match a contradicting fact may rank and still speak for the articles. */
const CLOSE = 0.8;
const POOL = 6;

/**
 * The correction of a false premise, if the question has one: the closest supported fact
 * that contradicts the question's figure or claim word. None when a close match says what
 * the question says, so a true premise is never "corrected".
 */
export function correctPremise(index: SearchIndex, candidates: readonly Candidate[], question: string, query: AnalyzedQuery, lang: Lang): Correction | null {
  const best = candidates[0];
  if (!best) return null;
  const close = candidates.slice(0, POOL).filter((c) => c.doc.kind === "fact" && c.rank >= best.rank * CLOSE && isSupported(c, index, query));
  const facts = close.map((c) => ({ c, fact: (c.doc as { fact: Fact }).fact }));
  for (const { c, fact } of facts) {
    const figure = figureContradiction(question, fact, index, lang);
    if (figure) return { support: supportOf(index, c), ...figure };
  }
  for (const { a, b } of OPPOSITIONS[lang]) {
    for (const [claimed, opposite] of [[a, b], [b, a]] as const) {
      if (!claimed.test(question) || opposite.test(question)) continue;
      // A close match saying what the question says: the premise holds.
      if (facts.some(({ fact }) => claimed.test(factText(fact, lang)))) continue;
      const hit = facts.find(({ fact }) => opposite.test(factText(fact, lang)));
      if (hit) return { support: supportOf(index, hit.c), asked: wordAt(question, claimed), found: wordAt(factText(hit.fact, lang), opposite) };
    }
  }
  return null;
}
