// Slack redelivers an event it thinks went unanswered (with X-Slack-Retry-Num), and Socket
// Mode can deliver one twice: each `event_id` is handled once. Events are acked by Bolt
// before any middleware runs, so a skipped redelivery is still acknowledged.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../../log.ts";
import type { SeenIds } from "../../../shared/dedupe.ts";

export function dedupeEvents(cache: SeenIds, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && (await cache.isDuplicate(eventId))) {
      logger.info("slack: skipped a redelivered event", {
        eventId,
        retryNum: context.retryNum,
        retryReason: context.retryReason,
      });
      return;
    }
    await next();
  };
}
