// Dates of events as the articles give them — a year, a month or a day, sometimes
// approximate — and questions that ask about the present or about change.
import type { DatePrecision, Lang } from "../knowledge/schema.ts";

export function precisionOf(date: string): DatePrecision {
  return date.length === 4 ? "year" : date.length === 7 ? "month" : "day";
}

/** The last of the greatest items by `compare`: what a stable sort would put last. */
export function lastGreatest<T>(items: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || compare(item, best) >= 0) best = item;
  return best;
}

/** True when two partial dates can name the same time (equal at the coarser precision). */
export function datesCompatible(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function formatDate(date: string, lang: Lang, approximate = false): string {
  const [y, m, d] = date.split("-");
  const month = m ? Number(m) : 0;
  const day = d ? Number(d) : 0;
  if (lang === "ko") {
    const text = `${y}년${month ? ` ${month}월` : ""}${day ? ` ${day}일` : ""}`;
    return approximate ? `${text}경` : text;
  }
  const text = day ? `${MONTHS_EN[month - 1]} ${day}, ${y}` : month ? `${MONTHS_EN[month - 1]} ${y}` : `${y}`;
  return approximate ? `around ${text}` : text;
}

/** True when a text says when: a year, a month or a day, or a relative date ("last month", "지난달"). */
export function saysWhen(text: string): boolean {
  return (
    /\d+\s?(?:년|월|일)|지난|올해|올\s|오는|이달|작년|내년|지난해/u.test(text) ||
    /\b(?:19|20)\d{2}\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:last|this|next) (?:year|month|week)\b|\byesterday\b/iu.test(text)
  );
}

export type TimeIntent = "present" | "change";

const CHANGE = /\bhow (?:did|has|have|does)\b[^?]*\b(?:change|changed|evolve|evolved|shift|shifted|develop|developed)\b|\bover time\b|\bwhat changed\b|\bhistory of\b|바뀌|바뀐|변화|변했|달라졌|달라진|흐름|경과|변천/iu;
// "latest"/"최신" are left out: "the latest chip" asks for a chip, not for the present.
const PRESENT = /\b(?:now|current|currently|still|today|as of|anymore|nowadays|at the moment|right now)\b|현재|지금(?!까지)|아직|여전히|요즘/iu;

/** Whether a question asks for the latest state, for how things changed, or neither. */
export function timeIntent(question: string): TimeIntent | null {
  if (CHANGE.test(question)) return "change";
  if (PRESENT.test(question)) return "present";
  return null;
}
