// What Slack itself sends to an HTTP-mode bot, built and signed as Slack does:
// `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret.
import { createHmac } from "node:crypto";
import { BOT_USER_ID, TEAM_ID } from "./fake-slack.ts";

export const SIGNING_SECRET = "test-signing-secret-0123456789";

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface PostOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Overrides the computed signature. */
  signature?: string;
  retryNum?: number;
  /** How long to wait for the response; default 5 s. */
  timeoutMs?: number;
}

export async function postSigned(url: string, body: string, contentType: string, options: PostOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? sign(options.secret ?? SIGNING_SECRET, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
}

let eventSeq = 0;

/** An Events API `event_callback` body around `event`. */
export function eventCallback(event: Record<string, unknown>, eventId?: string): Record<string, unknown> {
  eventSeq += 1;
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    api_app_id: "A0001",
    event: { event_ts: event.ts, ...event },
    type: "event_callback",
    event_id: eventId ?? `Ev${String(eventSeq).padStart(8, "0")}`,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
  };
}

export function mentionEvent(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "app_mention", user: "UASKER01", text: `<@${BOT_USER_ID}> ${text}`, ts: "1700000100.000100", channel: "C0CHANNEL", ...extra };
}

export function dmEvent(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "message", channel_type: "im", user: "UASKER01", text, ts: "1700000200.000100", channel: "D0DIRECT", ...extra };
}

let triggerSeq = 0;
/** Slack gives every command and click a trigger id of its own, so no two requests are the same. */
const nextTrigger = (): string => `1.2.${(triggerSeq += 1)}`;

/** The fields of a slash command, as Slack posts them (form-encoded in HTTP mode). */
export function commandFields(command: string, text: string, responseUrl: string, user = "UASKER01"): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    team_domain: "fake",
    channel_id: "C0CHANNEL",
    channel_name: "general",
    user_id: user,
    user_name: "asker",
    command,
    text,
    api_app_id: "A0001",
    response_url: responseUrl,
    trigger_id: nextTrigger(),
  };
}

/** A `block_actions` payload for a click on a button. */
export function buttonClick(options: {
  actionId: string;
  value: string;
  responseUrl: string;
  user?: string;
  channel?: string;
  messageText?: string;
  /** The clicked message's blocks, as Slack sends them back with the click. */
  messageBlocks?: unknown[];
  threadTs?: string;
}): Record<string, unknown> {
  return {
    type: "block_actions",
    team: { id: TEAM_ID, domain: "fake" },
    user: { id: options.user ?? "UVOTER01", username: "voter", team_id: TEAM_ID },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1700000300.000100", channel_id: options.channel ?? "C0CHANNEL", is_ephemeral: false },
    trigger_id: nextTrigger(),
    channel: { id: options.channel ?? "C0CHANNEL", name: "general" },
    message: {
      type: "message",
      text: options.messageText ?? "answer text",
      ...(options.messageBlocks ? { blocks: options.messageBlocks } : {}),
      ts: "1700000300.000100",
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    response_url: options.responseUrl,
    actions: [
      {
        type: "button",
        action_id: options.actionId,
        block_id: "chokepoint_feedback",
        value: options.value,
        text: { type: "plain_text", text: "👍" },
        action_ts: "1700000301.000100",
      },
    ],
  };
}

export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
