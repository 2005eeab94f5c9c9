// Posts a reply to a question once, even when a post's response is lost. A chat.postMessage
// that Slack carried out may still fail on our side (the connection reset after Slack handled
// it, or the answer came later than the call's timeout); posting again would show the answer
// twice. So every reply carries message metadata naming its question, the client that posts
// it makes one attempt per call, and before each retry the thread (or the DM) is searched for
// a reply already carrying that mark.
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../log.ts";
import type { SlackMessage } from "./format.ts";

/** The metadata event type of the bot's replies to questions. */
export const REPLY_EVENT_TYPE = "chokepoint_reply";

export interface ReplyTarget {
  channel: string;
  /** The thread to reply in; null for a top-level message (a DM outside a thread). */
  threadTs: string | null;
  /** Names the question this reply answers (unique per question, e.g. "C123:1700000000.000100"). */
  questionId: string;
  /** The question's ts: the reply is looked for among the messages after it. */
  questionTs: string;
}

export interface PostedReply {
  ts: string;
  /** True when the reply was found already posted rather than posted by this call. */
  found: boolean;
}

export interface ReplyPoster {
  /** Posts `message` as the reply to `target`, or finds it already posted. Rejects with the last failure. */
  post(target: ReplyTarget, message: SlackMessage): Promise<PostedReply>;
}

export interface ReplyPosterOptions {
  /** A client that makes one attempt per call (`retryConfig: { retries: 0 }`). */
  client: webApi.WebClient;
  /** How often and how long to retry, read as the Web API client reads it. */
  policy: Readonly<webApi.RetryOptions>;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** Messages searched for an earlier copy, from the question on: a reply goes out seconds after it. */
const LOOKUP_LIMIT = 100;

/** node-retry's delay before retry `n` (1-based). */
export function retryDelayMs(policy: Readonly<webApi.RetryOptions>, n: number): number {
  const min = policy.minTimeout ?? 1_000;
  const max = policy.maxTimeout ?? Infinity;
  const factor = policy.factor ?? 2;
  const random = policy.randomize ? 1 + Math.random() : 1;
  return Math.min(Math.round(random * min * factor ** (n - 1)), max);
}

interface SlackErrorLike {
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
}

/** Slack answered and refused (e.g. channel_not_found): another attempt would be refused too. */
const isPlatformError = (err: unknown): boolean => (err as SlackErrorLike)?.code === "slack_webapi_platform_error";

function describe(err: unknown): string {
  const e = err as SlackErrorLike;
  return typeof e?.message === "string" ? e.message : String(err);
}

interface MessageLike {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export function createReplyPoster(options: ReplyPosterOptions): ReplyPoster {
  const { client, policy, logger } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retries = Math.max(0, policy.retries ?? 10);

  const lookup = async (target: ReplyTarget): Promise<string | null> => {
    const window = { channel: target.channel, oldest: target.questionTs, include_all_metadata: true, limit: LOOKUP_LIMIT };
    const page = target.threadTs
      ? await client.conversations.replies({ ...window, ts: target.threadTs })
      : await client.conversations.history(window);
    const mine = ((page.messages ?? []) as MessageLike[]).find(
      (m) => m.metadata?.event_type === REPLY_EVENT_TYPE && m.metadata.event_payload?.question === target.questionId,
    );
    return mine?.ts ?? null;
  };

  return {
    async post(target, message) {
      const metadata = { event_type: REPLY_EVENT_TYPE, event_payload: { question: target.questionId } };
      const args = { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), ...message, metadata };
      // Set after a post whose outcome is unknown: the next attempt looks before it posts.
      let mayBePosted = false;
      for (let attempt = 1; ; attempt += 1) {
        try {
          if (mayBePosted) {
            const ts = await lookup(target).catch((err: unknown) => {
              // No history scope, or no access to the thread: posting again is the only way left.
              if (isPlatformError(err)) {
                logger.warn("slack: could not look for an earlier copy of the reply, posting again", { channel: target.channel, error: describe(err) });
                return null;
              }
              throw err;
            });
            if (ts !== null) {
              logger.info("slack: the reply was already posted; not posting it again", { channel: target.channel, question: target.questionId, ts, attempt });
              return { ts, found: true };
            }
          }
          mayBePosted = true;
          const posted = await client.chat.postMessage(args);
          return { ts: String(posted.ts ?? ""), found: false };
        } catch (err) {
          const retriesLeft = retries - attempt + 1;
          if (isPlatformError(err) || retriesLeft <= 0) throw err;
          const status = (err as SlackErrorLike).statusCode;
          logger.warn("slack: Web API call failed, retrying", {
            attempt,
            retriesLeft,
            ...(typeof status === "number" ? { status } : {}),
            error: describe(err),
          });
          await sleep(retryDelayMs(policy, attempt));
        }
      }
    },
  };
}
