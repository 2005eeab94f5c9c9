// discord.js's REST client retries a 5xx and a request that timed out, but of the network
// errors only those whose top-level `code` or message says ECONNRESET. Its undici transport
// reports a reset connection as "other side closed" (UND_ERR_SOCKET) or as a cause under
// "fetch failed", so a reset on an interaction callback failed the answer at once. This
// transport marks a reset as ECONNRESET, which the client then retries like a 500, where
// sending again cannot post twice: an interaction callback (Discord refuses a second one with
// 40060) and the methods other than POST. A reset POST of a message may have been carried
// out, so it fails as before rather than risk a duplicate.
import { DefaultRestOptions, type RESTOptions } from "discord.js";
import type { Logger } from "../../log.ts";

type MakeRequest = RESTOptions["makeRequest"];

const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);
const RESET_MESSAGE = /socket hang up|other side closed|ECONNRESET/u;

/** True when `err`, or an error in its cause chain, is a connection reset. */
export function isConnectionReset(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as NodeJS.ErrnoException).code;
    if ((typeof code === "string" && RESET_CODES.has(code)) || RESET_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** The request's path with interaction and webhook tokens masked, for logs. */
export function maskedPath(url: string): string {
  const path = new URL(url).pathname.replace(/^\/api\/v\d+/u, "");
  return path.replace(/^\/(interactions|webhooks)\/(\d+)\/[^/]+/u, "/$1/$2/:token");
}

const CALLBACK_PATH = /^\/interactions\/\d+\/[^/]+\/callback$/u;

/** True when sending the request again cannot carry it out twice. */
export function safeToResend(method: string, path: string): boolean {
  return method.toUpperCase() !== "POST" || CALLBACK_PATH.test(path);
}

/** A REST transport (`rest.makeRequest`) that turns a connection reset into an ECONNRESET the client retries, when resending is safe. */
export function retryResets(logger: Logger, makeRequest: MakeRequest = DefaultRestOptions.makeRequest): MakeRequest {
  return async (url, init) => {
    try {
      return await makeRequest(url, init);
    } catch (err) {
      if (!isConnectionReset(err)) throw err;
      const method = init.method ?? "GET";
      const path = maskedPath(url);
      const resend = safeToResend(method, path);
      // discord.js decides whether retries are left; the final failure is the caller's to log.
      logger.warn("discord: REST connection reset", { method, path, resend, error: (err as Error).message });
      if (!resend) throw err;
      throw Object.assign(new Error(`ECONNRESET: ${(err as Error).message}`, { cause: err }), { code: "ECONNRESET" });
    }
  };
}
