import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webApi } from "@slack/bolt";
import { createWebFetch, type WebFetch } from "../../../src/bots/slack/web-fetch.ts";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  socket: Socket;
}

let server: Server;
let base: string;
let seen: Seen[];
let handle: (req: IncomingMessage, res: ServerResponse, body: string) => void;
let fetcher: WebFetch;

beforeEach(async () => {
  seen = [];
  handle = (_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true }));
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, socket: req.socket });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fetcher = createWebFetch();
});

afterEach(async () => {
  fetcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createWebFetch", () => {
  it("posts the body and headers as given and returns status, headers and body as fetch does", async () => {
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-oauth-scopes": "chat:write, commands" });
      res.end(JSON.stringify({ ok: true, text: "수출 통제" }));
    };
    const body = "channel=C1&text=%ED%95%9C%EA%B8%80";
    const res = await fetcher(`${base}/api/chat.postMessage`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: "Bearer xoxb-1" },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/api/chat.postMessage`);
    expect(res.headers.get("x-oauth-scopes")).toBe("chat:write, commands");
    expect(await res.json()).toEqual({ ok: true, text: "수출 통제" });
    const [req] = seen;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/api/chat.postMessage");
    expect(req?.body).toBe(body);
    expect(req?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req?.headers.authorization).toBe("Bearer xoxb-1");
    expect(req?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("reuses one connection for calls made one after another", async () => {
    for (let i = 0; i < 3; i++) await (await fetcher(`${base}/api/x`, { method: "POST", body: "a=1" })).text();
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });

  it("passes error statuses and their headers through, such as a 429 with Retry-After", async () => {
    handle = (_req, res) => {
      res.writeHead(429, { "retry-after": "7" });
      res.end();
    };
    const res = await fetcher(`${base}/api/x`, { method: "POST", body: "a=1" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.text()).toBe("");
  });

  it("decodes a gzip-encoded body", async () => {
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(JSON.stringify({ ok: true, n: 1 })));
    };
    const res = await fetcher(`${base}/api/x`, { method: "POST", body: "a=1" });
    expect(await res.json()).toEqual({ ok: true, n: 1 });
    expect(res.headers.get("content-encoding")).toBeNull();
  });

  it("refuses a redirect when asked to, as the Web API client asks", async () => {
    handle = (_req, res) => {
      res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    };
    await expect(fetcher(`${base}/api/x`, { method: "POST", body: "a=1", redirect: "error" })).rejects.toThrow(/redirect/);
  });

  it("rejects when the signal aborts a call that has no answer yet", async () => {
    handle = () => {};
    await expect(fetcher(`${base}/api/x`, { method: "POST", body: "a=1", signal: AbortSignal.timeout(50) })).rejects.toThrow();
  });

  it("rejects when nothing listens", async () => {
    await expect(fetcher("http://127.0.0.1:1/api/x", { method: "POST", body: "a=1" })).rejects.toThrow();
  });

  it("leaves bodies that are not text, such as a file upload's form, to global fetch", async () => {
    const form = new FormData();
    form.append("channels", "C1");
    const res = await fetcher(`${base}/api/files.upload`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(seen[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/u);
    expect(seen[0]?.body).toContain('name="channels"');
  });

  it("carries the Web API client's calls: arguments in, parsed result and scopes out", async () => {
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-oauth-scopes": "chat:write" });
      res.end(JSON.stringify({ ok: true, channel: "C1", ts: "1.000200" }));
    };
    const client = new webApi.WebClient("xoxb-test", { slackApiUrl: `${base}/api/`, fetch: fetcher, retryConfig: { retries: 0 } });
    const result = await client.chat.postMessage({ channel: "C1", text: "H20 허가", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*H20*" } }] });
    expect(result.ts).toBe("1.000200");
    expect(result.response_metadata?.scopes).toEqual(["chat:write"]);
    const params = new URLSearchParams(seen[0]?.body);
    expect(params.get("text")).toBe("H20 허가");
    expect(JSON.parse(params.get("blocks") ?? "[]")).toEqual([{ type: "section", text: { type: "mrkdwn", text: "*H20*" } }]);
    expect(seen[0]?.headers.authorization).toBe("Bearer xoxb-test");
  });
});

describe("the responses of createWebFetch", () => {
  it("read as fetch's do: once, in any of the body's forms, with clone before reading", async () => {
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, text: "희토류" }));
    };
    const res = await fetcher(`${base}/api/x`, { method: "POST", body: "a=1" });
    expect(res.ok).toBe(true);
    expect(res.bodyUsed).toBe(false);
    const copy = res.clone();
    const again = res.clone();
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe('{"ok":true,"text":"희토류"}');
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    expect(() => res.clone()).toThrow(TypeError);
    expect(await copy.json()).toEqual({ ok: true, text: "희토류" });
    const reader = again.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain("희토류");
  });

  it("have no body for a 204, and are not ok for a 500", async () => {
    handle = (req, res) => {
      res.writeHead(req.url === "/empty" ? 204 : 500);
      res.end();
    };
    const empty = await fetcher(`${base}/empty`, { method: "POST", body: "a=1" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe("");
    const failed = await fetcher(`${base}/fail`, { method: "POST", body: "a=1" });
    expect(failed.ok).toBe(false);
    expect(failed.status).toBe(500);
  });
});
