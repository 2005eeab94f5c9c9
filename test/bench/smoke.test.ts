// The benchmark's smoke mode end to end, in process: every figure is there, has the right
// shape and a sane value. Timings are not judged here (CI machines vary); bench/run.ts does.
import { describe, expect, it } from "vitest";
import { optionsFrom } from "../../bench/run.ts";
import { checkTargets, formatReport } from "../../bench/report.ts";
import { runBench, type BenchResults } from "../../bench/suite.ts";
import type { LatencySummary } from "../../bench/measure.ts";

function expectSummary(s: LatencySummary | null | undefined, n: number) {
  expect(s).toBeTruthy();
  const { p50, p95, p99, max, mean } = s!;
  expect(s!.n).toBe(n);
  expect(p50).toBeGreaterThan(0);
  expect(p50).toBeLessThanOrEqual(p95);
  expect(p95).toBeLessThanOrEqual(p99);
  expect(p99).toBeLessThanOrEqual(max);
  expect(mean).toBeGreaterThan(0);
  expect(mean).toBeLessThanOrEqual(max);
}

describe("npm run bench -- --smoke", () => {
  it("takes its defaults from the command line", () => {
    const smoke = optionsFrom(["--smoke"]);
    expect(smoke).toMatchObject({ mode: "smoke", sizes: [200], questions: 100, bare: true, reload: true });
    expect(smoke.e2e).toMatchObject({ articles: 200, concurrency: 20, slack: true, discord: true });
    expect(optionsFrom([]).sizes).toEqual([1_000, 10_000, 50_000]);
    expect(optionsFrom(["--sizes=300,600", "--no-e2e", "--no-bare"])).toMatchObject({ sizes: [300, 600], e2e: null, bare: false });
    // The anchor is asked every question, except at 50,000 articles where each search takes seconds.
    expect(optionsFrom([]).bareQuestions?.(10_000)).toBeNull();
    expect(optionsFrom([]).bareQuestions?.(50_000)).toBe(100);
    expect(optionsFrom(["--bare-questions=30"]).bareQuestions?.(1_000)).toBe(30);
    expect(() => optionsFrom(["--sizes=ten"])).toThrow('bench: --sizes takes article counts such as 1000,10000, got "ten"');
  });

  let results: BenchResults;

  it("measures one small knowledge base, the anchor, a reload and both bots", async () => {
    const options = optionsFrom(["--smoke", "--sizes=120", "--questions=60", "--warmup=10", "--e2e-articles=120", "--asks=40", "--e2e-warmup=10"]);
    results = await runBench(options);
    // Survives JSON, as bench/results.json.
    results = JSON.parse(JSON.stringify(results)) as BenchResults;

    expect(results.mode).toBe("smoke");
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(results.sizes).toHaveLength(1);
    const s = results.sizes[0]!;
    expect(s.articles).toBe(120);
    expect(s.facts).toBeGreaterThan(s.articles * 10);
    expect(s.documents).toBeGreaterThan(s.facts);
    expect(s.tokens).toBeGreaterThan(1_000);
    expect(s.indexMs).toBeGreaterThan(0);
    expect(s.loadAndIndexMs).toBe(s.generateMs + s.indexMs);
    expect(s.heap.withIndex.totalMiB).toBeGreaterThan(0);

    expect(s.answers.questions).toBe(60);
    expectSummary(s.answers.ours, 60);
    expectSummary(s.answers.bare, 60);
    expect(s.answers.bareQuestions).toBe(60);
    expect(s.answers.oursOnBareQuestions).toEqual(s.answers.ours);
    expect(s.answers.ratioP99).toBeGreaterThan(0);
    // Synthetic questions are answerable, out-of-scope ones mostly refused.
    const kinds = s.answers.answeredByKind;
    expect(kinds["from-fact"].asked + kinds["project-set"].asked + kinds["out-of-scope"].asked).toBe(60);
    expect(s.answers.answered).toBeGreaterThan(10);
    expect(kinds["out-of-scope"].answered).toBeLessThanOrEqual(kinds["out-of-scope"].asked / 2);
    expect(s.bareIndex?.buildMs).toBeGreaterThanOrEqual(0);

    const r = s.reload!.figures;
    expect(r.ok).toBe(true);
    expect(r.durationMs).toBeGreaterThan(0);
    expect(r.delay.maxMs).toBeGreaterThanOrEqual(r.delay.p99Ms);
    // Questions kept being answered while the knowledge thread reloaded.
    expect(r.asked).toBe(r.askLatency.n);
    expect(r.asked).toBeGreaterThan(0);
    expect(s.reload!.storeDiffMs).toBeGreaterThanOrEqual(0);

    for (const p of [results.e2e!.slack, results.e2e!.slackSocket, results.e2e!.discord]) {
      expect(p).toBeTruthy();
      expect(p!.errors).toBe(0);
      expect(p!.asks).toBe(40);
      expect(p!.concurrency).toBe(20);
      expectSummary(p!.latency, 40);
      expectSummary(p!.warmupLatency, 10);
      expect(p!.throughput).toBeGreaterThan(0);
      expect(p!.cpuMsPerAnswer.bot).toBeGreaterThan(0);
      expect(p!.cpuMsPerAnswer.peer).toBeGreaterThan(0);
    }
    expect(results.e2e!.articles).toBe(120);
  }, 120_000);

  it("prints every table and checks every target", () => {
    const text = formatReport(results);
    for (const heading of ["Build and memory", "Answer latency", "Reload to the next version while answering", "End to end", "Targets"]) {
      expect(text).toContain(heading);
    }
    const targets = checkTargets(results);
    expect(targets.map((t) => t.target)).toEqual([
      "answer p99 ≤ bare MiniSearch p99 at 120 (ratio ≤ 1.0)",
      "answer p99 ≤ 50 ms at 10,000 articles",
      "serving thread's event-loop delay during the reload, questions asked, ≤ 50 ms at 120",
      "heap ≤ 2 GiB at 50,000 articles (V8 heap + typed arrays, data and index)",
      "end to end p99 ≤ 50 ms at 1,000 articles, Slack over HTTP",
      "end to end p99 ≤ 50 ms at 1,000 articles, Slack over Socket Mode",
      "end to end p99 ≤ 50 ms at 1,000 articles, Discord",
    ]);
    // Sizes that were not measured are not judged.
    expect(targets.filter((t) => t.met === null).map((t) => t.value)).toContain("not measured");
  });
});
