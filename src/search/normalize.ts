// Canonical text before words are cut: invisible characters out, model names joined, and
// numbers in one form whatever the language wrote (만/억/조, "5.5 billion", "fourth",
// "6월" or "June"), so that a question and an article agree on them.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

const NUMBER_WORDS = new Map<string, number>(Object.entries({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
}));
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

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/**
 * English month names by the case they count in: "May" and "March" only capitalized
 * (lowercase they are verbs more often than months), the others capitalized or lowercase,
 * and the short forms capitalized ("Jun", "Sept").
 */
const MONTH_WORDS = new Map<string, number>();
MONTHS.forEach((name, i) => {
  MONTH_WORDS.set(name, i + 1);
  if (name !== "May" && name !== "March") MONTH_WORDS.set(name.toLowerCase(), i + 1);
  if (name.length > 3) MONTH_WORDS.set(name.slice(0, 3), i + 1);
});
MONTH_WORDS.set("Sept", 9);
/** The shortest and the longest word either table holds ("six", "Jun"; "September", "seventeen"). */
const SHORTEST_WORD = 3;
const LONGEST_WORD = 9;

/** Their first letters, lower case: most words start otherwise and are not read further. */
const INITIALS = new Set([...MONTH_WORDS.keys(), ...NUMBER_WORDS.keys()].map((w) => w.charCodeAt(0) | 32));
const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

const LETTER = /\p{L}/u;
/** Whether the code point ending at `end` (exclusive) is a letter; false at the start. */
function letterBefore(text: string, end: number): boolean {
  if (end <= 0) return false;
  const c = text.charCodeAt(end - 1);
  if (c < 128) return isAsciiLetter(c);
  const at = c >= 0xdc00 && c <= 0xdfff && end >= 2 ? end - 2 : end - 1;
  return LETTER.test(String.fromCodePoint(text.codePointAt(at)!));
}
/** Whether the code point starting at `i` is a letter; false past the end. */
function letterAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c);
  return LETTER.test(String.fromCodePoint(text.codePointAt(i)!));
}

/**
 * Month names ("June", "Jun." → " m6 ") and number words ("six" → "6", in any case), each a
 * whole word (no letter either side). One pass over the text's runs of ASCII letters, where
 * a pattern per table took a third of an English claim's normalization; after NFKC no other
 * letter folds to an ASCII one, so these runs are all a case-insensitive pattern could match.
 */
export function monthAndNumberWords(text: string): string {
  let out = "";
  let copied = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (!isAsciiLetter(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < n && isAsciiLetter(text.charCodeAt(i))) i += 1;
    if (i - start < SHORTEST_WORD || i - start > LONGEST_WORD || !INITIALS.has(text.charCodeAt(start) | 32)) continue;
    const word = text.slice(start, i);
    let end = i;
    const month = MONTH_WORDS.get(word);
    const number = month === undefined ? NUMBER_WORDS.get(word.toLowerCase()) : undefined;
    if (month === undefined && number === undefined) continue;
    if (letterBefore(text, start) || letterAt(text, end)) continue;
    let written: string;
    if (month !== undefined) {
      // A capitalized month takes its abbreviation's period along ("Jun." → " m6 ").
      if (word[0] !== word[0]!.toLowerCase() && end < n && text.charCodeAt(end) === 46 && !letterAt(text, end + 1)) end += 1;
      written = ` m${month} `;
    } else written = String(number);
    out += text.slice(copied, start) + written;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
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
  // Each rewrite below runs only where the text holds what it needs (a digit, a Latin letter,
  // a month word…): most of a Korean text needs few of them, and the tests are much cheaper
  // than a pass of the rewrite's pattern over the whole text.
  // Invisible characters go first, so that NFKC can compose what they kept apart.
  let t = input.replace(ZERO_WIDTH, "").replace(CONTROL, " ").normalize("NFKC");
  // No rewrite removes the last digit or Latin letter, and the letters they write ("USA",
  // "H", "ord") start no later match the text did not hold already.
  const digits = /\d/u.test(t);
  const latin = /[A-Za-z]/u.test(t);
  // "US" the country, never "us" the pronoun: decided while the case is still known.
  if (t.includes("U")) t = t.replace(/(?<![\p{L}])U\.S\.(?:A\.)?|(?<![\p{L}])US(?![\p{L}])/gu, " USA ");
  if (/[中美韓日]/u.test(t)) t = t.replace(/中/gu, " 중국 ").replace(/美/gu, " 미국 ").replace(/韓/gu, " 한국 ").replace(/日/gu, " 일본 ");
  if (digits) {
    // Model names: "에이치 ( H ) 100", "에이치100", "H 100", "NVL 72", "H-20".
    if (t.includes("에이치")) t = t.replace(/에이치\s*(?:\(\s*H\s*\)\s*)?(?=\d)/gu, "H");
    if (/[A-Z][ -]\d/u.test(t)) t = t.replace(/(?<![\p{L}\p{N}])([A-Z]{1,4})[ -](\d{2,4}[A-Z]?)(?![\p{N}])/gu, "$1$2");
    // Digit grouping: 400,000 → 400000.
    if (t.includes(",")) t = t.replace(/(\d),(?=\d{3}(?!\d))/gu, "$1");
    // Korean units: 40만, 1만8000, 55억, 7조6300억.
    if (/[만억조]/u.test(t)) t = t.replace(/\d+(?:\.\d+)?(?:만|억|조)(?:\d+(?:\.\d+)?(?:만|억|조))*(?:\d+(?![\d.]))?/gu, (m) => ` ${koreanNumber(m)} `);
  }
  if (digits && latin) {
    // English scales: 5.5 billion, $8bn, 400k.
    t = t.replace(
      /(\d+(?:\.\d+)?)\s?(thousand|million|billion|trillion|bn|mn|tn|k|m|b)(?![\p{L}])/giu,
      (_, n: string, s: string) => formatNumber(Number(n) * (SCALE_EN[s.toLowerCase()] ?? 1)),
    );
  }
  // Ordinals: "fourth", "4th", "네 번째", "첫번째".
  if (latin) t = t.replace(/(?<![\p{L}])(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?![\p{L}])/giu, (_, w: string) => ` ord${ORDINALS_EN[w.toLowerCase()]} `);
  if (digits && latin) t = t.replace(/(?<![\p{L}\p{N}])(\d{1,2})(?:st|nd|rd|th)(?![\p{L}])/giu, " ord$1 ");
  if (t.includes("번째")) t = t.replace(/(?<![\p{L}])(첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?번째/gu, (_, w: string) => ` ord${ORDINALS_KO[w]} `);
  // Months meet across languages: "6월", "June", "Jun." → "m6" (the English names below).
  // (Digits read afresh: an ordinal above wrote one.)
  if (t.includes("월") && /\d/u.test(t)) t = t.replace(/(?<![\d.])(\d{1,2})\s?월/gu, (m: string, n: string) => (Number(n) >= 1 && Number(n) <= 12 ? ` m${Number(n)} ` : m));
  // Then month names and number words ("six times" → "6 times").
  return latin ? monthAndNumberWords(t) : t;
}
