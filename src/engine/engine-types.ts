// The one object adapters talk to: ask questions, list sources, reload the knowledge base.
// Adapters receive an Engine; they never touch the knowledge store or the index directly.
import type { KbStatus, ReloadReport } from "../knowledge/report.ts";
import type { GapGroup, GapOptions, GapRecord } from "../answer/gaps.ts";
import type { Timeline } from "../answer/timeline.ts";
import type { Answer, Lang } from "../answer/types.ts";

export type { Timeline, TimelineEntry } from "../answer/timeline.ts";
export type { GapGroup, GapOptions, GapRecord } from "../answer/gaps.ts";

export interface SourceSummary {
  articleId: string;
  title: string;
  outlet: string;
  publishedAt: string;
  dateApproximate: boolean;
  url: string | null;
  facts: number;
}

/** What the bot knows and how to ask it, for help and usage replies. */
export interface Usage {
  lang: Lang;
  intro: string;
  topics: string[];
  examples: { ko: string[]; en: string[] };
  sources: SourceSummary[];
}

/** A value now, or later: an engine may answer on this thread or on another. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What the bots ask of the knowledge. Answers, timelines and gaps are awaited, so that an
 * engine may compute them on another thread; status, sources and usage describe the
 * current snapshot and are at hand wherever it is served from.
 */
export interface Engine {
  /** Answers on the snapshot current when called; never fails for a miss. */
  ask(question: string): Awaitable<Answer>;
  /**
   * Up to three questions to offer under an answer, each one the engine has answered from the
   * fact it was drawn from (answer/next-questions.ts); none when the answer's snapshot is gone.
   */
  followUps?(answer: Answer): Awaitable<string[]>;
  /** Builds and swaps in a new snapshot from disk; on errors the old one keeps serving. */
  reload(actor: string): Promise<ReloadReport>;
  /** Dated events about a topic in order, or the key events when topic is null. */
  timeline(topic: string | null, lang: Lang): Awaitable<Timeline>;
  /** Restores the snapshot that served before the last reload; the report says what changed. */
  rollback(actor: string): Promise<ReloadReport>;
  /** Groups unanswered questions (refusals, down-votes) of the last days, most frequent first. */
  gaps(records: readonly GapRecord[], options: GapOptions): Awaitable<GapGroup[]>;
  /** The grouped gaps recorded in the last days, where the bot records them (see bots/shared). */
  recentGaps?(days: number): Promise<GapGroup[]>;
  status(): KbStatus;
  sources(): SourceSummary[];
  usage(lang: Lang): Usage;
}
