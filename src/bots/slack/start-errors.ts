// What a failed start-up call means for the admin reading the log: a token Slack refused
// (which one, and what to do about it), a Slack that cannot be reached (and why), or Slack
// answering with an HTTP error. Pure: takes the Web API client's error, returns the message.
import { webApi } from "@slack/bolt";

const { ErrorCode } = webApi;

export type SlackTokenVariable = "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN";

export interface StartCall {
  /** The token the call carried, named by its variable. */
  token: SlackTokenVariable;
  /** The Web API method, e.g. "auth.test". */
  method: string;
  /** The Web API base URL the call went to. */
  apiUrl: string;
  /** The client's per-call timeout, to say how long a timed-out call waited. */
  timeoutMs?: number;
}

/** Slack's refusals of a token, each with what it means; the method is put in front. */
const REFUSALS: Record<string, (call: StartCall, needed: string | null) => string> = {
  invalid_auth: (c) => `${c.method}: not a valid token; mistyped, or from another app or workspace`,
  not_authed: (c) => `${c.method}: no token was sent`,
  token_revoked: (c) => `${c.method}: the token was revoked; generate a new one`,
  token_expired: (c) => `${c.method}: the token expired; generate a new one`,
  account_inactive: (c) => `${c.method}: the app was uninstalled or its workspace deactivated`,
  team_disabled: (c) => `${c.method}: the workspace was disabled`,
  not_allowed_token_type: (c) =>
    `${c.method} needs ${c.token === "SLACK_APP_TOKEN" ? "an app-level token, xapp-…" : "a bot token, xoxb-…"}`,
  missing_scope: (c, needed) => `${c.method} needs the ${needed ?? "missing"} scope`,
};

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  data?: { error?: unknown; needed?: unknown };
  statusCode?: unknown;
  statusMessage?: unknown;
  original?: unknown;
  cause?: unknown;
}

/** The innermost error of a chain (`original`, `cause`): the socket's own words, e.g. "connect ECONNREFUSED …". */
function rootCause(err: unknown): ErrorLike {
  let current = err as ErrorLike;
  for (let depth = 0; depth < 8; depth += 1) {
    const next = (current?.original ?? current?.cause) as ErrorLike | undefined;
    if (next === undefined || next === null || typeof next !== "object") break;
    current = next;
  }
  return current;
}

function networkCause(err: unknown, call: StartCall): string {
  const root = rootCause(err);
  if (root.name === "TimeoutError" || root.name === "AbortError") {
    return call.timeoutMs !== undefined ? `no answer within ${call.timeoutMs / 1000} s` : "the call timed out";
  }
  const message = typeof root.message === "string" && root.message !== "" ? root.message : String(root);
  const code = typeof root.code === "string" && !message.includes(root.code) ? ` (${root.code})` : "";
  return `${message}${code}`;
}

/** True when Slack answered and refused the token itself: trying again cannot help until it is replaced. */
export function isTokenRefusal(err: unknown): boolean {
  const e = (err ?? {}) as ErrorLike;
  return e.code === ErrorCode.PlatformError && typeof e.data?.error === "string" && e.data.error in REFUSALS;
}

/**
 * The message for a start-up call that failed: `SLACK_…_TOKEN was refused: <error> (…)` when
 * Slack answered and refused the token, `cannot reach Slack at <url>: <cause>` when the call
 * never got an answer (refused connection, unknown host, timeout), and the status when Slack
 * answered with an HTTP error.
 */
export function describeStartFailure(err: unknown, call: StartCall): string {
  const e = (err ?? {}) as ErrorLike;
  if (e.code === ErrorCode.PlatformError && typeof e.data?.error === "string") {
    const error = e.data.error;
    const needed = typeof e.data.needed === "string" ? e.data.needed : null;
    const explain = REFUSALS[error];
    return `slack: ${call.token} was refused: ${error}${explain ? ` (${explain(call, needed)})` : ` (${call.method})`}`;
  }
  if (e.code === ErrorCode.HTTPError) {
    const status = typeof e.statusCode === "number" ? e.statusCode : "?";
    const text = typeof e.statusMessage === "string" && e.statusMessage !== "" ? ` ${e.statusMessage}` : "";
    return `slack: Slack at ${call.apiUrl} answered ${call.method} with HTTP ${status}${text}`;
  }
  if (e.code === ErrorCode.RequestError) return `slack: cannot reach Slack at ${call.apiUrl}: ${networkCause(err, call)}`;
  const message = typeof e.message === "string" ? e.message : String(err);
  return `slack: ${call.method} failed: ${message}`;
}
