import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { encodeSources, snapshotView, type SnapshotMeta } from "../../src/engine/engine-thread-protocol.ts";
import type { SourceSummary } from "../../src/engine/engine-types.ts";

const sources: SourceSummary[] = [
  { articleId: "a2", title: "엔비디아, H20 중국 판매 재개", outlet: "연합뉴스", publishedAt: "2025-07-15", dateApproximate: false, url: "https://example.com/2", facts: 4 },
  { articleId: "a1", title: "Rare earths \"licences\" — 희토류", outlet: "X", publishedAt: "2025-04-01", dateApproximate: true, url: null, facts: 0 },
];

const meta = (): SnapshotMeta => ({
  status: { version: "v1" } as unknown as SnapshotMeta["status"],
  sources: encodeSources(sources),
  usage: {
    ko: { lang: "ko", intro: "질문에 답합니다", topics: ["H20"], examples: { ko: ["H20은?"], en: ["What is H20?"] } },
    en: { lang: "en", intro: "I answer", topics: ["H20"], examples: { ko: [], en: [] } },
  },
});

describe("snapshot meta between the threads", () => {
  it("carries the sources whole, and usage gets the same sources back", () => {
    const view = snapshotView(meta());
    expect(view.sources()).toEqual(sources);
    expect(view.usage("ko")).toEqual({ lang: "ko", intro: "질문에 답합니다", topics: ["H20"], examples: { ko: ["H20은?"], en: ["What is H20?"] }, sources });
    expect(view.usage("en").sources).toEqual(sources);
    expect(view.status()).toEqual({ version: "v1" });
  });

  it("decodes the sources once per snapshot", () => {
    const view = snapshotView(meta());
    expect(view.sources()).toBe(view.sources());
    expect(view.usage("ko").sources).toBe(view.sources());
    expect(view.usage("ko")).toBe(view.usage("ko"));
  });

  it("moves the sources' buffer to the receiving thread instead of copying it", async () => {
    const { port1, port2 } = new MessageChannel();
    const sent = meta();
    const received = new Promise<SnapshotMeta>((resolve) => port2.once("message", resolve));
    port1.postMessage(sent, [sent.sources.buffer as ArrayBuffer]);
    const got = await received;
    port1.close();
    expect(sent.sources.byteLength).toBe(0);
    expect(snapshotView(got).sources()).toEqual(sources);
  });
});
