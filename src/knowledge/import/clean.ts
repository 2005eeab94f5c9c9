// Removes page furniture from a scraped news page, by rules that describe kinds of lines
// (widgets, bylines, captions, lists of other headlines), never by the text of one page.
// What is left is the article body, one paragraph per raw line, copied verbatim.

/** Why a line of the raw page is not part of the body. */
export type FurnitureRule =
  | "headline"
  | "navigation"
  | "timestamp"
  | "audio-widget"
  | "font-size-widget"
  | "portal-widget"
  | "portal-summary"
  | "reaction-button"
  | "section-heading"
  | "copyright"
  | "byline"
  | "dateline"
  | "image-link"
  | "photo-caption"
  | "board-row"
  | "lone-name"
  | "after-body-list";

export interface RemovedLine {
  /** 1-based line number in the raw page. */
  line: number;
  text: string;
  rule: FurnitureRule;
}

export interface CleanedPage {
  /** The page's own headline line, when it has one. */
  headline: string | null;
  /** Body paragraphs, trimmed, in page order. */
  paragraphs: string[];
  /** 1-based raw line number of each paragraph. */
  paragraphLines: number[];
  /** Every non-blank line that was dropped, and the rule that dropped it. */
  removed: RemovedLine[];
}

/** A list marker at the start of a line: "• ", "- ", "* ", "· ", "◦ ", "▪ ", "● ". */
const BULLET = /^[•●◦▪·*-]\s+/u;
/** A sentence end, optionally followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?。]["”’'」』)\]]*$/u;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u;

interface LineRule {
  rule: FurnitureRule;
  /** `text` is the trimmed line; `bare` is the same without a list marker. */
  test: (text: string, bare: string) => boolean;
  /** A line that, once a body paragraph has been seen, marks the end of the body. */
  endsBody?: boolean;
}

// Each rule recognises one kind of line, wherever it appears. The order only decides which
// rule is named when two match.
const LINE_RULES: readonly LineRule[] = [
  // "메뉴 건너뛰기", "본문 바로가기": skip links of the site's navigation.
  { rule: "navigation", test: (_t, b) => /^(?:메뉴|본문)\s*(?:건너뛰기|바로\s*가기)$/u.test(b) },
  // "입력 2026-01-28 16:49", "수정 2025.07.18": the page's time stamps.
  {
    rule: "timestamp",
    test: (_t, b) => /^(?:입력|수정|승인|등록|기사\s*입력|최종\s*수정|업데이트)\s*:?\s*\d{4}\s*[-./년]/u.test(b),
  },
  // "기사 듣기" and the player's "00:00 /" time display.
  {
    rule: "audio-widget",
    test: (_t, b) =>
      /^(?:기사\s*듣기|기사\s*읽어\s*주기|음성으로\s*듣기)$/u.test(b) ||
      /^\d{1,2}:\d{2}(?::\d{2})?\s*(?:\/\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?)?$/u.test(b),
  },
  // The font-size picker: 가장작게, 작게, 기본, 크게, 가장크게.
  { rule: "font-size-widget", test: (_t, b) => /^(?:가장\s*작게|작게|보통|기본|크게|가장\s*크게|글자\s*크기)$/u.test(b) },
  // A portal's (Daum's) font-size preview and summary disclaimer.
  {
    rule: "portal-widget",
    test: (_t, b) =>
      /^이\s*글자\s*크기로\s*변경됩니다\.?$/u.test(b) ||
      /^\(예시\)/u.test(b) ||
      /^전체\s*맥락을\s*이해하기\s*위해서는\s*본문\s*보기를\s*권장합니다\.?$/u.test(b),
  },
  // Reaction buttons with their counts: "좋아요0", "추가취재 원해요0".
  {
    rule: "reaction-button",
    endsBody: true,
    test: (_t, b) =>
      /^(?:좋아요|싫어요|화나요|슬퍼요|놀랐어요|훈훈해요|응원해요|추천해요|후속\s*기사\s*원해요|추가\s*취재\s*원해요)\s*\d*$/u.test(b),
  },
  // Headings of the blocks that follow an article: other news, tickers, a board's header row.
  {
    rule: "section-heading",
    endsBody: true,
    test: (_t, b) =>
      /^(?:주요\s*뉴스|관련\s*기사|많이\s*본\s*(?:뉴스|기사)|인기\s*기사|추천\s*기사|최신\s*기사|오늘의\s*(?:상승|하락)\s*종목|실시간\s*암호화폐\s*시세|번호\s+제목\s+글쓴이\s+날짜)$/u.test(
        b,
      ),
  },
  // "저작권자 © X 무단전재 및 재배포 금지", "Copyright © X. 무단전재 …".
  {
    rule: "copyright",
    endsBody: true,
    test: (t) => /저작권자\s*(?:©|ⓒ|\(c\))|copyright\s*(?:©|ⓒ|\(c\))|무단\s*전재/iu.test(t),
  },
  // "【실리콘밸리=홍창기 특파원】", "[서울=뉴시스]": a bracketed place=source line.
  { rule: "dateline", test: (t) => /^[【[][^【】[\]=]{1,20}=[^【】[\]]{1,30}[】\]]$/u.test(t) },
  // "여성경제신문 김성하 기자 lysf@…", "홍길동 특파원": a short line with an e-mail or ending in a reporter's title.
  {
    rule: "byline",
    endsBody: true,
    test: (t) => {
      if (t.length <= 80 && !SENTENCE_END.test(t) && EMAIL.test(t)) return true;
      return /^(?:\S+\s+){0,2}[가-힣]{2,4}\s*(?:기자|특파원|선임기자|객원기자)(?:\s*=)?$/u.test(t);
    },
  },
  // Markdown images, linked or not: "![alt](src)", "[![alt](src)](href)".
  { rule: "image-link", test: (t) => /^\[?!\[.*\]\([^)\s]*\)(?:\]\([^)\s]*\))?$/u.test(t) },
  // Photo captions: "▲…", a photo credit at the end ("… /로이터", "(…/로이터연합뉴스)"),
  // or a short credit line ("로이터 자료사진. 로이터 연합뉴스", "사진=…").
  {
    rule: "photo-caption",
    test: (t) =>
      t.startsWith("▲") ||
      /(?:^|\s)\/\s?\p{L}[\p{L}\p{N}=·.]{0,19}$/u.test(t) ||
      /\/\p{L}[\p{L}\p{N}=·.]{0,19}\)$/u.test(t) ||
      (t.length <= 80 && /자료\s*사진|^\[?사진\s*=|\(사진\s*=[^)]*\)$/u.test(t)),
  },
  // A board's numbered row ending in a date: "46500 … 랭크뉴스 2025.05.01".
  { rule: "board-row", test: (t) => /^\d{1,7}\s+\S.*\s\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?$/u.test(t) },
  // A line that is one word and nothing else: an outlet's or a section's name ("한겨레").
  { rule: "lone-name", test: (t) => /^\p{L}{2,12}$/u.test(t) },
];

/** True when the line reads as a body paragraph: no list marker, a sentence end, some length. */
export function isBodyLike(text: string): boolean {
  return !BULLET.test(text) && text.length >= 20 && SENTENCE_END.test(text);
}

/** A first line that is a headline: short and not a sentence ending in a period. */
function isHeadlineLike(text: string): boolean {
  return text.length <= 120 && !/[.。]["”’'」』)\]]*$/u.test(text) && !BULLET.test(text);
}

function classify(text: string): LineRule | undefined {
  const bare = text.replace(BULLET, "");
  return LINE_RULES.find((r) => r.test(text, bare));
}

/** Splits a scraped page into headline, body paragraphs and the furniture around them. */
export function cleanPage(rawText: string): CleanedPage {
  const lines = rawText.replace(/^\uFEFF/u, "").split(/\r?\n/u).map((l) => l.trim());
  const rules: (LineRule | undefined)[] = lines.map((t) => (t ? classify(t) : undefined));
  const found: (FurnitureRule | undefined)[] = rules.map((r) => r?.rule);
  const isText = (i: number) => lines[i] !== "" && found[i] === undefined;

  // A caption repeated on the next non-blank line (the image's alt text, then its caption).
  for (let i = 0; i < lines.length; i++) {
    if (!isText(i) || (lines[i] ?? "").length > 200) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] === "") j++;
    if (j < lines.length && lines[j] === lines[i] && isText(j)) {
      found[i] = "photo-caption";
      found[j] = "photo-caption";
    }
  }

  // The headline: the first line that is not furniture, when it reads as one.
  let headline: string | null = null;
  const first = lines.findIndex((_, i) => isText(i));
  if (first >= 0 && isHeadlineLike(lines[first] ?? "")) {
    headline = lines[first] ?? null;
    found[first] = "headline";
  }

  // A portal's auto-summary: text above its font-size widget, near the top of the page.
  const firstEnd = rules.findIndex((r) => r?.endsBody);
  const topEnd = firstEnd < 0 ? lines.length : firstEnd;
  let widget = -1;
  for (let i = 0; i < topEnd; i++) if (found[i] === "portal-widget") widget = i;
  for (let i = 0; i < widget; i++) if (isText(i)) found[i] = "portal-summary";

  // After the body: once a body paragraph has been followed by an end-of-body line
  // (reactions, "주요 뉴스", copyright, byline), only body-like paragraphs are kept.
  let seenBody = false;
  let inTail = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (!text) continue;
    if (found[i] !== undefined) {
      if (seenBody && rules[i]?.endsBody && found[i] === rules[i]?.rule) inTail = true;
      continue;
    }
    const bodyLike = isBodyLike(text);
    if (inTail && !bodyLike) found[i] = "after-body-list";
    else if (bodyLike) seenBody = true;
  }

  const paragraphs: string[] = [];
  const paragraphLines: number[] = [];
  const removed: RemovedLine[] = [];
  lines.forEach((text, i) => {
    if (!text) return;
    const rule = found[i];
    if (rule === undefined) {
      paragraphs.push(text);
      paragraphLines.push(i + 1);
    } else removed.push({ line: i + 1, text, rule });
  });
  return { headline, paragraphs, paragraphLines, removed };
}
