// Wires the knowledge store to the answer core: the object every interface talks to.
import { loadKnowledge } from "../knowledge/load.ts";
import type { KnowledgeData } from "../knowledge/parse.ts";
import type { Lang } from "../knowledge/schema.ts";
import { createKnowledgeStore, type KnowledgeStore, type Snapshot } from "../knowledge/store.ts";
import { answer } from "../answer/answer.ts";
import { createAnswerCache, REMEMBERED_ANSWERS } from "./answer-cache.ts";
import type { Engine, GapGroup, GapOptions, GapRecord, SourceSummary, Timeline, Usage } from "./engine-types.ts";
import type { Answer } from "../answer/types.ts";
import { buildSearchIndexAsync, type SearchIndex } from "../search/search-index.ts";
import { groupGaps } from "../answer/gaps.ts";
import { prepareInWorker } from "./prepare.ts";
import { loadWithSnapshot, type SnapshotLoadHooks } from "./index-snapshot.ts";
import { buildTimeline } from "../answer/timeline.ts";
import { MAX_FOLLOW_UPS, nextQuestionCandidates } from "../answer/next-questions.ts";

export type { Engine } from "./engine-types.ts";

export interface EngineOptions {
  dataDir: string;
  /** Answers kept for repeated questions, per snapshot (0: none). Default REMEMBERED_ANSWERS. */
  rememberAnswers?: number;
  /** Where index snapshots are kept for fast restarts (index-snapshot.ts); none when absent. */
  snapshotDir?: string;
  /** Told how the start-up load went. */
  onStartupLoad?: SnapshotLoadHooks["onLoad"];
}

/** The engine on this thread: it answers at once. */
export interface FullEngine extends Engine {
  store: KnowledgeStore<SearchIndex>;
  ask(question: string): Answer;
  followUps(answer: Answer): string[];
  timeline(topic: string | null, lang: Lang): Timeline;
  gaps(records: readonly GapRecord[], options: GapOptions): GapGroup[];
}

export function sourcesOf(data: KnowledgeData): SourceSummary[] {
  const counts = new Map<string, number>();
  for (const f of data.facts) counts.set(f.article, (counts.get(f.article) ?? 0) + 1);
  return [...data.articles]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map((a) => ({
      articleId: a.id,
      title: a.title,
      outlet: a.outlet,
      publishedAt: a.publishedAt,
      dateApproximate: a.dateApproximate,
      url: a.url,
      facts: counts.get(a.id) ?? 0,
    }));
}

/** Usage without the list of sources, which the knowledge thread sends once for both languages. */
export function usageWithoutSources(data: KnowledgeData, lang: Lang): Omit<Usage, "sources"> {
  const topics = data.terms.filter((t) => t.topic).map((t) => (lang === "ko" ? t.ko[0] : t.en[0]) ?? t.id);
  const intro =
    lang === "ko"
      ? `미·중 AI 칩 수출 통제(엔비디아 H20·H200, 화웨이 어센드, 희토류, AI 확산 프레임워크, 밀수, 수출 허가)에 관한 질문에 기사 ${data.articles.length}건의 인용과 함께 답합니다.`
      : `I answer questions about the US–China AI-chip export controls (Nvidia's H20 and H200, Huawei's Ascend, rare earths, the AI Diffusion Framework, smuggling, licences), citing ${data.articles.length} news articles.`;
  return {
    lang,
    intro,
    topics,
    examples: { ko: data.examples.ko.slice(0, 2), en: data.examples.en.slice(0, 2) },
  };
}

export function usageOf(data: KnowledgeData, lang: Lang): Usage {
  return { ...usageWithoutSources(data, lang), sources: sourcesOf(data) };
}

/** Loads the knowledge base; throws KnowledgeLoadError when the data has errors. */
export async function createEngine(options: EngineOptions): Promise<FullEngine> {
  const store = await createKnowledgeStore<SearchIndex>({
    // At start-up no question waits: the data is loaded here. A reload happens while
    // questions are answered, and is prepared in a worker thread.
    load: (current) => {
      if (current) return prepareInWorker(options.dataDir);
      if (options.snapshotDir === undefined) return loadKnowledge(options.dataDir);
      return loadWithSnapshot(options.dataDir, options.snapshotDir, options.onStartupLoad ? { onLoad: options.onStartupLoad } : {});
    },
    // The start-up load is indexed here, in chunks that yield to the event loop.
    build: (data) => buildSearchIndexAsync(data),
  });
  return engineOver(store, options.rememberAnswers);
}

/**
 * The engine over a knowledge store, however its data is loaded (files, or memory in the
 * benchmark), keeping up to `rememberAnswers` answers of the current snapshot (0: none).
 */
export function engineOver(store: KnowledgeStore<SearchIndex>, rememberAnswers = REMEMBERED_ANSWERS): FullEngine {
  const answers = createAnswerCache<Snapshot<SearchIndex>>(
    (question, snap) => answer(question, { index: snap.index, version: snap.data.version }),
    rememberAnswers,
  );
  return {
    store,
    // The snapshot is taken once: a reload during the answer cannot mix two versions.
    ask: (question) => answers.ask(question, store.current()),
    followUps: (a) => {
      const snap = store.current();
      if (a.kbVersion !== snap.data.version) return [];
      const offered: string[] = [];
      for (const c of nextQuestionCandidates(a, snap.index)) {
        const b = answers.ask(c.question, snap);
        if (b.answered && b.citations[0]?.factId === c.factId) offered.push(c.question);
        if (offered.length >= MAX_FOLLOW_UPS) break;
      }
      return offered;
    },
    timeline: (topic, lang) => buildTimeline(topic, store.current().index, lang),
    reload: (actor) => store.reload(actor),
    rollback: (actor) => store.rollback(actor),
    gaps: (records, opts) => groupGaps(records, store.current().index.glossary, opts),
    status: () => store.status(),
    sources: () => sourcesOf(store.current().data),
    usage: (lang) => usageOf(store.current().data, lang),
  };
}
