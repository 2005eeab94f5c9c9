// Text analysis for Korean and English, shared by indexing and queries so both sides
// agree on every token. Korean has no spaces between a noun and its particle, spacing
// varies, and numbers are written with 만/억/조; English needs case folding and stemming.
// Glossary aliases become entity tokens ("@nvidia"), the bridge between the languages.
import type { Term } from "../knowledge/schema.ts";

// ---------------------------------------------------------------------------------------
// Normalization

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const ORDINALS_EN: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const ORDINALS_KO: Record<string, number> = {
  첫: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10,
};
const SCALE_EN: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};
const UNIT_KO: Record<string, number> = { 만: 1e4, 억: 1e8, 조: 1e12 };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
function monthNumber(name: string): number {
  return MONTHS.indexOf(name.toLowerCase().replace(/\.$/u, "").slice(0, 3)) + 1;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** "1만8000" → 18000, "7조6300억" → 7630000000000, "40만" → 400000. */
function koreanNumber(match: string): string {
  let total = 0;
  let rest = match;
  const unitPart = /^(\d+(?:\.\d+)?)(만|억|조)/u;
  for (let m = unitPart.exec(rest); m; m = unitPart.exec(rest)) {
    total += Number(m[1]) * (UNIT_KO[m[2] ?? ""] ?? 1);
    rest = rest.slice(m[0].length);
  }
  if (/^\d+$/u.test(rest)) total += Number(rest);
  return formatNumber(total);
}

/**
 * Canonical text form: NFKC, no zero-width or control characters, model names joined
 * ("에이치 ( H ) 100" → "H100", "NVL 72" → "NVL72"), numbers as plain digits, ordinals as
 * "ordN", and the one-letter headline forms 中/美 spelled out.
 */
export function normalizeText(input: string): string {
  // Invisible characters go first, so that NFKC can compose what they kept apart.
  let t = input.replace(ZERO_WIDTH, "").replace(CONTROL, " ").normalize("NFKC");
  // "US" the country, never "us" the pronoun: decided while the case is still known.
  t = t.replace(/(?<![\p{L}])U\.S\.(?:A\.)?|(?<![\p{L}])US(?![\p{L}])/gu, " USA ");
  t = t.replace(/中/gu, " 중국 ").replace(/美/gu, " 미국 ").replace(/韓/gu, " 한국 ").replace(/日/gu, " 일본 ");
  // Model names: "에이치 ( H ) 100", "에이치100", "H 100", "NVL 72", "H-20".
  t = t.replace(/에이치\s*(?:\(\s*H\s*\)\s*)?(?=\d)/gu, "H");
  t = t.replace(/(?<![\p{L}\p{N}])([A-Z]{1,4})[ -](\d{2,4}[A-Z]?)(?![\p{N}])/gu, "$1$2");
  // Digit grouping: 400,000 → 400000.
  t = t.replace(/(\d),(?=\d{3}(?!\d))/gu, "$1");
  // Korean units: 40만, 1만8000, 55억, 7조6300억.
  t = t.replace(/\d+(?:\.\d+)?(?:만|억|조)(?:\d+(?:\.\d+)?(?:만|억|조))*(?:\d+(?![\d.]))?/gu, (m) => ` ${koreanNumber(m)} `);
  // English scales: 5.5 billion, $8bn, 400k.
  t = t.replace(
    /(\d+(?:\.\d+)?)\s?(thousand|million|billion|trillion|bn|mn|tn|k|m|b)(?![\p{L}])/giu,
    (_, n: string, s: string) => formatNumber(Number(n) * (SCALE_EN[s.toLowerCase()] ?? 1)),
  );
  // Ordinals: "fourth", "4th", "네 번째", "첫번째".
  t = t.replace(/(?<![\p{L}])(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?![\p{L}])/giu, (_, w: string) => ` ord${ORDINALS_EN[w.toLowerCase()]} `);
  t = t.replace(/(?<![\p{L}\p{N}])(\d{1,2})(?:st|nd|rd|th)(?![\p{L}])/giu, " ord$1 ");
  t = t.replace(/(?<![\p{L}])(첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?번째/gu, (_, w: string) => ` ord${ORDINALS_KO[w]} `);
  // Months meet across languages: "6월", "June", "Jun." → "m6". Lowercase "may" and "march"
  // are verbs more often than months, so only their capitalized forms count.
  t = t.replace(/(?<![\d.])(\d{1,2})\s?월/gu, (m: string, n: string) => (Number(n) >= 1 && Number(n) <= 12 ? ` m${Number(n)} ` : m));
  t = t.replace(
    /(?<![\p{L}])(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?![\p{L}])/gu,
    (m: string) => ` m${monthNumber(m)} `,
  );
  t = t.replace(/(?<![\p{L}])(january|february|april|june|july|august|september|october|november|december)(?![\p{L}])/gu, (m: string) => ` m${monthNumber(m)} `);
  // Number words: "six times" → "6 times".
  t = t.replace(
    /(?<![\p{L}])(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred)(?![\p{L}])/giu,
    (w: string) => String(NUMBER_WORDS[w.toLowerCase()]),
  );
  return t;
}

// ---------------------------------------------------------------------------------------
// Words and stems

export type Script = "hangul" | "latin" | "han" | "other";

export interface Word {
  /** The word as written (lowercased), particle included. */
  surface: string;
  /** The form used for matching: particle stripped (Korean) or stemmed (English). */
  stem: string;
  script: Script;
  /** Question words and function words: not content. */
  stop: boolean;
}

const HANGUL = /[\uAC00-\uD7A3]/u;
const isHangulChar = (c: string) => c >= "\uAC00" && c <= "\uD7A3";
const hasBatchim = (c: string) => isHangulChar(c) && (c.charCodeAt(0) - 0xac00) % 28 !== 0;

// Particles and endings, longest first. "after" restricts a suffix to stems whose last
// syllable has (true) or lacks (false) a final consonant, as Korean grammar does; this
// keeps names such as 화웨이 whole while 중국이 loses its 이.
const SUFFIXES: Array<{ s: string; after?: boolean }> = [
  ...["이었다", "였다", "이라는", "이라고", "에서는", "에서도", "에게서", "으로는", "으로도", "으로서", "으로써", "로서는"].map((s) => ({ s })),
  ...["했는가", "했나요", "했는지", "한가요", "한가", "는가", "은가", "던가", "했으며", "하였다", "했다고", "됐는지", "되었다", "됐나요", "인가요", "입니까", "습니까", "나요"].map((s) => ({ s })),
  ...["했나", "했니", "했다", "했고", "했던", "했을", "하는", "하고", "하며", "하나", "한다", "하다", "하려", "됐나", "됐다", "됐고", "되나", "되는", "된다", "되다", "되며", "받았", "받은", "받아", "받나"].map((s) => ({ s })),
  ...["겠다는", "하겠다", "려는", "려고", "했대", "한대", "됐대", "된대", "었대", "았대", "거쳤", "였대"].map((s) => ({ s })),
  ...["에서", "에게", "한테", "까지", "부터", "마저", "조차", "처럼", "보다", "만큼", "이나", "이랑", "과는", "와는", "로는", "로도", "로서", "로써", "라는", "라고", "이다", "이며", "이고", "인가", "인지", "이란", "에는", "에도", "께서", "었나", "았나", "었다", "았다", "겠다"].map((s) => ({ s })),
  { s: "으로", after: true },
  { s: "로", after: false },
  { s: "은", after: true },
  { s: "는", after: false },
  { s: "이", after: true },
  { s: "가", after: false },
  { s: "을", after: true },
  { s: "를", after: false },
  { s: "과", after: true },
  { s: "와", after: false },
  { s: "의" },
  { s: "에" },
  { s: "도" },
  { s: "만" },
  { s: "들" },
  { s: "엔" },
  { s: "란", after: false },
  { s: "인" },
  { s: "한" },
  { s: "할" },
  { s: "된" },
  { s: "될" },
  // Colloquial verb endings: "팔게", "없애고", "거쳤대".
  { s: "게", after: false },
  { s: "고", after: false },
  { s: "대", after: false },
  { s: "래", after: false },
  { s: "냐" },
  { s: "랑", after: false },
  { s: "지", after: false },
  { s: "니", after: false },
];

function stripKorean(word: string): string {
  let w = word;
  for (let round = 0; round < 2; round++) {
    let stripped = false;
    for (const { s, after } of SUFFIXES) {
      if (w.length <= s.length || !w.endsWith(s)) continue;
      const stem = w.slice(0, w.length - s.length);
      const last = stem[stem.length - 1] ?? "";
      if (after !== undefined && hasBatchim(last) !== after) continue;
      w = stem;
      stripped = true;
      break;
    }
    if (!stripped) break;
  }
  return w;
}

/** A light English stemmer: both sides of every match go through it, so consistency matters more than linguistics. */
export function stemEnglish(word: string): string {
  let w = word.toLowerCase();
  // Plural model names: "H100s" → "h100", "H20s" → "h20".
  if (/^[a-z]+\d+[a-z]?s$/u.test(w) && !/\d(?:nm|s)$/u.test(w.slice(0, -1))) return w.slice(0, -1);
  if (w.length <= 3 || /\d/u.test(w)) return w;
  const rules: Array<[RegExp, string]> = [
    [/ies$/u, "y"],
    [/ied$/u, "y"],
    [/(ss)es$/u, "$1"],
    [/([^s])s$/u, "$1"],
  ];
  for (const [re, rep] of rules) {
    if (re.test(w)) {
      w = w.replace(re, rep);
      break;
    }
  }
  const suffixes = ["ational", "ations", "ation", "ingly", "edly", "ments", "ment", "ings", "ing", "ness", "ers", "ed", "er", "ly", "al", "ive"];
  for (const s of suffixes) {
    // "-ly" marks adverbs only on longer words ("currently"), not "supply" or "apply".
    if (w.endsWith(s) && w.length - s.length >= (s === "ly" ? 5 : 4)) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/u.test(w) && !/(ll|ss|zz)$/u.test(w)) w = w.slice(0, -1);
  return w;
}

const STOP_EN = new Set(
  (
    "a an the of to in on at by for from with about into over under as and or but if then than so that this these those " +
    "is are was were be been being am do does did done doing have has had having will would shall should can could may might must " +
    "what which who whom whose when where why how whats who's what's much many any some all each every there here it its it's " +
    "they them their he him his she her we us our you your i me my mine not no yes also just only very more most " +
    "tell say said says saying explain describe please according article report reported news give show know let " +
    "get got put make made take took go went come came thing things something anything happen happened " +
    "story deal way stuff info information detail details yo hey hi ok okay like really even actually exactly basically " +
    "now current currently still today latest anymore nowadays moment policy situation status change changed " +
    "date dates outlet outlets newspaper newspapers media publication reason reasons motive motives rationale purpose " +
    "cause caused causes causing era due suddenly briefly simply exactly roughly approximately overall anyway ever " +
    "s t d ll ve re won"
  ).split(" "),
);
const STOP_KO = new Set(
  (
    "무엇 뭐 뭔가 뭘 무슨 어떤 어떻게 어느 누구 누 언제 어디 어디서 얼마 얼마나 몇 왜 알려줘 알려주세요 알려 설명 설명해줘 " +
    "대해 대한 관련 관련해 것 거 수 등 및 그 이 저 그리고 또 또는 있나 있는 있다 있었나 있어 없나 하다 되다 위해 통해 때문 " +
    "했나 했는가 했니 인가 인가요 나요 요 좀 가장 정말 혹시 기사 보도 말 말했나 무엇인가 뭐야 뭐지 어떠한 " +
    "개 명 곳 번째 번 게 건가 건지 됐나 하나 했어 " +
    "현재 지금 아직 요즘 여전히 최신 정책 상황 상태 가능 가능한가 바뀌었나 바뀌었어 바뀌었는지 변화 달라졌나 날짜 시점 시기 일자 이유 배경 까닭 목적 의도 월 일 년 때 뭘로 뭘 무엇으로 어디어디 누구누구 거야 거지 건데 건가요 뭐래 뭐야 뭐지 뭔데 된 되는 됐어 했대 한대 하래 그래 거 게요 얘기 내용 관해 관해서 대해서 " +
    // Adverbs that frame a question without naming anything in it.
    "갑자기 도대체 대체 과연 결국 대략 대충 정확히 구체적으로 자세히 간단히 한마디 한마디로 요약하면 요약해 솔직히 진짜 실제로 원래 어쩌다 " +
    "하필 굳이 벌써 특히 주로 대체로 어째서 왜냐하면 그러면 그래서 근데 그런데 그럼"
  ).split(" "),
);

// A Hangul run glued to a Latin or digit run ("H200은", "B40의") is usually a bare particle.
// "이란" is also Iran: a word, never dropped as a bare particle.
const BARE_PARTICLES = new Set([
  ...SUFFIXES.map((x) => x.s).filter((p) => p !== "이란"),
  ...["와의", "과의", "에서의", "으로의", "로의", "이라", "라", "란", "이야", "야", "이요", "요", "에게는"],
]);

function scriptOf(token: string): Script {
  if (HANGUL.test(token)) return "hangul";
  if (/[\p{Script=Han}]/u.test(token)) return "han";
  if (/[\p{L}\p{N}]/u.test(token)) return "latin";
  return "other";
}

/** The words of one token: its Hangul, Han and other runs, stemmed, bare particles left out. */
function tokenWords(token: string): readonly Word[] {
  const words: Word[] = [];
  const runs = token.match(/[\uAC00-\uD7A3\u3131-\u318E]+|\p{Script=Han}+|[^\uAC00-\uD7A3\u3131-\u318E\p{Script=Han}]+/gu) ?? [];
  for (const run of runs) {
    const surface = run.toLowerCase();
    const script = scriptOf(surface);
    // A particle standing alone (after a number or a model name, or split off by
    // normalization: "6월에" → "m6 에") carries no content.
    if (script === "hangul" && BARE_PARTICLES.has(surface)) continue;
    if (script === "hangul") {
      const stem = stripKorean(surface);
      words.push(Object.freeze({ surface, stem, script, stop: STOP_KO.has(stem) || STOP_KO.has(surface) }));
    } else if (script === "latin") {
      const stem = stemEnglish(surface);
      words.push(Object.freeze({ surface, stem, script, stop: STOP_EN.has(surface) || STOP_EN.has(stem) }));
    } else {
      words.push(Object.freeze({ surface, stem: surface, script, stop: false }));
    }
  }
  return words;
}

/**
 * Words of tokens seen before: the same few thousand words make up most of every text, and
 * stemming one takes a dozen pattern tests. Only short tokens are kept, as a longer one may
 * be a slice that holds on to the whole text it was cut from; the table starts over when full.
 */
const seenTokens = new Map<string, readonly Word[]>();
const SEEN_TOKENS_MAX = 65_536;
const SEEN_TOKEN_CHARS = 12;

/** Splits a normalized text into words; Hangul and Latin/digit runs inside one token are separate words. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const raw = normalizeText(text).match(/\d+(?:\.\d+)+|[\p{L}\p{N}]+/gu) ?? [];
  for (const token of raw) {
    let found = seenTokens.get(token);
    if (!found) {
      found = tokenWords(token);
      if (token.length <= SEEN_TOKEN_CHARS) {
        if (seenTokens.size >= SEEN_TOKENS_MAX) seenTokens.clear();
        seenTokens.set(token, found);
      }
    }
    for (const w of found) words.push(w);
  }
  return words;
}

/** Character bigrams of a Hangul word, marked so they never collide with whole words. */
export function bigrams(stem: string): string[] {
  if (stem.length < 2) return [];
  const out: string[] = [];
  for (let i = 0; i + 2 <= stem.length; i++) out.push(`#${stem.slice(i, i + 2)}`);
  return out;
}

/**
 * The tokens a word contributes to an index: its stem, its surface when different, and for
 * Korean the bigrams of the whole surface, so that a question's stem matches a document
 * word whatever ending it carries ("방문" in "방문해", "좋은" in "좋은가").
 */
export function wordTokens(w: Word): string[] {
  const out = [w.stem];
  if (w.surface !== w.stem) out.push(w.surface);
  if (w.script === "hangul") out.push(...bigrams(w.surface));
  return out;
}

// ---------------------------------------------------------------------------------------
// Glossary

export interface EntityMatch {
  id: string;
  /** Index of the first and one past the last word covered. */
  start: number;
  end: number;
}

export interface Glossary {
  readonly terms: ReadonlyMap<string, Term>;
  /** Finds aliases of glossary terms in a word sequence, longest match first. */
  match(words: readonly Word[]): EntityMatch[];
}

const keyOf = (words: readonly Word[]) => words.map((w) => w.stem).join("");

export function createGlossary(terms: readonly Term[]): Glossary {
  const byKey = new Map<string, Set<string>>();
  let maxWords = 1;
  const add = (key: string, id: string) => {
    if (!key) return;
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(id);
  };
  for (const term of terms) {
    for (const alias of [...term.en, ...term.ko]) {
      const words = splitWords(alias);
      if (words.length === 0) continue;
      maxWords = Math.max(maxWords, words.length);
      add(keyOf(words), term.id);
      // An alias written without spaces also matches when the text spaces it, and back.
      add(words.map((w) => w.surface).join(""), term.id);
    }
  }
  // Korean compounds hide aliases inside one word ("대미희토류"): look for Hangul keys of
  // three or more syllables inside longer Hangul words.
  const hangulKeys = new Set([...byKey.keys()].filter((k) => /^[\uAC00-\uD7A3]{3,}$/u.test(k)));
  const longestHangulKey = Math.max(0, ...[...hangulKeys].map((k) => k.length));
  // Every start of every key: a longer span is tried only while its text can still become a
  // key, so a sentence costs about one lookup per word rather than one per word and length.
  const prefixes = new Set<string>();
  for (const key of byKey.keys()) for (let end = 1; end <= key.length; end++) prefixes.add(key.slice(0, end));

  return {
    terms: new Map(terms.map((t) => [t.id, t])),
    match(words) {
      const found: EntityMatch[] = [];
      for (let i = 0; i < words.length; i++) {
        // The longest span starting here whose stems, or else whose surfaces, form a key.
        let best = 0;
        let bestIds: Set<string> | undefined;
        let stems = "";
        let surfaces = "";
        for (let n = 1; n <= Math.min(maxWords, words.length - i); n++) {
          const w = words[i + n - 1]!;
          stems += w.stem;
          surfaces += w.surface;
          const ids = byKey.get(stems) ?? byKey.get(surfaces);
          if (ids) {
            best = n;
            bestIds = ids;
          }
          if (!prefixes.has(stems) && !prefixes.has(surfaces)) break;
        }
        if (bestIds) {
          for (const id of bestIds) found.push({ id, start: i, end: i + best });
          i += best - 1;
          continue;
        }
        const w = words[i];
        if (w && w.script === "hangul" && w.surface.length >= 4) {
          for (let a = 0; a < w.surface.length; a++) {
            for (let b = a + 3; b <= Math.min(w.surface.length, a + longestHangulKey); b++) {
              if (b - a === w.surface.length) continue;
              const sub = w.surface.slice(a, b);
              if (!hangulKeys.has(sub)) continue;
              for (const id of byKey.get(sub) ?? []) found.push({ id, start: i, end: i + 1 });
            }
          }
        }
      }
      return found;
    },
  };
}

export const entityToken = (id: string) => `@${id}`;

// ---------------------------------------------------------------------------------------
// Documents and queries

/** Index tokens of a text: every content word's tokens plus the entity tokens found in it. */
export function analyzeDocument(text: string, glossary: Glossary, extraEntities: readonly string[] = []): string[] {
  const words = splitWords(text);
  const tokens: string[] = [];
  for (const w of words) if (!w.stop) tokens.push(...wordTokens(w));
  for (const m of glossary.match(words)) tokens.push(entityToken(m.id));
  for (const id of extraEntities) tokens.push(entityToken(id));
  return tokens;
}

/**
 * The content words of a text: the stem and surface of each word that is not a stop word,
 * without bigrams or glossary entities. What two claims are compared on, word for word.
 */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of splitWords(text)) {
    if (w.stop) continue;
    out.add(w.stem);
    out.add(w.surface);
  }
  return out;
}

/** One unit of meaning in a question: a content word, or a glossary entity spanning words. */
export interface QueryUnit {
  text: string;
  /** Tokens any of which alone shows the unit in a document. */
  strong: string[];
  /** Hangul bigrams: half of them together show the unit. */
  weak: string[];
  entities: string[];
}

export interface AnalyzedQuery {
  units: QueryUnit[];
  /** Glossary ids named in the question. */
  entities: string[];
  /** Every distinct token to search for. */
  tokens: string[];
}

export function analyzeQuery(question: string, glossary: Glossary): AnalyzedQuery {
  const words = splitWords(question);
  const matches = glossary.match(words);
  const covered = new Map<number, EntityMatch[]>();
  for (const m of matches) {
    const list = covered.get(m.start) ?? [];
    list.push(m);
    covered.set(m.start, list);
  }
  const units: QueryUnit[] = [];
  for (let i = 0; i < words.length; i++) {
    const ms = covered.get(i);
    if (ms && ms.length > 0) {
      const end = Math.max(...ms.map((m) => m.end));
      const span = words.slice(i, end);
      const ids = [...new Set(ms.map((m) => m.id))];
      // A name outside the articles counts only as itself: "market cap" must not match "market".
      const outside = ids.every((id) => glossary.terms.get(id)?.kind === "outside");
      const strong = [...ids.map(entityToken), ...(outside ? [] : span.filter((w) => !w.stop).map((w) => w.stem))];
      units.push({ text: span.map((w) => w.surface).join(" "), strong, weak: [], entities: ids });
      // A compound word can hold an entity and more ("대미희토류"): keep the word itself too.
      if (end - i === 1 && span[0] && !ms.some((m) => keyOf(span) === keyOf(words.slice(m.start, m.end)))) {
        // nothing more: the entity token stands for it
      }
      i = end - 1;
      continue;
    }
    const w = words[i];
    if (!w || w.stop) continue;
    const strong = w.surface !== w.stem ? [w.stem, w.surface] : [w.stem];
    units.push({ text: w.surface, strong, weak: w.script === "hangul" ? bigrams(w.stem) : [], entities: [] });
  }
  const tokens = [...new Set(units.flatMap((u) => [...u.strong, ...u.weak]))];
  const entities = [...new Set(units.flatMap((u) => u.entities))];
  return { units, entities, tokens };
}

/** Hangul in the question → Korean; otherwise English. */
export function detectLang(text: string): "ko" | "en" {
  return /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]/u.test(text) ? "ko" : "en";
}
