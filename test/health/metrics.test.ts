import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/bots/shared/rate-limit.ts";
import { ANSWER_SECONDS_BUCKETS, createMetrics, platformOfKey, withMetrics } from "../../src/health/metrics.ts";
import { createFakeEngine, makeAnswer, OK_REPORT } from "../bots/slack/fake-engine.ts";
import { parsePrometheusText, sampleValue } from "./prometheus-text.ts";

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // burn the time the histogram must see
  }
}

async function scrape(metrics: ReturnType<typeof createMetrics>) {
  const { contentType, body } = await metrics.render();
  return { contentType, exposition: parsePrometheusText(body) };
}

describe("platformOfKey", () => {
  it.each([
    ["slack:U1", "slack"],
    ["discord:42", "discord"],
    ["terminal:me:again", "terminal"],
    ["nokey", "unknown"],
    [":U1", "unknown"],
  ])("reads %s as %s", (key, platform) => {
    expect(platformOfKey(key)).toBe(platform);
  });
});

describe("withMetrics", () => {
  it("counts questions by platform and language and refusals by reason", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const slack = withMetrics(createFakeEngine(), metrics, "slack");
    const discord = withMetrics(createFakeEngine(), metrics, "discord");
    await slack.ask("Why was the H20 approved?");
    await slack.ask("H20 수출은 왜 승인됐나?");
    await slack.ask("what is the weather?");
    await discord.ask("What is the weather in Seoul?");

    const { exposition } = await scrape(metrics);
    expect(sampleValue(exposition, "chokepoint_questions_total", { platform: "slack", lang: "en" })).toBe(2);
    expect(sampleValue(exposition, "chokepoint_questions_total", { platform: "slack", lang: "ko" })).toBe(1);
    expect(sampleValue(exposition, "chokepoint_questions_total", { platform: "discord", lang: "en" })).toBe(1);
    expect(sampleValue(exposition, "chokepoint_refusals_total", { platform: "slack", reason: "no-support" })).toBe(1);
    expect(sampleValue(exposition, "chokepoint_refusals_total", { platform: "discord", reason: "no-support" })).toBe(1);
  });

  it("records answer latency in a histogram with millisecond buckets", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const engine = createFakeEngine({
      ask: (q) => {
        busyWait(3);
        return makeAnswer(q);
      },
    });
    const slack = withMetrics(engine, metrics, "slack");
    await slack.ask("Why was the H20 approved?");
    await slack.ask("What is the H200?");

    const { exposition } = await scrape(metrics);
    expect(exposition.types.get("chokepoint_answer_seconds")).toBe("histogram");
    expect(sampleValue(exposition, "chokepoint_answer_seconds_count", { platform: "slack" })).toBe(2);
    expect(sampleValue(exposition, "chokepoint_answer_seconds_sum", { platform: "slack" })).toBeGreaterThanOrEqual(0.006);
    expect(sampleValue(exposition, "chokepoint_answer_seconds_bucket", { platform: "slack", le: "0.001" })).toBe(0);
    expect(sampleValue(exposition, "chokepoint_answer_seconds_bucket", { platform: "slack", le: "+Inf" })).toBe(2);
    const les = exposition.samples.filter((s) => s.name === "chokepoint_answer_seconds_bucket").map((s) => s.labels.le);
    expect(les).toEqual([...ANSWER_SECONDS_BUCKETS.map(String), "+Inf"]);
  });

  it("counts reloads and rollbacks by result, failed ones included", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let nextReload: "ok" | "failed" | "throws" = "ok";
    const engine = createFakeEngine({
      reload: async (actor) => {
        if (nextReload === "throws") throw new Error("disk gone");
        return { ...OK_REPORT, actor, ok: nextReload === "ok" };
      },
    });
    const wrapped = withMetrics(engine, metrics, "slack");
    await wrapped.reload("slack:UADMIN01");
    nextReload = "failed";
    await wrapped.reload("slack:UADMIN01");
    nextReload = "throws";
    await expect(wrapped.reload("slack:UADMIN01")).rejects.toThrow("disk gone");
    await wrapped.rollback("slack:UADMIN01");

    const { exposition } = await scrape(metrics);
    expect(sampleValue(exposition, "chokepoint_reloads_total", { action: "reload", result: "ok" })).toBe(1);
    expect(sampleValue(exposition, "chokepoint_reloads_total", { action: "reload", result: "failed" })).toBe(2);
    expect(sampleValue(exposition, "chokepoint_reloads_total", { action: "rollback", result: "ok" })).toBe(1);
  });

  it("keeps the rest of the engine as it was", async () => {
    const engine = createFakeEngine();
    const wrapped = withMetrics(engine, createMetrics({ defaultMetrics: false }), "slack");
    expect(wrapped.status()).toBe(engine.status());
    expect(wrapped.sources()).toBe(engine.sources());
    expect(await wrapped.ask("Why was the H20 approved?")).toEqual(makeAnswer("Why was the H20 approved?"));
  });
});

describe("rate limiter hook", () => {
  it("counts turned-away questions under the key's platform", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const limiter = createRateLimiter({ perMinute: 1, onLimited: metrics.countRateLimited });
    for (let i = 0; i < 3; i++) limiter.take("slack:U1", 1_000);
    for (let i = 0; i < 2; i++) limiter.take("discord:42", 1_000);

    const { exposition } = await scrape(metrics);
    expect(sampleValue(exposition, "chokepoint_rate_limited_total", { platform: "slack" })).toBe(2);
    expect(sampleValue(exposition, "chokepoint_rate_limited_total", { platform: "discord" })).toBe(1);
  });
});

describe("createMetrics", () => {
  it("serves the Prometheus text format with the process metrics", async () => {
    const metrics = createMetrics();
    const { contentType, exposition } = await scrape(metrics);
    expect(contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const name of ["process_cpu_user_seconds_total", "process_resident_memory_bytes", "nodejs_eventloop_lag_seconds", "nodejs_heap_size_used_bytes"]) {
      expect(exposition.samples.some((s) => s.name === name), name).toBe(true);
    }
    expect(exposition.types.get("chokepoint_questions_total")).toBe("counter");
    expect(exposition.types.get("chokepoint_rate_limited_total")).toBe("counter");
  });

  it("keeps each registry's counts apart", async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    await withMetrics(createFakeEngine(), a, "slack").ask("Why was the H20 approved?");
    expect(sampleValue((await scrape(a)).exposition, "chokepoint_questions_total", { platform: "slack", lang: "en" })).toBe(1);
    expect(sampleValue((await scrape(b)).exposition, "chokepoint_questions_total", { platform: "slack", lang: "en" })).toBeUndefined();
  });
});
