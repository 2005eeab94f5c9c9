// Canonical text before words are cut: invisible characters out, model names joined, and
// numbers in one form whatever the language wrote (만/억/조, "5.5 billion", "fourth",
// "6월" or "June"), so that a question and an article agree on them.

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
  // Months meet across languages: "6월", "June", "Jun." → "m6". Lowercase "may" and "march"
  // are verbs more often than months, so only their capitalized forms count.
  // (Digits read afresh: an ordinal above wrote one.)
  if (t.includes("월") && /\d/u.test(t)) t = t.replace(/(?<![\d.])(\d{1,2})\s?월/gu, (m: string, n: string) => (Number(n) >= 1 && Number(n) <= 12 ? ` m${Number(n)} ` : m));
  if (latin) {
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
  }
  return t;
}
