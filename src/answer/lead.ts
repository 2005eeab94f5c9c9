// The answer's shape: its first sentence carries what was asked (the figure, the date, the
// place, the person, the cause), and what follows adds to that answer. Retrieval ranks the
// fact that best matches the question's words first, and that is often the one restating
// the question ("China approved H200 imports") while the one beside it holds the answer
// ("three companies got approval for 400,000 chips").
import type { Fact } from "../knowledge/schema.ts";
import { contentWords, type AnalyzedQuery, type QueryUnit } from "../search/analysis.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { claimWords } from "./claim-words.ts";
import { askedCounter, countsPeople, expectedAnswer, hasQuantityOf, supplyScore, type Expect } from "./question-type.ts";
import { unitWeight, type Candidate } from "./retrieve.ts";
import type { Support } from "./support.ts";
import { saysWhen } from "./time.ts";

/** How many sentences may follow the one that answers. */
export const MAX_FOLLOWERS = 2;

const textOf = (s: Support) => `${s.fact?.claim.en ?? ""} ${s.fact?.claim.ko ?? ""} ${s.quote}`;

/** How well a support holds the kind of answer asked for: 0 none, 1 some, 2 exactly (a count in the asked counter). */
export function supplyOf(s: Support, expects: readonly Expect[], question: string, index: SearchIndex, asked: ReadonlySet<string>): number {
  let best = 0;
  for (const e of expects) {
    let sc = Math.min(2, supplyScore(e, textOf(s), s.fact, index.glossary.terms, asked, question));
    // A number asked in a counter ("몇 개", "how many chips") is answered by a count in it.
    if (e === "number" && sc > 0) {
      const counter = askedCounter(question);
      sc = counter ? (hasQuantityOf(textOf(s), counter) ? 2 : 1) : 2;
    }
    // People counted ("two Singaporeans and a Chinese national") are the answer to "who",
    // which a fact's other names (the chipmaker, the government) are not.
    if (e === "actor" && countsPeople(textOf(s))) sc = 2;
    // A date the text itself gives answers "when" better than the date a fact is filed under.
    if (e === "date" && sc > 0) sc = saysWhen(`${s.fact?.claim.ko ?? s.quote} ${s.fact?.claim.en ?? ""}`) ? 2 : 1;
    best = Math.max(best, sc);
  }
  return best;
}

/**
 * The weighted share of the question's own words (not its names) that a support holds: what
 * was done, ordered, charged, visited. Of two facts about the same chips, the one that says
 * "ordered" answers "how many were ordered".
 */
function askShare(s: Support, candidates: readonly Candidate[], query: AnalyzedQuery, index: SearchIndex): number {
  const asks = query.units.filter((u) => u.entities.length === 0);
  if (asks.length === 0) return 0;
  const c = candidates.find((x) => (x.doc.kind === "fact" ? x.doc.fact === s.fact : x.doc.sentence === s.quote));
  const matched: readonly QueryUnit[] = c?.matched ?? [];
  // The word itself counts for more than a synonym of it: "주문" for "주문한" over "구매".
  const text = textOf(s);
  let own: ReadonlySet<string> | null = null;
  const ownWords = () => (own ??= s.fact && s.quote === s.fact.quote ? claimWords(s.fact, index).text : contentWords(text));
  const literally = (u: QueryUnit) => u.strong.some((t) => !/^[@#]/u.test(t) && (ownWords().has(t) || (t.length >= 2 && /[\uAC00-\uD7A3]/u.test(t) && text.includes(t))));
  let total = 0;
  let held = 0;
  for (const u of asks) {
    const w = unitWeight(index, u);
    total += w;
    if (matched.includes(u)) held += literally(u) ? w : w * 0.6;
  }
  return total > 0 ? held / total : 0;
}

/**
 * The share of a claim's words that the question already says: near 1 for a fact that only
 * restates the question, lower for one that tells something new.
 */
function restatement(s: Support, questionWords: ReadonlySet<string>, index: SearchIndex): number {
  const claim = s.fact ? claimWords(s.fact, index) : null;
  const words = claim?.ko ?? contentWords(s.quote);
  const en = claim?.en ?? null;
  const share = (ws: ReadonlySet<string>) => {
    if (ws.size === 0) return 1;
    let inQ = 0;
    for (const w of ws) if (questionWords.has(w)) inQ++;
    return inQ / ws.size;
  };
  return Math.max(share(words), en ? share(en) : 0);
}

/** How many of the question's words a fact's claim holds, in either language. */
function claimOverlap(f: Fact, questionWords: ReadonlySet<string>, index: SearchIndex): number {
  const { ko, en } = claimWords(f, index);
  let n = 0;
  for (const w of ko) if (questionWords.has(w)) n++;
  if (en) for (const w of en) if (!ko.has(w) && questionWords.has(w)) n++;
  return n;
}

/**
 * Facts drawn from one sentence ("he visited Shanghai on the 24th, Beijing on the 26th and
 * Shenzhen on the 27th") share its quote, so retrieval cannot tell them apart: of such
 * facts, the one whose claim holds more of the question's words (the day, the city) is
 * the one asked about. Each support becomes that fact, once.
 */
function closestClaims(supports: readonly Support[], questionWords: ReadonlySet<string>, index: SearchIndex): Support[] {
  const out: Support[] = [];
  for (const s of supports) {
    const f = s.fact;
    let best = f;
    if (f) {
      let top = claimOverlap(f, questionWords, index);
      for (const g of index.factsByArticle.get(f.article) ?? []) {
        if (g === f || g.quote !== f.quote) continue;
        const n = claimOverlap(g, questionWords, index);
        if (n > top) {
          best = g;
          top = n;
        }
      }
    }
    if (best && out.some((o) => o.fact === best)) continue;
    out.push(best === f ? s : { ...s, fact: best });
  }
  return out;
}

/** Orders the supports so that the first answers what was asked; keeps the order when nothing says otherwise. */
export function leadFirst(
  given: readonly Support[],
  question: string,
  query: AnalyzedQuery,
  candidates: readonly Candidate[],
  index: SearchIndex,
): Support[] {
  const questionWords = contentWords(question);
  const supports = closestClaims(given, questionWords, index);
  if (supports.length < 2) return [...supports];
  const expects = expectedAnswer(question);
  const asked = new Set(query.entities);
  const named = [...asked].filter((id) => isName(index, id));
  const scored = supports.map((s) => ({
    s,
    supply: expects.length > 0 ? supplyOf(s, expects, question, index, asked) : 0,
    ask: askShare(s, candidates, query, index),
    restates: restatement(s, questionWords, index),
    names: new Set(named.filter((id) => s.fact?.entities.includes(id))),
  }));
  const first = scored[0]!;
  // A fact leads in place of the best match when it holds more of the kind of answer asked
  // for, or when the best match only restates the question and it does not; between such
  // facts, the one holding more of the question's own words. "Who" is read off names,
  // which facts have plenty of besides the answer, so it outranks the best match only in a
  // fact holding as much of the question's own words (who was *charged*).
  const kindAsked = expects.some((e) => e !== "actor");
  // Names supply "which companies" or "where" loosely (a fact names many), so they count
  // only in a fact that holds as much of the question's own words.
  const byName = expects.every((e) => e === "company" || e === "place" || e === "actor");
  let best = first;
  for (const x of scored.slice(1)) {
    // What the question names is the subject of its answer: a fact that drops a name the
    // best match holds ("Biden", "DeepSeek") and holds less of the question's own words
    // answers another question, however much of the kind asked it supplies.
    if (x.ask < first.ask && [...first.names].some((id) => !x.names.has(id))) continue;
    // One that holds a name the best match lacks, and as much of what was asked, is the answer
    // about the thing named: "the Geneva talks" in May, not the London ones in June.
    const namesMore = x.names.size > first.names.size && x.supply >= first.supply && x.supply > 0;
    // Another article's fact leads only when it holds more of what was asked.
    const sameArticle = x.s.article.id === first.s.article.id;
    const moreSupply = (kindAsked || (x.ask > 0 && x.ask >= first.ask)) && x.supply > first.supply && (!byName || x.ask >= first.ask - 0.1);
    const saysMore = sameArticle && first.restates > 0.75 && x.restates <= 0.75 && x.supply >= first.supply;
    if (!moreSupply && !saysMore && !namesMore) continue;
    if (!sameArticle && !x.s.complement && !moreSupply && !namesMore) continue;
    if (best === first || x.supply > best.supply || (x.supply === best.supply && x.ask > best.ask)) best = x;
  }
  if (best === first) return [...supports];
  return [best.s, ...supports.filter((s) => s !== best.s)];
}

/** Entities too common in this saga to tie two facts together on their own. */
const GENERIC_KINDS = new Set(["country", "government"]);
/** Kinds of entity that name one thing (a person, a product, the Geneva talks), unlike a topic or a country. */
const NAME_KINDS = new Set(["person", "company", "media", "product", "place", "event", "policy", "government"]);
const isName = (index: SearchIndex, id: string) => NAME_KINDS.has(index.glossary.terms.get(id)?.kind ?? "");

/**
 * Whether a support adds to the lead's answer rather than merely sharing the question's
 * words: the complement the answer core chose for it, a fact of the same article, or one
 * of another article sharing two specific entities with it (not merely China or the US).
 */
export function addsTo(lead: Support, s: Support, index: SearchIndex, complement: Fact | null): boolean {
  if (s.fact && s.fact === complement) return true;
  const a = lead.fact;
  const b = s.fact;
  if (lead.article.id === s.article.id) return true;
  if (!a || !b) return false;
  const specific = (id: string) => !GENERIC_KINDS.has(index.glossary.terms.get(id)?.kind ?? "");
  return a.entities.filter((id) => b.entities.includes(id) && specific(id)).length >= 2;
}

/** A question asking for several: "which cities", "what companies", "어디어디", "도시들", "the three tiers". */
const ASKS_LIST = /\b(?:which|what) (?:\w+ )?(?:cities|companies|firms|countries|places|tiers|chips|products|people|outlets)\b|\b(?:list|name) (?:the|all)\b|\bthe (?:two|three|four|five) \w+|어디어디|누구누구|(?:도시|기업|회사|나라|국가|업체|제품|등급|사람)들|(?:세|네|두) (?:곳|가지|등급|나라)/iu;

export const asksForList = (question: string): boolean => ASKS_LIST.test(question);

/**
 * The rest of a list the lead begins: facts beside it in its article that supply the same
 * kind of answer with names it does not give and share a specific entity with it (Huang in
 * Shanghai on the 24th, then Beijing, then Shenzhen). Nearest first.
 */
export function listMates(lead: Support, question: string, query: AnalyzedQuery, index: SearchIndex): Support[] {
  const fact = lead.fact;
  const expects = expectedAnswer(question).filter((e) => e === "place" || e === "company" || e === "actor");
  if (!fact || expects.length === 0 || !asksForList(question)) return [];
  const facts = index.factsByArticle.get(fact.article) ?? [];
  const at = facts.indexOf(fact);
  const asked = new Set([...query.entities, ...fact.entities]);
  const specific = (id: string) => !GENERIC_KINDS.has(index.glossary.terms.get(id)?.kind ?? "");
  const out: Support[] = [];
  for (const d of [1, -1, 2, -2, 3, -3]) {
    const f = facts[at + d];
    if (!f || out.length >= MAX_FOLLOWERS) continue;
    if (!f.entities.some((id) => fact.entities.includes(id) && specific(id))) continue;
    const s: Support = { article: lead.article, fact: f, quote: f.quote, coverage: 0, rank: 0, complement: false };
    if (supplyOf(s, expects, question, index, asked) > 0) out.push(s);
  }
  return out;
}
