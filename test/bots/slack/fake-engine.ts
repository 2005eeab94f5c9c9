// A small stand-in Engine with realistic answers, for tests that must not depend on the
// bundled data (formatter units, error and reload paths).
import type { Engine, SourceSummary, Usage } from "../../../src/engine/engine-types.ts";
import type { Answer, Citation, Lang } from "../../../src/answer/types.ts";
import type { KbStatus, ReloadReport } from "../../../src/knowledge/report.ts";

export const H20_CITATION: Citation = {
  articleId: "us-approves-h20-exports",
  title: "미·중 무역협상으로 H20 대중 수출 승인",
  outlet: "여성경제신문",
  publishedAt: "2025-07-18",
  dateApproximate: true,
  url: "https://example.com/news/h20?id=1&lang=ko",
  quote: "미국 정부가 엔비디아의 인공지능(AI) 반도체 칩 H20의 대중 수출을 승인했다.",
  factId: "us-approves-h20-exports-01",
};

export const SOURCES: SourceSummary[] = [
  {
    articleId: "us-approves-h20-exports",
    title: "미·중 무역협상으로 H20 대중 수출 승인",
    outlet: "여성경제신문",
    publishedAt: "2025-07-18",
    dateApproximate: true,
    url: "https://example.com/news/h20?id=1&lang=ko",
    facts: 25,
  },
  {
    articleId: "why-trump-allowed-h20",
    title: "中에 엔비디아 AI칩 수출 재개 허가한 트럼프 정부 속내는",
    outlet: "파이낸셜뉴스",
    publishedAt: "2025-07-16",
    dateApproximate: false,
    url: null,
    facts: 24,
  },
];

export function makeAnswer(question: string, overrides: Partial<Answer> = {}): Answer {
  const ko = /[\uAC00-\uD7A3]/.test(question);
  return {
    question,
    lang: ko ? "ko" : "en",
    answered: true,
    text: ko
      ? "미국 정부가 엔비디아의 AI 반도체 칩 H20의 대중 수출을 승인했다. [1]"
      : "The US government approved exports of Nvidia's H20 AI chip to China. [1]",
    citations: [H20_CITATION],
    refusal: null,
    suggestions: [],
    kbVersion: "fake-v1",
    ...overrides,
  };
}

export function makeRefusal(question: string): Answer {
  return makeAnswer(question, {
    answered: false,
    text: "The articles I have don't support an answer to that.",
    citations: [],
    refusal: "no-support",
    suggestions: ["H20", "H200", "export controls"],
  });
}

export const OK_REPORT: ReloadReport = {
  ok: true,
  actor: "slack:UADMIN01",
  version: "fake-v2",
  previousVersion: "fake-v1",
  counts: { articles: 5, facts: 122, terms: 112 },
  articles: { added: [], removed: [], changed: ["us-approves-h20-exports"] },
  facts: { added: ["us-approves-h20-exports-26"], removed: [], changed: [] },
  errors: [],
  durationMs: 42,
  at: "2025-08-01T00:00:00.000Z",
};

export interface FakeEngine extends Engine {
  asked: string[];
  reloads: string[];
}

export function createFakeEngine(options: { ask?: (q: string) => Answer; reload?: (actor: string) => Promise<ReloadReport> } = {}): FakeEngine {
  const asked: string[] = [];
  const reloads: string[] = [];
  const status: KbStatus = { version: "fake-v1", loadedAt: "2025-08-01T00:00:00.000Z", loadedBy: "startup", counts: { articles: 5, facts: 121, terms: 112 } };
  return {
    asked,
    reloads,
    ask(question) {
      asked.push(question);
      if (options.ask) return options.ask(question);
      return /weather|날씨/.test(question) ? makeRefusal(question) : makeAnswer(question);
    },
    async reload(actor) {
      reloads.push(actor);
      return options.reload ? options.reload(actor) : { ...OK_REPORT, actor };
    },
    status: () => status,
    sources: () => SOURCES,
    timeline: (topic, lang) => ({ lang, topic, matched: [], entries: [], total: 0, hint: null }),
    async rollback(actor) {
      return { ...OK_REPORT, actor };
    },
    gaps: () => [],
    usage(lang: Lang): Usage {
      return {
        lang,
        intro: lang === "ko" ? "미·중 AI 칩 수출 통제에 관한 질문에 답합니다." : "I answer questions about the US–China AI-chip export controls.",
        topics: ["H20", "H200", "export controls"],
        examples: { ko: ["H20 수출은 왜 승인됐나?", "화웨이 어센드는?"], en: ["Why was the H20 approved?", "What is the AI Diffusion Framework?"] },
        sources: SOURCES,
      };
    },
  };
}
