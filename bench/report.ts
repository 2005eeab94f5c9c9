// The benchmark's results as text tables, and the targets they are held to.
import type { PlatformFigures } from "./e2e.ts";
import type { LatencySummary } from "./measure.ts";
import type { BenchResults } from "./suite.ts";

export interface TargetCheck {
  target: string;
  value: string;
  met: boolean | null;
}

const GiB = 1024;

/** The issue's targets, checked against the results (null when not measured). */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const s of r.sizes) {
    checks.push({
      target: `answer p99 ≤ bare MiniSearch p99 at ${s.articles} (ratio ≤ 1.0)`,
      value:
        s.answers.ratioP99 === null
          ? "not measured"
          : `${s.answers.ratioP99} (${s.answers.oursOnBareQuestions?.p99} / ${s.answers.bare?.p99} ms${s.answers.bareQuestions !== null && s.answers.bareQuestions < s.answers.questions ? `, first ${s.answers.bareQuestions} questions` : ""})`,
      met: s.answers.ratioP99 === null ? null : s.answers.ratioP99 <= 1,
    });
  }
  const tenK = r.sizes.find((s) => s.articles === 10_000);
  checks.push({
    target: "answer p99 ≤ 50 ms at 10,000 articles",
    value: tenK ? `${tenK.answers.ours.p99} ms` : "not measured",
    met: tenK ? tenK.answers.ours.p99 <= 50 : null,
  });
  for (const s of r.sizes) {
    if (!s.reload) continue;
    const a = s.reload.figures;
    checks.push({
      target: `serving thread's event-loop delay during the reload, questions asked, ≤ 50 ms at ${s.articles}`,
      value: `${a.delay.maxMs} ms (answers meanwhile p99 ${a.askLatency.p99}, max ${a.askLatency.max} ms)`,
      met: a.delay.maxMs <= 50,
    });
  }
  const fiftyK = r.sizes.find((s) => s.articles === 50_000);
  checks.push({
    target: "heap ≤ 2 GiB at 50,000 articles (V8 heap + typed arrays, data and index)",
    value: fiftyK ? `${(fiftyK.heap.withIndex.totalMiB / GiB).toFixed(2)} GiB` : "not measured",
    met: fiftyK ? fiftyK.heap.withIndex.totalMiB <= 2 * GiB : null,
  });
  const platforms: Array<[string, PlatformFigures | null | undefined]> = [
    ["Slack over HTTP", r.e2e?.slack],
    ["Slack over Socket Mode", r.e2e?.slackSocket],
    ["Discord", r.e2e?.discord],
  ];
  for (const [name, p] of platforms) {
    checks.push({
      target: `end to end p99 ≤ 50 ms at 1,000 articles, ${name}`,
      value: p ? `${p.latency.p99} ms over ${r.e2e?.articles} articles${p.errors ? `, ${p.errors} errors` : ""}` : "not measured",
      met: p && r.e2e?.articles === 1000 ? p.latency.p99 <= 50 && p.errors === 0 : null,
    });
  }
  return checks;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const n = (x: number) => x.toLocaleString("en-US");
/** p50, p95, p99 and max of a latency summary, as table cells ("-" when not measured). */
const latencyCells = (l: LatencySummary | null | undefined) => [ms(l?.p50), ms(l?.p95), ms(l?.p99), ms(l?.max)];
const ms = (x: number | undefined) => (x === undefined ? "-" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export function formatReport(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Chokepoint benchmark (${r.mode}) — ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, heap limit ${n(m.heapLimitMiB)} MiB`);
  out.push(`seed ${r.options.seed}; ${r.options.questions} questions per size after ${r.options.warmup} warm-up; run took ${(r.durationMs / 1000).toFixed(0)} s`);
  out.push("");
  out.push("Build and memory");
  out.push(
    table(
      ["articles", "facts", "documents", "tokens", "generate ms", "index ms", "load+index ms", "heap MiB", "index MiB"],
      r.sizes.map((s) => [
        n(s.articles),
        n(s.facts),
        n(s.documents),
        n(s.tokens),
        n(s.generateMs),
        n(s.indexMs),
        n(s.loadAndIndexMs),
        n(Math.round(s.heap.withIndex.totalMiB)),
        n(Math.round(s.heap.indexMiB)),
      ]),
    ),
  );
  out.push("");
  out.push("Answer latency, ms (answer() vs bare MiniSearch search() on the same text and questions; the ratio");
  out.push("  compares both on the questions the anchor was asked: all of them, or the first 100 at 50,000 articles)");
  out.push(
    table(
      ["articles", "ours p50", "p95", "p99", "max", "bare p50", "p95", "p99", "max", "bare asked", "p99 ratio", "answered"],
      r.sizes.map((s) => [
        n(s.articles),
        ...latencyCells(s.answers.ours),
        ...latencyCells(s.answers.bare),
        s.answers.bareQuestions === null ? "-" : n(s.answers.bareQuestions),
        s.answers.ratioP99 === null ? "-" : s.answers.ratioP99.toFixed(3),
        `${s.answers.answered}/${s.answers.questions}`,
      ]),
    ),
  );
  if (r.sizes.some((s) => s.reload)) {
    out.push("");
    out.push("Reload to the next version while answering (a question every 25 ms, or every 4 × p50 where that is longer), ms");
    out.push("  The engine npm start runs: the knowledge thread parses and indexes the files in a worker, takes them over and");
    out.push("  compares the versions. Serving loop: the thread of the Slack acks and Discord heartbeats. Answers: from the");
    out.push("  moment each question was due to its answer (the knowledge thread's queue and pauses included).");
    out.push("  Last column: the comparison run all at once.");
    out.push(
      table(
        ["articles", "reload ms", "loop max", "loop p99", "answers p50", "p95", "p99", "max", "ask every", "asked", "diffData ms"],
        r.sizes
          .filter((s) => s.reload)
          .map((s) => {
            const f = s.reload!.figures;
            return [
              n(s.articles),
              n(f.durationMs),
              ms(f.delay.maxMs),
              ms(f.delay.p99Ms),
              ...latencyCells(f.askLatency),
              n(f.askEveryMs),
              n(f.asked),
              n(s.reload!.storeDiffMs),
            ];
          }),
      ),
    );
  }
  if (r.e2e) {
    out.push("");
    out.push(`End to end on 127.0.0.1 over ${n(r.e2e.articles)} articles (event sent → answer at the fake), ms`);
    const names = { slack: "slack http", slackSocket: "slack socket", discord: "discord" } as const;
    const rows = (["slack", "slackSocket", "discord"] as const).flatMap((k) => {
      const p = r.e2e?.[k];
      return p
        ? [
            [
              names[k],
              String(p.concurrency),
              n(p.asks),
              ...latencyCells(p.latency),
              ms(p.warmupLatency.p99),
              String(p.throughput),
              String(p.errors),
              ms(p.cpuMsPerAnswer.bot),
              ms(p.cpuMsPerAnswer.peer),
            ],
          ]
        : [];
    });
    out.push("  warm-up p99: over the warm-up asks before the measured ones, the first answers after a start.");
    out.push("  CPU per answer: the bots' process (every thread), and the fakes' and askers' process, ms.");
    out.push(table(["platform", "askers", "asks", "p50", "p95", "p99", "max", "warm-up p99", "answers/s", "errors", "bot CPU", "fakes CPU"], rows));
  }
  out.push("");
  out.push("Targets");
  out.push(table(["target", "value", "met"], checkTargets(r).map((c) => [c.target, c.value, c.met === null ? "n/a" : c.met ? "yes" : "NO"])));
  return out.join("\n");
}
