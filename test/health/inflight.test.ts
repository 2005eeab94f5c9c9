import { once } from "node:events";
import { createServer, get as httpGet, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { createInflightTracker, trackOutgoingRequests, withInflight } from "../../src/health/inflight.ts";
import type { Answer } from "../../src/answer/types.ts";
import { createFakeEngine, OK_REPORT } from "../bots/slack/fake-engine.ts";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createInflightTracker", () => {
  it("counts work until its end is reported, once", () => {
    const tracker = createInflightTracker();
    const a = tracker.begin("ask");
    const b = tracker.begin("reload");
    expect(tracker.count()).toBe(2);
    a();
    a();
    expect(tracker.count()).toBe(1);
    expect(tracker.pending()).toEqual(["reload"]);
    b();
    expect(tracker.count()).toBe(0);
  });

  it("is idle once nothing has been in flight for the quiet period", async () => {
    const tracker = createInflightTracker();
    const done = tracker.begin("ask");
    setTimeout(done, 30);
    const started = performance.now();
    await expect(tracker.whenIdle({ timeoutMs: 2_000, quietMs: 20 })).resolves.toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("gives up at the time limit with the work still pending", async () => {
    const tracker = createInflightTracker();
    tracker.begin("POST slack.com");
    await expect(tracker.whenIdle({ timeoutMs: 30 })).resolves.toBe(false);
    expect(tracker.pending()).toEqual(["POST slack.com"]);
  });
});

describe("withInflight", () => {
  it("counts an answer until the macrotask after it, when its reply has been sent", async () => {
    const tracker = createInflightTracker();
    const engine = withInflight(createFakeEngine(), tracker);
    const asked = engine.ask("Why was the H20 approved?");
    expect(tracker.pending()).toEqual(["ask"]);
    expect((await asked).answered).toBe(true);
    expect(tracker.pending()).toEqual(["ask"]);
    await tick();
    expect(tracker.count()).toBe(0);
  });

  it("counts an answer that takes a while until it arrives", async () => {
    const tracker = createInflightTracker();
    const fake = createFakeEngine();
    let deliver: ((a: Answer) => void) | null = null;
    const engine = withInflight({ ...fake, ask: () => new Promise<Answer>((resolve) => (deliver = resolve)) }, tracker);
    const asked = engine.ask("Why was the H20 approved?");
    await tick();
    await tick();
    expect(tracker.pending()).toEqual(["ask"]);
    deliver!(await fake.ask("Why was the H20 approved?"));
    expect((await asked).answered).toBe(true);
    await tick();
    expect(tracker.count()).toBe(0);
  });

  it("counts a reload until it settles, failed ones included", async () => {
    let finish: (() => void) | null = null;
    const tracker = createInflightTracker();
    const engine = withInflight(
      createFakeEngine({
        reload: (actor) =>
          new Promise((resolve, reject) => {
            finish = () => (actor === "bad" ? reject(new Error("disk gone")) : resolve({ ...OK_REPORT, actor }));
          }),
      }),
      tracker,
    );
    const ok = engine.reload("slack:UADMIN01");
    await tick();
    expect(tracker.pending()).toEqual(["reload"]);
    finish!();
    await ok;
    expect(tracker.count()).toBe(0);

    const bad = engine.reload("bad");
    await tick();
    finish!();
    await expect(bad).rejects.toThrow("disk gone");
    expect(tracker.count()).toBe(0);
  });
});

describe("trackOutgoingRequests", () => {
  let server: Server;
  let stopTracking: (() => void) | null = null;
  afterEach(async () => {
    stopTracking?.();
    server.closeAllConnections();
    server.close();
  });

  async function slowServer(delayMs: number): Promise<string> {
    server = createServer((_req, res) => setTimeout(() => res.end("ok"), delayMs));
    new WebSocketServer({ server });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("counts fetch (undici) and node:http requests until their responses are read", async () => {
    const host = await slowServer(50);
    const tracker = createInflightTracker();
    stopTracking = trackOutgoingRequests(tracker);

    const viaFetch = fetch(`http://${host}/api/chat.postMessage`, { method: "POST", body: "x" }).then((r) => r.text());
    const viaHttp = new Promise<void>((resolve) => httpGet(`http://${host}/api/auth.test`, (res) => res.resume().on("end", resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Method and host only: a path can carry a token.
    expect(tracker.pending().sort()).toEqual([`GET ${host}`, `POST ${host}`]);
    await Promise.all([viaFetch, viaHttp]);
    await tracker.whenIdle({ timeoutMs: 1_000, quietMs: 0 });
    expect(tracker.count()).toBe(0);
  });

  it("ends the count of a request that fails", async () => {
    await slowServer(0);
    const tracker = createInflightTracker();
    stopTracking = trackOutgoingRequests(tracker);
    await expect(fetch("http://127.0.0.1:1/")).rejects.toThrow();
    await new Promise<void>((resolve) => httpGet("http://127.0.0.1:1/").on("error", () => resolve()));
    await expect(tracker.whenIdle({ timeoutMs: 1_000, quietMs: 0 })).resolves.toBe(true);
  });

  it("does not count an open WebSocket connection", async () => {
    const host = await slowServer(0);
    const tracker = createInflightTracker();
    stopTracking = trackOutgoingRequests(tracker);
    const ws = new WebSocket(`ws://${host}/`);
    await once(ws, "open");
    expect(tracker.count()).toBe(0);
    ws.terminate();
  });

  it("stops counting once unsubscribed", async () => {
    const host = await slowServer(0);
    const tracker = createInflightTracker();
    trackOutgoingRequests(tracker)();
    await (await fetch(`http://${host}/`)).text();
    expect(tracker.count()).toBe(0);
  });
});
