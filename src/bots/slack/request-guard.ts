// Checks in front of Bolt's HTTP receiver, for what it lets through: a signed body that is
// JSON but not an object (`null` threw inside Bolt and left the connection hanging), a
// timestamp in the future past the 5-minute window (Bolt refuses only stale ones), and a
// signed command or click sent again (a replay within the window would carry it out
// twice; commands and clicks carry no id to dedupe on, but their signature is one). The
// body is read once here and handed on to Bolt, which reuses it.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "../../log.ts";
import type { SeenIds } from "../../shared/dedupe.ts";

/** How far a request's timestamp may be from now, either way: Slack's 5 minutes. */
export const REQUEST_WINDOW_SECONDS = 5 * 60;
/** Bolt's limit on a request body. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export interface RequestGuardOptions {
  signingSecret: string;
  /** Signatures already carried out (shared by replicas over Redis); remembered longer than the window. */
  seen: SeenIds;
  logger: Logger;
  /** Only requests to this path are checked. */
  path: string;
  /** Clock in ms, for tests. Default `Date.now`. */
  now?: () => number;
}

type Verdict = { status: 400 | 401 | 200; reason: string } | null;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT_BYTES) throw new BodyTooLarge(`body over ${BODY_LIMIT_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

function signatureMatches(secret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body as Bolt will read it: a form's `payload` field, else the form, else JSON. Undefined when it does not parse (Bolt answers that with 400). */
function parsedBody(req: IncomingMessage, body: Buffer): unknown {
  const text = body.toString("utf8");
  try {
    if (req.headers["content-type"] === "application/x-www-form-urlencoded") {
      const form = new URLSearchParams(text);
      const payload = form.get("payload");
      return payload !== null ? JSON.parse(payload) : Object.fromEntries(form);
    }
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Wraps the receiver's request listener with the checks above. */
export function guardRequests(listener: RequestListener, options: RequestGuardOptions): RequestListener {
  const { signingSecret, seen, logger } = options;
  const now = options.now ?? Date.now;

  const check = async (req: IncomingMessage, body: Buffer): Promise<Verdict> => {
    const signature = header(req, "x-slack-signature");
    const timestamp = header(req, "x-slack-request-timestamp");
    // Unsigned, malformed, stale or forged: Bolt refuses those itself.
    if (signature === null || timestamp === null || !/^\d{1,12}$/u.test(timestamp)) return null;
    if (Number(timestamp) > Math.floor(now() / 1000) + REQUEST_WINDOW_SECONDS) {
      return { status: 401, reason: "timestamp more than 5 minutes in the future" };
    }
    if (!signatureMatches(signingSecret, timestamp, body, signature)) return null;
    const parsed = parsedBody(req, body);
    if (parsed === undefined) return null;
    if (!isObject(parsed)) return { status: 400, reason: "body is not a JSON object" };
    // Slack never sends a challenge twice, and a replayed one does nothing; events are
    // handled once by their event_id (middleware/dedupe-events.ts), redeliveries included.
    if (parsed.type === "url_verification" || parsed.type === "event_callback") return null;
    if (await seen.isDuplicate(`request:${signature}`)) return { status: 200, reason: "replayed request (same signature) skipped" };
    return null;
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== options.path) {
      listener(req, res);
      return;
    }
    void (async () => {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (err) {
        logger.warn("slack: could not read a request", { error: (err as Error).message });
        res.writeHead(err instanceof BodyTooLarge ? 413 : 400);
        res.end();
        return;
      }
      // Bolt reads a body already buffered here instead of the stream.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
      const verdict = await check(req, body);
      if (verdict) {
        if (verdict.status === 200) logger.info("slack: skipped a replayed request", { reason: verdict.reason });
        else logger.warn("slack: refused a request", { status: verdict.status, reason: verdict.reason });
        res.writeHead(verdict.status);
        res.end();
        return;
      }
      listener(req, res);
    })().catch((err: unknown) => {
      logger.error("slack: handling a request failed", { err });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}
