// Full calendar dates written in a page: "2025-07-18", "2025.05.01", "2025/12/10",
// "2025년 7월 18일". A day-of-month alone ("18일") is not a full date.

export interface FoundDate {
  /** YYYY-MM-DD. */
  date: string;
  /** The text as written. */
  text: string;
}

const FULL_DATE =
  /(?<!\d)((?:19|20)\d{2})\s*(?:[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})|년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일)(?!\d)/gu;

/** True for a real YYYY-MM-DD day (no 2025-02-30). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

function pad(n: string): string {
  return n.padStart(2, "0");
}

/** Every valid full date in the text, in order of appearance. */
export function findFullDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(FULL_DATE)) {
    const month = m[2] ?? m[4] ?? "";
    const day = m[3] ?? m[5] ?? "";
    const date = `${m[1]}-${pad(month)}-${pad(day)}`;
    if (isCalendarDate(date)) out.push({ date, text: m[0] });
  }
  return out;
}
