// Reads an article's metadata from a scraped page: title, outlet, date, author, language.
// Every field says in `notes` where it came from, so a reviewer knows what to check.
import type { Lang } from "../schema.ts";
import type { CleanedPage } from "./clean.ts";
import { findFullDates } from "./dates.ts";
import { splitSentences } from "../text.ts";

/** Values given on the command line; each one wins over what the page says. */
export interface MetadataOptions {
  /** The page's address. Default: null. */
  url?: string;
  /** The outlet's name, for pages that never name it. */
  outlet?: string;
  /** Publication date, YYYY-MM-DD, for pages that give none. */
  date?: string;
}

export interface DraftMetadata {
  title: string;
  titleInferred: boolean;
  /** Null when neither the page nor the options name the outlet. */
  outlet: string | null;
  publishedAt: string;
  dateApproximate: boolean;
  author: string | null;
  url: string | null;
  language: Lang;
  /** One line per field saying how it was read or inferred. */
  notes: string[];
}

export const REVIEW_NOTE = "Imported by kb import; review metadata and facts, then set status: curated.";
const PLACEHOLDER_LENGTH = 40;
const REPORTER = /([가-힣]{2,4})\s*(?:기자|특파원|선임기자|객원기자)/u;
const EMAILS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;

/** "저작권자 © 여성경제신문 무단전재 …" → "여성경제신문"; "Copyright © 파이낸셜뉴스. …" → "파이낸셜뉴스". */
export function outletFromCopyright(line: string): string | null {
  const m = /(?:저작권자|copyright)\s*(?:©|ⓒ|\(c\))\s*(.+)$/iu.exec(line);
  if (!m) return null;
  const rest = (m[1] ?? "").replace(/^(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2,4})?\s*/u, "");
  const name = (rest.split(/[.,]|\s+무단|\s*all rights/iu)[0] ?? "").trim();
  return name || null;
}

/** "여성경제신문 김성하 기자 lysf@…" → "여성경제신문": the word before the reporter's name. */
export function outletFromByline(line: string): string | null {
  const m = /(?:^|\s)(\p{L}[\p{L}\p{N}]*)\s+[가-힣]{2,4}\s*(?:기자|특파원|선임기자|객원기자)/u.exec(line.replace(EMAILS, " ").trim());
  return m?.[1] ?? null;
}

/** "홍길동 특파원", "【실리콘밸리=홍창기 특파원】" → the reporter's name. */
export function authorFromByline(line: string): string | null {
  return REPORTER.exec(line.replace(EMAILS, " "))?.[1] ?? null;
}

function placeholderTitle(paragraphs: readonly string[]): string {
  const first = splitSentences(paragraphs.join("\n"))[0] ?? "";
  return first.length > PLACEHOLDER_LENGTH ? `${first.slice(0, PLACEHOLDER_LENGTH).trimEnd()}…` : first;
}

function readOutlet(page: CleanedPage, given: string | undefined): { outlet: string | null; note: string } {
  const fromCopyright = page.removed
    .filter((r) => r.rule === "copyright")
    .map((r) => ({ line: r.text, name: outletFromCopyright(r.text) }))
    .find((c) => c.name);
  const fromByline = page.removed
    .filter((r) => r.rule === "byline")
    .map((r) => ({ line: r.text, name: outletFromByline(r.text) }))
    .find((c) => c.name);
  const lastBody = page.paragraphLines.at(-1) ?? 0;
  const lone = page.removed.find((r) => r.rule === "lone-name" && r.line > lastBody);
  if (given) {
    const said = fromCopyright?.name ?? fromByline?.name ?? lone?.text;
    return { outlet: given, note: `Outlet is from --outlet${said && said !== given ? ` (the page says ${said})` : ""}.` };
  }
  if (fromCopyright?.name) return { outlet: fromCopyright.name, note: `Outlet is from the copyright line (${fromCopyright.line}).` };
  if (fromByline?.name) return { outlet: fromByline.name, note: `Outlet is from the byline (${fromByline.line}).` };
  if (lone) return { outlet: lone.text, note: `Outlet is from the standalone ${lone.text} line after the body.` };
  return { outlet: null, note: "The page never names its outlet." };
}

function readDate(
  rawText: string,
  page: CleanedPage,
  given: string | undefined,
  today: string,
): { publishedAt: string; dateApproximate: boolean; note: string } {
  if (given) return { publishedAt: given, dateApproximate: false, note: "Date is from --date." };
  for (const r of page.removed) {
    if (r.rule !== "timestamp" || !/^(?:입력|기사\s*입력|등록)/u.test(r.text)) continue;
    const found = findFullDates(r.text)[0];
    if (found) return { publishedAt: found.date, dateApproximate: false, note: `Date is from the page's 입력 line (${r.text}).` };
  }
  const dates = findFullDates(rawText).filter((d) => d.date <= today);
  const latest = dates.reduce<(typeof dates)[number] | undefined>((a, d) => (!a || d.date > a.date ? d : a), undefined);
  if (latest) {
    return {
      publishedAt: latest.date,
      dateApproximate: true,
      note: `The page gives no publication date; publishedAt is the latest full date in the page (${latest.text}), so it is approximate. Check it.`,
    };
  }
  return {
    publishedAt: today,
    dateApproximate: true,
    note: `The page gives no date at all; publishedAt is the day of import (${today}). Set the real date.`,
  };
}

function readAuthor(page: CleanedPage): { author: string | null; note: string } {
  for (const r of page.removed) {
    if (r.rule !== "byline" && r.rule !== "dateline") continue;
    const author = authorFromByline(r.text);
    if (author) return { author, note: `Author is from the ${r.rule} ${r.text}.` };
  }
  return { author: null, note: "The page has no byline, so author is null." };
}

/** Korean when Hangul letters outnumber Latin ones in the body. */
export function detectLanguage(text: string): Lang {
  const hangul = text.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/gu)?.length ?? 0;
  return hangul >= latin ? "ko" : "en";
}

/** Reads the metadata of a cleaned page; `today` (YYYY-MM-DD) is the fallback date. */
export function extractMetadata(rawText: string, page: CleanedPage, options: MetadataOptions, today: string): DraftMetadata {
  const titleInferred = page.headline === null;
  const title = page.headline ?? placeholderTitle(page.paragraphs);
  const outlet = readOutlet(page, options.outlet);
  const date = readDate(rawText, page, options.date, today);
  const author = readAuthor(page);
  const language = detectLanguage(page.paragraphs.join("\n"));
  const notes = [
    titleInferred
      ? "The page has no headline; the title is a placeholder cut from the first sentence. Write a real one."
      : "Title is the page's headline line.",
    outlet.note,
    date.note,
    author.note,
    options.url ? "URL is from --url." : "No URL was given (--url); add the page's address if known.",
    `Language is ${language}, as ${language === "ko" ? "Hangul" : "Latin script"} dominates the body.`,
    REVIEW_NOTE,
  ];
  return {
    title,
    titleInferred,
    outlet: outlet.outlet,
    publishedAt: date.publishedAt,
    dateApproximate: date.dateApproximate,
    author: author.author,
    url: options.url ?? null,
    language,
    notes,
  };
}
