// Synthetic knowledge bases of any size, grown from the real one so that posting lists look
// like a real archive's: every synthetic article is a variant of a real article with its
// paragraphs reordered, sentences dropped or swapped, now and then a passage of another
// article inserted, glossary entities swapped for others of the same kind (or for invented
// names), numbers and years changed. Its facts are the source facts whose rewritten quotes
// still occur verbatim in the rewritten body, so every synthetic fact is as checkable as a
// curated one. Deterministic: equal seed and data, equal knowledge base.
import type { KnowledgeData } from "../src/knowledge/parse.ts";
import type { Article, Fact, Term } from "../src/knowledge/schema.ts";
import { normalizeSpace, quoteParts, splitSentences } from "../src/knowledge/text.ts";
import { createRng, type Rng } from "./prng.ts";

export const DEFAULT_SEED = "chokepoint-bench-1";

/** Kinds of glossary terms a variant may swap for another term of the same kind. */
const SWAPPABLE_KINDS = new Set(["company", "person", "country", "media", "product", "government"]);
/** Hangul aliases too short or too common inside other words to replace safely. */
const UNSAFE_ALIASES = new Set(["이란", "中", "美", "韓", "日", "황"]);

const OUTLETS = [
  "한겨레", "이투데이", "서울경제", "여성경제신문", "파이낸셜뉴스", "연합뉴스", "조선일보", "중앙일보", "동아일보",
  "한국경제", "매일경제", "경향신문", "머니투데이", "전자신문", "디지털타임스", "아시아경제", "헤럴드경제", "뉴스1",
];

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";

// Syllables for invented names, with a romanization, so a name reads the same in both languages.
const SURNAMES: Array<[string, string]> = [["김", "Kim"], ["이", "Lee"], ["박", "Park"], ["최", "Choi"], ["정", "Jung"], ["왕", "Wang"], ["장", "Zhang"], ["류", "Liu"], ["천", "Chen"], ["양", "Yang"]];
const SYLLABLES: Array<[string, string]> = [
  ["민", "min"], ["준", "jun"], ["서", "seo"], ["연", "yeon"], ["하", "ha"], ["윤", "yun"], ["지", "ji"], ["호", "ho"],
  ["성", "seong"], ["현", "hyeon"], ["우", "u"], ["진", "jin"], ["태", "tae"], ["수", "su"], ["영", "yeong"], ["훈", "hun"],
  ["웨", "we"], ["샤", "sha"], ["펑", "peng"], ["룽", "rung"], ["쉰", "xun"], ["카", "ka"], ["테", "te"], ["로", "ro"],
];
const COMPANY_SUFFIXES: Array<[string, string]> = [["테크", "Tech"], ["반도체", "Semiconductor"], ["전자", "Electronics"], ["시스템즈", "Systems"], ["마이크로", "Micro"], ["AI", "AI"]];

/** Size of the invented vocabulary words are drawn from, by a Zipf (1/rank) law. */
const LEXICON_SIZE = 300_000;
/** Share of an article's distinct Korean words replaced by invented ones, and of English claim words. */
const KO_WORD_SHARE = 0.15;
const EN_WORD_SHARE = 0.12;

export interface SynthOptions {
  articles: number;
  seed?: string;
}

export interface SynthStats {
  articles: number;
  facts: number;
  /** Source facts whose rewritten quote no longer occurred in the rewritten body. */
  factsDropped: number;
  sentences: number;
  bodyChars: number;
  /** Entity swaps made (glossary term for another term or an invented name). */
  swaps: number;
  invented: number;
}

export interface SyntheticKnowledge {
  data: KnowledgeData;
  stats: SynthStats;
  /** Rewrites a text as variant `index` rewrote its article (for questions about it). */
  rewriterOf(index: number): Rewriter;
}

export type Rewriter = (text: string) => string;

interface Swap {
  from: Term;
  /** The term swapped in, or null for an invented name. */
  to: Term | null;
  ko: string;
  en: string;
}

interface VariantPlan {
  id: string;
  source: Article;
  /** Another article one passage of which is inserted, or null. */
  donor: Article | null;
  swaps: Swap[];
  yearShift: number;
  rewrite: Rewriter;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const hasHangul = (s: string) => /[\uAC00-\uD7A3]/u.test(s);

function inventName(rng: Rng, kind: string): { ko: string; en: string } {
  if (kind === "person") {
    const [sk, se] = rng.pick(SURNAMES);
    const [ak, ae] = rng.pick(SYLLABLES);
    const [bk, be] = rng.pick(SYLLABLES);
    return { ko: `${sk}${ak}${bk}`, en: `${ae[0]?.toUpperCase()}${ae.slice(1)}${be} ${se}` };
  }
  const [ak, ae] = rng.pick(SYLLABLES);
  const [bk, be] = rng.pick(SYLLABLES);
  const [ck, ce] = rng.pick(SYLLABLES);
  const [xk, xe] = rng.pick(COMPANY_SUFFIXES);
  return { ko: `${ak}${bk}${ck}${xk}`, en: `${ae[0]?.toUpperCase()}${ae.slice(1)}${be}${ce} ${xe}` };
}

/** Replaces glossary aliases of the swapped terms, longest alias first, in one pass. */
function entityRewriter(swaps: readonly Swap[]): Rewriter {
  if (swaps.length === 0) return (t) => t;
  const target = new Map<string, string>();
  for (const s of swaps) {
    for (const alias of [...s.from.en, ...s.from.ko]) {
      if (UNSAFE_ALIASES.has(alias) || alias.length < 2 || target.has(alias)) continue;
      target.set(alias, hasHangul(alias) ? s.ko : s.en);
    }
  }
  const aliases = [...target.keys()].sort((a, b) => b.length - a.length);
  if (aliases.length === 0) return (t) => t;
  // Latin aliases only as whole words ("Xi" is no part of "Xinhua"); Hangul ones anywhere.
  const re = new RegExp(
    aliases.map((a) => (hasHangul(a) ? escapeRe(a) : `(?<![A-Za-z0-9])${escapeRe(a)}(?![A-Za-z0-9])`)).join("|"),
    "gu",
  );
  return (text) => text.replace(re, (m) => target.get(m) ?? m);
}

/**
 * Changes numbers consistently within one article: years move by `yearShift`, other
 * quantities are scaled by a factor drawn per number (so "1700개" becomes the same new
 * count in the body and in every quote). Model names (H100, RTX Pro 6000, NVL 72), days
 * after a month name and digits glued to Latin letters are kept.
 */
function numberRewriter(seed: string, yearShift: number): Rewriter {
  const cache = new Map<string, string>();
  const re = /(?<![A-Za-z\d.,$]|[A-Za-z] |에이치 ?|\) ?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d.,]*\d|[A-Za-z])/gu;
  const monthBefore = new RegExp(`(?:${MONTHS}) $`, "u");
  return (text) =>
    text.replace(re, (m, int: string, frac: string | undefined, offset: number) => {
      const before = text.slice(Math.max(0, offset - 10), offset);
      if (monthBefore.test(before)) return m;
      const after = text.slice(offset + m.length, offset + m.length + 1);
      if (after === "월" || after === "일" || after === "시" || after === "분") return m;
      const plain = int.replace(/,/gu, "");
      const n = Number(plain);
      if (!frac && /^(?:19|20)\d\d$/u.test(plain)) return String(n + yearShift);
      const key = m;
      const known = cache.get(key);
      if (known !== undefined) return known;
      const factor = 0.4 + createRng(`${seed}/${key}`).next() * 2.1;
      const value = Number(`${plain}${frac ?? ""}`) * factor;
      let out: string;
      if (frac) out = value.toFixed(frac.length - 1);
      else {
        const rounded = Math.max(1, Math.round(value));
        out = int.includes(",") ? rounded.toLocaleString("en-US") : String(rounded);
      }
      cache.set(key, out);
      return out;
    });
}

/** A 32-bit integer hash (murmur3's finalizer). */
function mix(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Hangul syllables from 19 initials, 8 vowels and 5 finals; each has a rough romanization.
const INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const VOWELS: Array<[number, string]> = [[0, "a"], [4, "eo"], [8, "o"], [13, "u"], [18, "eu"], [20, "i"], [5, "e"], [12, "yo"]];
const FINALS: Array<[number, string]> = [[0, ""], [4, "n"], [8, "l"], [16, "m"], [21, "ng"]];

/** The invented word of a lexicon rank, in Hangul and romanized. */
export function lexiconWord(rank: number): { ko: string; en: string } {
  let h = mix(rank + 0x9e3779b9);
  const syllables = 2 + (h % 2);
  let ko = "";
  let en = "";
  for (let i = 0; i < syllables; i++) {
    h = mix(h + i);
    const initial = h % INITIALS.length;
    const [vowel, ve] = VOWELS[(h >>> 8) % VOWELS.length] as [number, string];
    const [final, fe] = FINALS[(h >>> 16) % FINALS.length] as [number, string];
    ko += String.fromCharCode(0xac00 + (initial * 21 + vowel) * 28 + final);
    en += `${INITIALS[initial]}${ve}${fe}`;
  }
  return { ko, en };
}

/** A lexicon rank drawn log-uniformly, which is Zipf's law with exponent 1. */
const zipfRank = (rng: Rng) => Math.floor(Math.exp(rng.next() * Math.log(LEXICON_SIZE)));

interface Vocabulary {
  /** Distinct Hangul words of the article's body, without glossary aliases inside. */
  ko: string[];
  /** Distinct lowercase English words of its facts' claims, five letters or more. */
  en: string[];
}

const vocabularies = new WeakMap<Article, Vocabulary>();

function vocabularyOf(article: Article, base: KnowledgeData): Vocabulary {
  const known = vocabularies.get(article);
  if (known) return known;
  const aliases = base.terms.flatMap((t) => [...t.ko, ...t.en]);
  // Parts of multi-word aliases too ("행정부" of "트럼프 행정부"), so every alias still matches.
  const hangulAliases = [...new Set(aliases.flatMap((a) => a.split(/\s+/u)))].filter((a) => hasHangul(a) && a.length >= 2);
  const latinWords = new Set(aliases.flatMap((a) => a.toLowerCase().split(/[^a-z]+/u)));
  const ko = [...new Set(article.body.match(/[\uAC00-\uD7A3]{2,}/gu) ?? [])]
    .filter((w) => !hangulAliases.some((a) => w.includes(a)))
    .sort();
  const claims = base.facts.filter((f) => f.article === article.id).map((f) => f.claim.en ?? "");
  const en = [...new Set(claims.join(" ").match(/\b[a-z]{5,}\b/gu) ?? [])].filter((w) => !latinWords.has(w)).sort();
  const vocabulary = { ko, en };
  vocabularies.set(article, vocabulary);
  return vocabulary;
}

/**
 * Replaces a share of the article's words by invented words of a large Zipf-distributed
 * vocabulary, the same way in its body, quotes and claims: the long tail of rare words (names,
 * places, jargon) that a real archive has and five articles do not. A Korean word keeps its
 * last syllable, which is often a particle.
 */
function lexiconRewriter(vocabulary: Vocabulary, rng: Rng): Rewriter {
  const target = new Map<string, string>();
  for (const w of vocabulary.ko) {
    if (!rng.chance(KO_WORD_SHARE)) continue;
    target.set(w, `${lexiconWord(zipfRank(rng)).ko}${w.length >= 3 ? w.slice(-1) : ""}`);
  }
  for (const w of vocabulary.en) {
    if (rng.chance(EN_WORD_SHARE)) target.set(w, lexiconWord(zipfRank(rng)).en);
  }
  if (target.size === 0) return (t) => t;
  const words = [...target.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  const re = new RegExp(`(?<![\\uAC00-\\uD7A3A-Za-z])(?:${words.join("|")})(?![\\uAC00-\\uD7A3A-Za-z])`, "gu");
  return (text) => text.replace(re, (m) => target.get(m) ?? m);
}

function shiftDate(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  return `${y}${date.slice(4)}`;
}

function publishedDate(source: string, years: number, rng: Rng): string {
  const d = new Date(`${shiftDate(source, years)}T00:00:00Z`);
  // Never before the source's date: the facts' event dates stay on or before it.
  d.setUTCDate(d.getUTCDate() + rng.int(0, 150));
  return d.toISOString().slice(0, 10);
}

function planVariant(base: KnowledgeData, index: number, seed: string): VariantPlan {
  const rng = createRng(`${seed}/article/${index}`);
  const source = base.articles[index % base.articles.length] as Article;
  const others = base.articles.filter((a) => a.id !== source.id);
  const donor = others.length > 0 && rng.chance(0.4) ? rng.pick(others) : null;
  const termById = new Map(base.terms.map((t) => [t.id, t]));
  const byKind = new Map<string, Term[]>();
  for (const t of base.terms) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);

  const mentioned = [...new Set(base.facts.filter((f) => f.article === source.id).flatMap((f) => f.entities))]
    .map((id) => termById.get(id))
    .filter((t): t is Term => t !== undefined && SWAPPABLE_KINDS.has(t.kind))
    .sort((a, b) => a.id.localeCompare(b.id));
  const swaps: Swap[] = [];
  const used = new Set<string>();
  const count = rng.int(0, Math.min(3, mentioned.length));
  for (const from of rng.shuffle(mentioned).slice(0, count)) {
    if ((from.kind === "person" || from.kind === "company") && rng.chance(0.35)) {
      swaps.push({ from, to: null, ...inventName(rng, from.kind) });
      continue;
    }
    const candidates = (byKind.get(from.kind) ?? []).filter((t) => t.id !== from.id && !used.has(t.id) && !mentioned.includes(t));
    if (candidates.length === 0) continue;
    const to = rng.pick(candidates);
    used.add(to.id);
    swaps.push({ from, to, ko: to.ko[0] ?? to.id, en: to.en[0] ?? to.id });
  }
  const yearShift = rng.int(-6, 1);
  const entities = entityRewriter(swaps);
  const words = lexiconRewriter(
    {
      ko: [...vocabularyOf(source, base).ko, ...(donor ? vocabularyOf(donor, base).ko : [])],
      en: [...vocabularyOf(source, base).en, ...(donor ? vocabularyOf(donor, base).en : [])],
    },
    rng.fork("words"),
  );
  const numbers = numberRewriter(`${seed}/numbers/${index}`, yearShift);
  const id = `a${String(index).padStart(6, "0")}-${source.id}`;
  return { id, source, donor, swaps, yearShift, rewrite: (t) => numbers(words(entities(t))) };
}

function paragraphsOf(body: string): string[][] {
  return body
    .split(/\n\s*\n/u)
    .map((p) => splitSentences(p))
    .filter((p) => p.length > 0);
}

/** The reordered, thinned body of a variant, before rewriting. */
function arrangeBody(plan: VariantPlan, rng: Rng): string {
  let paragraphs = paragraphsOf(plan.source.body).map((sentences) => {
    let kept = sentences.filter(() => !rng.chance(0.08));
    if (kept.length === 0) kept = sentences.slice(0, 1);
    if (kept.length >= 2 && rng.chance(0.3)) {
      const i = rng.int(0, kept.length - 2);
      [kept[i], kept[i + 1]] = [kept[i + 1] as string, kept[i] as string];
    }
    return kept;
  });
  if (paragraphs.length > 2 && rng.chance(0.5)) {
    const [lead, ...rest] = paragraphs;
    paragraphs = [lead as string[], ...rng.shuffle(rest)];
  }
  if (plan.donor) {
    const donorParagraphs = paragraphsOf(plan.donor.body);
    const para = rng.pick(donorParagraphs);
    const start = rng.int(0, para.length - 1);
    const passage = para.slice(start, start + rng.int(1, 3));
    paragraphs.splice(rng.int(1, paragraphs.length), 0, passage);
  }
  return paragraphs.map((p) => p.join(" ")).join("\n\n");
}

function quoteIn(quote: string, haystack: string): boolean {
  const parts = quoteParts(quote);
  return parts.length > 0 && parts.every((p) => haystack.includes(p));
}

/** Builds a synthetic knowledge base of `options.articles` articles from the real one. */
export function generateKnowledge(base: KnowledgeData, options: SynthOptions): SyntheticKnowledge {
  const seed = options.seed ?? DEFAULT_SEED;
  if (base.articles.length === 0) throw new Error("bench: the base knowledge has no articles");
  const factsOf = new Map<string, Fact[]>();
  for (const f of base.facts) factsOf.set(f.article, [...(factsOf.get(f.article) ?? []), f]);

  const articles: Article[] = [];
  const facts: Fact[] = [];
  const stats: SynthStats = { articles: 0, facts: 0, factsDropped: 0, sentences: 0, bodyChars: 0, swaps: 0, invented: 0 };

  for (let i = 0; i < options.articles; i++) {
    const plan = planVariant(base, i, seed);
    const rng = createRng(`${seed}/layout/${i}`);
    const body = plan.rewrite(arrangeBody(plan, rng));
    const haystack = normalizeSpace(body);
    const file = `synthetic/articles/${plan.id}.md`;
    const article: Article = {
      id: plan.id,
      title: plan.rewrite(plan.source.title),
      titleInferred: plan.source.titleInferred,
      outlet: rng.pick(OUTLETS),
      publishedAt: publishedDate(plan.source.publishedAt, plan.yearShift, rng),
      dateApproximate: rng.chance(0.2),
      author: null,
      url: rng.chance(0.7) ? `https://news.example.com/${plan.id}` : null,
      language: plan.source.language,
      raw: null,
      notes: [],
      edits: [],
      status: rng.chance(0.85) ? "curated" : "candidate",
      body,
      file,
    };
    articles.push(article);
    stats.articles += 1;
    stats.sentences += splitSentences(body).length;
    stats.bodyChars += body.length;
    stats.swaps += plan.swaps.length;
    stats.invented += plan.swaps.filter((s) => s.to === null).length;

    const entityMap = new Map(plan.swaps.map((s) => [s.from.id, s.to?.id ?? null]));
    const candidates = [...(factsOf.get(plan.source.id) ?? []), ...(plan.donor ? (factsOf.get(plan.donor.id) ?? []) : [])];
    let n = 0;
    for (const f of candidates) {
      const quote = plan.rewrite(f.quote);
      if (!quoteIn(quote, haystack)) {
        if (f.article === plan.source.id) stats.factsDropped += 1;
        continue;
      }
      const entities = [
        ...new Set(f.entities.map((id) => (entityMap.has(id) ? entityMap.get(id) : id)).filter((id): id is string => typeof id === "string")),
      ];
      if (entities.length === 0) continue;
      n += 1;
      facts.push({
        id: `${plan.id}-f${String(n).padStart(2, "0")}`,
        date: f.date === null ? null : shiftDate(f.date, plan.yearShift),
        approximate: f.approximate,
        claim: { ko: plan.rewrite(f.claim.ko), ...(f.claim.en ? { en: plan.rewrite(f.claim.en) } : {}) },
        entities,
        quote,
        status: article.status === "candidate" ? "candidate" : f.status,
        key: f.key,
        questions: { ko: f.questions.ko.map((q) => plan.rewrite(q)), en: f.questions.en.map((q) => plan.rewrite(q)) },
        article: plan.id,
        file: `synthetic/facts/${plan.id}.yaml`,
      });
      stats.facts += 1;
    }
  }

  return {
    data: { version: `synthetic-${options.articles}-${seed}`, articles, facts, terms: base.terms, examples: base.examples },
    stats,
    rewriterOf: (index) => planVariant(base, index, seed).rewrite,
  };
}
