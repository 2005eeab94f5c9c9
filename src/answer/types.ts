// Public types of the answer layer: what adapters and the CLI receive.
import type { Lang } from "../knowledge/schema.ts";

export type { Lang };

export interface Citation {
  articleId: string;
  title: string;
  outlet: string;
  /** YYYY-MM-DD */
  publishedAt: string;
  /** True when the article's date was inferred rather than printed on it. */
  dateApproximate: boolean;
  url: string | null;
  /** Verbatim from the article body; checked by the loader. */
  quote: string;
  factId: string | null;
}

export interface Answer {
  question: string;
  lang: Lang;
  answered: boolean;
  text: string;
  citations: Citation[];
  /** Why the question was refused; null when answered. */
  refusal: RefusalReason | null;
  /** Topics the knowledge base does cover that come closest to the question (refusals). */
  suggestions: string[];
  /** Version of the knowledge base snapshot the answer came from. */
  kbVersion: string;
}

export type RefusalReason = "empty" | "no-support";
