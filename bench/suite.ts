// The benchmark itself: for each knowledge-base size, generation and index build time, heap,
// answer latency against the bare-library anchor, and the event loop during a reload; then
// the bots end to end. Pure orchestration over the measuring modules; no printing.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { answer } from "../src/answer/answer.ts";
import { buildSearchIndex, type SearchIndex } from "../src/search/search-index.ts";
import type { DataFiles, KnowledgeData } from "../src/knowledge/parse.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { diffData } from "../src/knowledge/changes.ts";
import { bareDocuments, buildBareIndex } from "./bare.ts";
import { measureEndToEnd, type EndToEndFigures } from "./e2e.ts";
import { heapNow, summarize, timed, type HeapFigures, type LatencySummary } from "./measure.ts";
import { toDataFiles, writeDataFiles } from "./serialize.ts";
import { generateQuestions, type BenchQuestion, type QuestionKind } from "./questions.ts";
import type { ReloadRun } from "./reload-peer.ts";
import type { ReloadFigures } from "./reload.ts";
import { DEFAULT_SEED, generateKnowledge, type SyntheticKnowledge } from "./synth.ts";

export interface EndToEndPlan {
  articles: number;
  concurrency: number;
  asks: number;
  warmup: number;
  slack: boolean;
  discord: boolean;
}

export interface BenchOptions {
  /** Knowledge-base sizes, in articles. */
  sizes: number[];
  /** Questions measured per size (after the warm-up ones). */
  questions: number;
  warmup: number;
  seed?: string;
  /** Measure the anchor (bare MiniSearch). */
  bare: boolean;
  /**
   * Most questions the anchor is asked per size, or null for all of them. Default in the CLI:
   * all below 50,000 articles, 100 from there on, where a single bare search takes seconds.
   */
  bareQuestions?: (articles: number) => number | null;
  /** Measure the event loop during reloads. */
  reload: boolean;
  e2e: EndToEndPlan | null;
  /** The real data directory the synthetic knowledge bases grow from. */
  dataDir: string;
  mode: "full" | "smoke";
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
}

export interface AnswerFigures {
  questions: number;
  answered: number;
  answeredByKind: Record<QuestionKind, { asked: number; answered: number }>;
  ours: LatencySummary;
  bare: LatencySummary | null;
  /** Questions the anchor was asked: the first ones of the measured set. */
  bareQuestions: number | null;
  /** Ours on those same questions (the whole set when the anchor was asked all of them). */
  oursOnBareQuestions: LatencySummary | null;
  /** ours / bare at p99 and p50 on the same questions; below 1 is faster than the anchor. */
  ratioP99: number | null;
  ratioP50: number | null;
}

export interface SizeResult {
  articles: number;
  facts: number;
  sentences: number;
  /** Documents in the index (facts and indexable sentences). */
  documents: number;
  /** Distinct index tokens. */
  tokens: number;
  /** Building the synthetic KnowledgeData in memory: stands in for loading. */
  generateMs: number;
  indexMs: number;
  loadAndIndexMs: number;
  heap: {
    before: HeapFigures;
    withData: HeapFigures;
    withIndex: HeapFigures;
    /** What the index adds to the data, MiB (heap and typed arrays). */
    indexMiB: number;
  };
  answers: AnswerFigures;
  bareIndex: { buildMs: number; heapMiB: number } | null;
  reload: {
    /** A reload to the next version: parse and index in a worker, handover, compare, while answering. */
    figures: ReloadFigures;
    /** The store's comparison of the two versions (diffData), timed alone and all at once, ms. */
    storeDiffMs: number;
  } | null;
}

export interface BenchResults {
  mode: "full" | "smoke";
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; heapLimitMiB: number };
  options: { sizes: number[]; questions: number; warmup: number; seed: string; e2e: EndToEndPlan | null };
  sizes: SizeResult[];
  e2e: (EndToEndFigures & { articles: number }) | null;
}

const ratio = (a: number, b: number | undefined) => (b && b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

function measureAnswers(index: SearchIndex, version: string, warm: readonly BenchQuestion[], questions: readonly BenchQuestion[]) {
  const ctx = { index, version };
  for (const q of warm) answer(q.q, ctx);
  const latencies: number[] = [];
  const byKind = { "project-set": { asked: 0, answered: 0 }, "from-fact": { asked: 0, answered: 0 }, "out-of-scope": { asked: 0, answered: 0 } };
  let answered = 0;
  for (const q of questions) {
    const start = performance.now();
    const a = answer(q.q, ctx);
    latencies.push(performance.now() - start);
    byKind[q.kind].asked += 1;
    if (a.answered) {
      answered += 1;
      byKind[q.kind].answered += 1;
    }
  }
  return { latencies, answered, byKind };
}

function measureBare(data: KnowledgeData, warm: readonly BenchQuestion[], questions: readonly BenchQuestion[], heapBefore: HeapFigures) {
  const docs = bareDocuments(data);
  const { value: bare, ms: buildMs } = timed(() => buildBareIndex(docs));
  const heapMiB = Math.round((heapNow().totalMiB - heapBefore.totalMiB) * 10) / 10;
  for (const q of warm) bare.search(q.q);
  const latencies: number[] = [];
  for (const q of questions) {
    const start = performance.now();
    bare.search(q.q);
    latencies.push(performance.now() - start);
  }
  return { buildMs: Math.round(buildMs), heapMiB, latency: summarize(latencies) };
}

/**
 * The data files of the next version an admin would load: `data` with its last article (and
 * that article's facts) removed, so that the version changes and the store has a change to report.
 */
export function nextVersionFiles(data: KnowledgeData): { files: DataFiles; next: KnowledgeData } {
  const gone = data.articles.at(-1)?.id;
  const next: KnowledgeData = {
    ...data,
    version: `${data.version}-next`,
    articles: data.articles.filter((a) => a.id !== gone),
    facts: data.facts.filter((f) => f.article !== gone),
  };
  return { files: toDataFiles(next), next };
}

const RELOAD_PEER = join(import.meta.dirname, "reload-peer.ts");
/**
 * The reload process's heap limit, which its knowledge thread takes too: room for two versions
 * of 50,000 articles, and a bound that makes the collector reclaim the first load's garbage
 * rather than let the heap grow while the reload's worker needs memory of its own.
 */
const RELOAD_HEAP_MIB = 8_192;

/**
 * One reload measured through the engine `npm start` runs, in a process of its own
 * (reload-peer.ts): a knowledge thread loads `data` from its files, the next version's files
 * replace them, and the thread reloads while questions are asked.
 */
async function reloadOnce(data: KnowledgeData, files: DataFiles, questions: readonly string[], askEveryMs: number): Promise<ReloadFigures> {
  const dir = await mkdtemp(join(tmpdir(), "chokepoint-bench-"));
  try {
    const run: ReloadRun = { dataDir: join(dir, "data"), nextDir: join(dir, "next"), questions: [...questions], askEveryMs };
    await writeDataFiles(toDataFiles(data), run.dataDir);
    await writeDataFiles(files, run.nextDir);
    const peer = spawn(process.execPath, [`--max-old-space-size=${RELOAD_HEAP_MIB}`, "--import", "tsx", RELOAD_PEER], {
      cwd: join(import.meta.dirname, ".."),
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    peer.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const exited = new Promise<string | null>((resolve) =>
      peer.once("exit", (code, signal) => resolve(code === 0 ? null : signal ? `was killed by ${signal} (out of memory?)` : `exited with code ${code}`)),
    );
    peer.stdin.end(`${JSON.stringify(run)}\n`);
    const failure = await exited;
    if (failure) throw new Error(`bench: the reload peer ${failure}`);
    return JSON.parse(out) as ReloadFigures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds the index of `sk` and answers the questions over it; the index is dropped on return. */
function measureIndexed(sk: SyntheticKnowledge, warm: readonly BenchQuestion[], questions: readonly BenchQuestion[], say: (line: string) => void) {
  const { value: index, ms: indexMs } = timed(() => buildSearchIndex(sk.data));
  const withIndex = heapNow();
  say(`  ${sk.data.articles.length} articles: indexed ${index.docs.length} documents in ${Math.round(indexMs)} ms, heap ${withIndex.totalMiB} MiB`);
  const ours = measureAnswers(index, sk.data.version, warm, questions);
  return { indexMs, withIndex, ours, documents: index.docs.length, tokens: index.df.size };
}

async function measureSize(base: KnowledgeData, articles: number, options: BenchOptions, seed: string): Promise<{ result: SizeResult; sk: SyntheticKnowledge }> {
  const say = options.progress ?? (() => {});
  const before = heapNow();
  const { value: sk, ms: generateMs } = timed(() => generateKnowledge(base, { articles, seed }));
  const withData = heapNow();
  say(`  ${articles} articles: generated ${sk.data.facts.length} facts in ${Math.round(generateMs)} ms; indexing…`);

  const all = generateQuestions(sk, options.warmup + options.questions);
  const warm = all.slice(0, options.warmup);
  const questions = all.slice(options.warmup);
  // The index is not needed past the answers: dropped here, it does not share the machine's
  // memory with the reload measured next, whose process holds a knowledge base of its own.
  const { indexMs, withIndex, ours, documents, tokens } = measureIndexed(sk, warm, questions, say);
  globalThis.gc?.();
  const oursSummary = summarize(ours.latencies);
  say(`  ${articles} articles: answers p50 ${oursSummary.p50} ms, p99 ${oursSummary.p99} ms`);

  let reload: SizeResult["reload"] = null;
  if (options.reload) {
    const texts = questions.map((q) => q.q);
    const { files, next } = nextVersionFiles(sk.data);
    // A question every 25 ms, or less often where answers take longer (50,000 articles): at
    // most a quarter of the loop goes to answering, the rest to the reload being measured.
    const askEveryMs = Math.max(25, Math.ceil(4 * oursSummary.p50));
    const figures = await reloadOnce(sk.data, files, texts, askEveryMs);
    if (!figures.ok) throw new Error(`bench: the reload of ${articles} articles failed: ${figures.errors.join("; ")}`);
    say(`  ${articles} articles: reload (parse, index, compare): serving loop delay max ${figures.delay.maxMs} ms, answers p99 ${figures.askLatency.p99} ms`);
    const storeDiffMs = Math.round(timed(() => diffData(sk.data, next)).ms);
    reload = { figures, storeDiffMs };
  }

  let bare: ReturnType<typeof measureBare> | null = null;
  const bareCount = Math.min(questions.length, options.bareQuestions?.(articles) ?? questions.length);
  const oursOnBare = summarize(ours.latencies.slice(0, bareCount));
  if (options.bare) {
    say(`  ${articles} articles: bare MiniSearch anchor, ${bareCount} questions…`);
    // A few warm-up searches suffice for the JIT; where searches take seconds, few are affordable.
    bare = measureBare(sk.data, warm.slice(0, Math.min(warm.length, bareCount, 20)), questions.slice(0, bareCount), heapNow());
    say(`  ${articles} articles: bare p99 ${bare.latency.p99} ms`);
  }

  const result: SizeResult = {
    articles,
    facts: sk.data.facts.length,
    sentences: sk.stats.sentences,
    documents,
    tokens,
    generateMs: Math.round(generateMs),
    indexMs: Math.round(indexMs),
    loadAndIndexMs: Math.round(generateMs) + Math.round(indexMs),
    heap: { before, withData, withIndex, indexMiB: Math.round((withIndex.totalMiB - withData.totalMiB) * 10) / 10 },
    answers: {
      questions: questions.length,
      answered: ours.answered,
      answeredByKind: ours.byKind,
      ours: oursSummary,
      bare: bare?.latency ?? null,
      bareQuestions: bare ? bareCount : null,
      oursOnBareQuestions: bare ? oursOnBare : null,
      ratioP99: ratio(oursOnBare.p99, bare?.latency.p99),
      ratioP50: ratio(oursOnBare.p50, bare?.latency.p50),
    },
    bareIndex: bare ? { buildMs: bare.buildMs, heapMiB: bare.heapMiB } : null,
    reload,
  };
  return { result, sk };
}

/** The bots, in a process of their own, over the synthetic data's files (see e2e.ts). */
async function measureE2E(sk: SyntheticKnowledge, plan: EndToEndPlan, options: BenchOptions) {
  const dir = await mkdtemp(join(tmpdir(), "chokepoint-bench-"));
  try {
    await writeDataFiles(toDataFiles(sk.data), dir);
    const questions = generateQuestions(sk, Math.min(500, plan.asks + plan.warmup), "e2e").map((q) => q.q);
    options.progress?.(`  end to end over ${sk.data.articles.length} articles: ${plan.concurrency} askers…`);
    const figures = await measureEndToEnd({
      dataDir: dir,
      questions,
      concurrency: plan.concurrency,
      asks: plan.asks,
      warmup: plan.warmup,
      slack: plan.slack,
      discord: plan.discord,
    });
    return { articles: sk.data.articles.length, ...figures };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function loadBase(dataDir: string): Promise<KnowledgeData> {
  const loaded = await loadKnowledge(dataDir);
  if (!loaded.data) throw new Error(`bench: cannot load ${dataDir}: ${loaded.errors.map((e) => `${e.file}: ${e.message}`).join("; ")}`);
  return loaded.data;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const seed = options.seed ?? DEFAULT_SEED;
  const base = await loadBase(options.dataDir);
  const sizes: SizeResult[] = [];
  let e2e: BenchResults["e2e"] = null;
  // Each size is measured in a function of its own that returns figures only: a suspended
  // async frame keeps dead locals alive, and the previous size's knowledge base and index
  // would count in the next size's heap.
  const measureOne = async (articles: number) => {
    const { result, sk } = await measureSize(base, articles, options, seed);
    const e2eHere = options.e2e && options.e2e.articles === articles ? await measureE2E(sk, options.e2e, options) : null;
    return { result, e2eHere };
  };
  for (const articles of options.sizes) {
    options.progress?.(`size ${articles}:`);
    const { result, e2eHere } = await measureOne(articles);
    sizes.push(result);
    e2e ??= e2eHere;
  }
  if (options.e2e && !e2e) {
    const sk = generateKnowledge(base, { articles: options.e2e.articles, seed });
    e2e = await measureE2E(sk, options.e2e, options);
  }
  const cpuList = cpus();
  return {
    mode: options.mode,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? "unknown",
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
    },
    options: { sizes: options.sizes, questions: options.questions, warmup: options.warmup, seed, e2e: options.e2e },
    sizes,
    e2e,
  };
}
