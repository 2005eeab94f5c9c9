// What every listener receives: the answer core and the adapter's small pieces of state.
import type { ConversationStore } from "../../engine/conversation-store.ts";
import type { Engine } from "../../engine/engine-types.ts";
import type { Lang } from "../../answer/types.ts";
import type { Logger } from "../../log.ts";
import type { Lru } from "../../lru.ts";
import type { FeedbackRecorder } from "../shared/feedback.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";
import type { ReloadGate } from "../shared/reload-gate.ts";
import type { ReplyPoster } from "./post-once.ts";

/** An answer as remembered for its feedback buttons. */
export interface AnswerRecord {
  question: string;
  answer: string;
  answered: boolean;
  lang: Lang;
  kbVersion: string;
  channel: string | null;
}

export interface SlackDeps {
  engine: Engine;
  logger: Logger;
  adminUserIds: ReadonlySet<string>;
  feedback: FeedbackRecorder;
  /** Recent answers by the short id their buttons carry. */
  recentAnswers: Lru<string, AnswerRecord>;
  /** Posts replies to mentions and DMs once per question, retries included. */
  replies: ReplyPoster;
  /** A new short id for an answer's buttons. */
  newAnswerId: () => string;
  /** Per-user question limit; absent means no limit. */
  rateLimiter?: RateLimiter;
  /** Threads and DMs the bot answered in, with their last question. */
  conversations: ConversationStore;
  /** One reload or rollback at a time, shared with the other adapters of the process. */
  reloadGate: ReloadGate;
}
