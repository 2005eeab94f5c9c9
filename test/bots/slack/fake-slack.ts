// A fake Slack for end-to-end tests, on 127.0.0.1 only: the Web API methods the bot calls
// (form-encoded bodies, blocks as JSON strings), response_url endpoints, and a Socket Mode
// WebSocket server that says hello, sends envelopes and collects the client's acks.
// Faults for reliability tests: HTTP errors (429 with Retry-After, 5xx) for a method's next
// calls, a call carried out whose response is lost (connection reset, or sent late), and a
// Socket Mode connection cut without a close frame. Posted messages are kept per channel
// for conversations.replies / conversations.history.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const BOT_USER_ID = "UBOT0001";
export const BOT_ID = "BBOT0001";
export const TEAM_ID = "T0001";

export interface ApiCall {
  method: string;
  /** Form fields, with `blocks` (and `attachments`) parsed from their JSON strings. */
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | null;
  /** The HTTP status the fake answered with (200 unless an HTTP fault was injected). */
  status?: number;
  /** When the call arrived (`Date.now()`). */
  at?: number;
  /** When the fake's answer was sent (`Date.now()`); unset while the call is still in flight. */
  answeredAt?: number;
}

/** An HTTP-level failure for a Web API method: what the client sees before any `ok` field. */
export interface HttpFault {
  /** The status to answer with, e.g. 429 or 500. */
  status: number;
  /** Extra response headers, e.g. `{ "retry-after": "1" }`. */
  headers?: Record<string, string>;
  /** How many calls get the fault; `Infinity` until `clearHttpFaults`. Default 1. */
  times?: number;
}

/** A call Slack carries out but whose response never arrives in time. */
export interface LostResponseFault {
  /** "reset": the connection is destroyed after the call is handled; "delay": the response is sent `delayMs` late. */
  mode: "reset" | "delay";
  delayMs?: number;
  /** How many calls get the fault. Default 1. */
  times?: number;
}

/** A message as the fake keeps it after chat.postMessage. */
export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: unknown;
  bot_id: string;
  metadata?: unknown;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

const DEFAULT_WAIT_MS = 5_000;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return raw === "" ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    args[k] = ((k === "blocks" || k === "attachments") && v.startsWith("[")) || (k === "metadata" && v.startsWith("{")) ? JSON.parse(v) : v;
  }
  return args;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly acks: SocketAck[] = [];
  readonly sockets: WebSocket[] = [];
  /** Every message posted with chat.postMessage, in order. */
  readonly messages: StoredMessage[] = [];
  readonly #lostResponses = new Map<string, { fault: LostResponseFault; left: number }[]>();
  /** Errors to return, once each, for the next calls of a method (e.g. "channel_not_found"). */
  readonly #failures = new Map<string, string[]>();
  /** Errors returned for every call of a method, as a refused token gets. */
  readonly #refusals = new Map<string, Record<string, unknown>>();
  /** HTTP faults by method, consumed call by call. */
  readonly #httpFaults = new Map<string, { fault: HttpFault; left: number }[]>();
  /** Milliseconds to hold each answer to a method, keeping its calls in flight. */
  readonly #delays = new Map<string, number>();
  #ts = 1_700_000_000;
  #envelope = 0;
  #response = 0;
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  port = 0;

  private constructor() {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => sendJson(res, 500, { ok: false, error: String(err) }));
    });
    this.#wss = new WebSocketServer({ server: this.#server, path: "/socket" });
    this.#wss.on("connection", (ws) => {
      this.sockets.push(ws);
      ws.on("message", (data) => {
        const msg = JSON.parse(String(data)) as SocketAck;
        if (typeof msg.envelope_id === "string") this.acks.push(msg);
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }));
    });
  }

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    fake.#server.listen(0, "127.0.0.1");
    await once(fake.#server, "listening");
    fake.port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The Web API base for `clientOptions.slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh response_url; posts to it are recorded under the returned id. */
  newResponseUrl(): { id: string; url: string } {
    this.#response += 1;
    const id = `r${this.#response}`;
    return { id, url: `${this.baseUrl}/response/${id}` };
  }

  failNext(method: string, error: string): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), error]);
  }

  /** Answers every call of `method` with `{ ok: false, error, ...extra }` (e.g. `needed` of missing_scope). */
  failAlways(method: string, error: string, extra: Record<string, unknown> = {}): void {
    this.#refusals.set(method, { ...extra, ok: false, error });
  }

  /** Answers the next `fault.times` calls of `method` with an HTTP error instead of the API's answer. */
  failHttp(method: string, fault: HttpFault): void {
    this.#httpFaults.set(method, [...(this.#httpFaults.get(method) ?? []), { fault, left: fault.times ?? 1 }]);
  }

  /** Carries out the next `fault.times` calls of `method`, then loses their responses. */
  loseResponses(method: string, fault: LostResponseFault): void {
    this.#lostResponses.set(method, [...(this.#lostResponses.get(method) ?? []), { fault, left: fault.times ?? 1 }]);
  }

  /** Removes the HTTP faults still pending, for one method or all. */
  clearHttpFaults(method?: string): void {
    if (method === undefined) this.#httpFaults.clear();
    else this.#httpFaults.delete(method);
  }

  /** Cuts every Socket Mode connection without a close frame, as a network drop does. */
  dropSockets(): void {
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.terminate();
  }

  /** Holds every answer to `method` for `ms` before sending it. */
  delay(method: string, ms: number): void {
    this.#delays.set(method, ms);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const raw = await readBody(req);
    const args = parseArgs(String(req.headers["content-type"] ?? ""), raw);

    if (url.pathname.startsWith("/response/")) {
      this.responses.push({ id: url.pathname.slice("/response/".length), body: args });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    if (!url.pathname.startsWith("/api/")) {
      sendJson(res, 404, { ok: false, error: "unknown_path" });
      return;
    }

    const method = url.pathname.slice("/api/".length);
    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : typeof args.token === "string" ? args.token : null;
    const call: ApiCall = { method, args, token, status: 200, at: Date.now() };
    this.calls.push(call);
    res.once("finish", () => (call.answeredAt = Date.now()));
    const delay = this.#delays.get(method);
    if (delay !== undefined) await new Promise((r) => setTimeout(r, delay));

    const pending = this.#httpFaults.get(method);
    const injected = pending?.[0];
    if (pending && injected) {
      injected.left -= 1;
      if (injected.left <= 0) pending.shift();
      call.status = injected.fault.status;
      const text = JSON.stringify({ ok: false, error: injected.fault.status === 429 ? "ratelimited" : "fatal_error" });
      res.writeHead(injected.fault.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...injected.fault.headers });
      res.end(text);
      return;
    }

    const refusal = this.#refusals.get(method);
    if (refusal !== undefined) {
      sendJson(res, 200, refusal);
      return;
    }

    const failure = this.#failures.get(method)?.shift();
    if (failure !== undefined) {
      sendJson(res, 200, { ok: false, error: failure });
      return;
    }

    const lost = this.#lostResponses.get(method);
    const losing = lost?.[0];
    const body = this.#answer(method, args);
    if (lost && losing) {
      losing.left -= 1;
      if (losing.left <= 0) lost.shift();
      if (losing.fault.mode === "reset") req.socket.destroy();
      else setTimeout(() => sendJson(res, 200, body), losing.fault.delayMs ?? 1_000).unref();
      return;
    }
    sendJson(res, 200, body);
  }

  /** The API's answer to a call, after its effect (a message kept). */
  #answer(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack/", team: "Fake", user: "chokepoint", team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID };
      case "chat.postMessage": {
        // After the questions tests send (their ts are in 2023), as Slack's would be.
        this.#ts = Math.max(this.#ts + 1, Math.floor(Date.now() / 1000));
        const ts = `${this.#ts}.000100`;
        this.messages.push({
          channel: String(args.channel),
          ts,
          ...(typeof args.thread_ts === "string" ? { thread_ts: args.thread_ts } : {}),
          text: args.text,
          bot_id: BOT_ID,
          ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
        });
        return { ok: true, channel: args.channel, ts, message: { text: args.text } };
      }
      case "conversations.replies":
      case "conversations.history": {
        const withMetadata = args.include_all_metadata === "true" || args.include_all_metadata === true;
        const inThread = (m: StoredMessage) => m.thread_ts === args.ts || m.ts === args.ts;
        const found = this.messages
          .filter((m) => m.channel === args.channel && (method === "conversations.replies" ? inThread(m) : m.thread_ts === undefined))
          .filter((m) => args.oldest === undefined || Number(m.ts) > Number(args.oldest))
          .map(({ channel: _channel, metadata, ...m }) => ({ type: "message", ...m, ...(withMetadata && metadata !== undefined ? { metadata } : {}) }));
        // History is newest first; a thread's replies oldest first.
        return { ok: true, messages: method === "conversations.history" ? found.reverse() : found, has_more: false };
      }
      case "chat.postEphemeral":
        this.#ts += 1;
        return { ok: true, message_ts: `${this.#ts}.000200` };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      default:
        return { ok: true };
    }
  }

  /** Polls until `find` returns a value, or fails after `timeoutMs` naming `what`. */
  async waitFor<T>(find: () => T | undefined | null | false, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined && found !== null && found !== false) return found;
      if (Date.now() > deadline) throw new Error(`fake-slack: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  waitForCall(method: string, match: (c: ApiCall) => boolean = () => true): Promise<ApiCall> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && match(c)), `a ${method} call`);
  }

  waitForResponse(id: string, match: (r: ResponseUrlPost) => boolean = () => true): Promise<ResponseUrlPost> {
    return this.waitFor(() => this.responses.find((r) => r.id === id && match(r)), `a post to response_url ${id}`);
  }

  /** Sends a Socket Mode envelope to the connected client and resolves with its ack. */
  async sendEnvelope(type: "events_api" | "slash_commands" | "interactive", payload: unknown, extra: Record<string, unknown> = {}): Promise<SocketAck> {
    const ws = await this.waitFor(() => this.sockets.find((s) => s.readyState === s.OPEN), "a Socket Mode connection");
    this.#envelope += 1;
    const envelope_id = `env-${this.#envelope}`;
    ws.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== "events_api", ...extra }));
    return this.waitFor(() => this.acks.find((a) => a.envelope_id === envelope_id), `the ack of ${envelope_id}`);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
