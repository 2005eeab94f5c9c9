// What the bot could not answer, grouped: the questions users asked that the knowledge base
// does not support (and answers voted down), most frequent first, near-duplicates together.
import type { Glossary } from "../search/analysis.ts";
import { analyzeDocument } from "../search/analysis.ts";

export interface GapRecord {
  /** ISO time. */
  at: string;
  question: string;
  /** Why it is a gap: the bot refused, or a user voted the answer down. */
  kind: "refused" | "downvoted";
}

export interface GapGroup {
  /** The most recent wording of the question. */
  question: string;
  count: number;
  refused: number;
  downvoted: number;
  lastAt: string;
  /** Other wordings, at most three. */
  variants: string[];
}

export interface GapOptions {
  days: number;
  now: Date;
  /** Most groups returned. */
  limit?: number;
}

/** Two questions are near-duplicates when their content words mostly coincide. */
const SAME_QUESTION = 0.5;

function wordsOf(question: string, glossary: Glossary): Set<string> {
  return new Set(analyzeDocument(question, glossary).filter((t) => !t.startsWith("#")));
}

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export function groupGaps(records: readonly GapRecord[], glossary: Glossary, options: GapOptions): GapGroup[] {
  const since = options.now.getTime() - options.days * 86_400_000;
  const recent = records
    .filter((r) => r.question.trim() && Date.parse(r.at) >= since)
    .sort((a, b) => b.at.localeCompare(a.at));
  const groups: Array<GapGroup & { words: Set<string> }> = [];
  for (const r of recent) {
    const words = wordsOf(r.question, glossary);
    const group = groups.find((g) => similarity(g.words, words) >= SAME_QUESTION);
    if (group) {
      group.count++;
      group[r.kind]++;
      const q = r.question.trim();
      if (q !== group.question && !group.variants.includes(q) && group.variants.length < 3) group.variants.push(q);
      continue;
    }
    groups.push({
      question: r.question.trim(),
      count: 1,
      refused: r.kind === "refused" ? 1 : 0,
      downvoted: r.kind === "downvoted" ? 1 : 0,
      lastAt: r.at,
      variants: [],
      words,
    });
  }
  return groups
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    .slice(0, options.limit ?? 20)
    .map(({ words: _words, ...g }) => g);
}
