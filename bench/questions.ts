// Benchmark questions, Korean and English, for a synthetic knowledge base: the project's own
// question sets (some rewritten as a synthetic variant rewrote its article, so they ask
// about the variant's entities and numbers), questions made from synthetic facts' claims in
// the way people type them, and out-of-scope questions the bot must decline.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../src/knowledge/schema.ts";
import { createRng, type Rng } from "./prng.ts";
import type { SyntheticKnowledge } from "./synth.ts";

export type QuestionKind = "project-set" | "from-fact" | "out-of-scope";

export interface BenchQuestion {
  q: string;
  lang: Lang;
  kind: QuestionKind;
}

interface SetQuestion {
  q: string;
  lang: Lang;
  abstain?: boolean;
}

const SETS_DIR = join(import.meta.dirname, "..", "test", "answer");

let projectQuestions: SetQuestion[] | null = null;

/** The project's own question sets (test/answer/questions*.jsonl). */
export function loadProjectQuestions(): SetQuestion[] {
  const sets = readdirSync(SETS_DIR)
    .filter((name) => /^questions.*\.jsonl$/u.test(name))
    .sort();
  projectQuestions ??= sets.flatMap((name) =>
    readFileSync(join(SETS_DIR, name), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as SetQuestion),
  );
  return projectQuestions;
}

const OFF_TOPIC: Record<Lang, string[]> = {
  ko: [
    "내일 서울 날씨 어때?", "비트코인 가격 전망은?", "손흥민 이번 시즌 골 몇 개야?", "김치찌개 맛있게 끓이는 법 알려줘",
    "테슬라 모델Y 가격은 얼마야?", "올해 노벨문학상 수상자는 누구야?", "넷플릭스 요즘 볼만한 드라마 추천해줘",
    "부동산 대출 규제는 어떻게 바뀌었어?", "애플 아이폰 신제품 출시일은 언제야?", "제주도 여행 코스 추천해줘",
    "코스피 지수 오늘 얼마야?", "월드컵 예선 일정은 언제야?", "전기차 보조금은 얼마나 받을 수 있어?",
  ],
  en: [
    "What's the weather in Tokyo this weekend?", "Who won the last Super Bowl?", "How do I bake sourdough bread?",
    "What is the price of gold today?", "Recommend a good sci-fi novel.", "When is the next iPhone launch?",
    "How much does a Tesla Model Y cost?", "Who is the CEO of Samsung Electronics?", "What are the best hiking trails in Colorado?",
    "Did Intel get approval to build a fab in Ohio?", "What is the population of Brazil?", "How does a heat pump work?",
  ],
};
const INVENTED: Array<[string, string]> = [
  ["퀀텀코어", "QuantumCore"], ["한빛메모리", "Hanbit Memory"], ["노바실리콘", "NovaSilicon"], ["세린테크", "Serin Tech"],
  ["블루웨이브", "BlueWave"], ["다온반도체", "Daon Semiconductor"],
];
const KO_ENDINGS = ["은 언제야?", " 이유가 뭐야?", " 어떻게 됐어?", "에 대해 알려줘", " 몇 개야?", "는 누가 발표했어?", " 규모는 얼마야?", " 내용이 뭐야?"];
const EN_TEMPLATES = ["What happened when {}?", "Why {}?", "When {}?", "Tell me about {}.", "How many {}?", "Who said {}?", "is it true that {}?"];

const words = (text: string) =>
  text
    .replace(/[“”"'‘’()[\]·,.:;!?]/gu, " ")
    .split(/\s+/u)
    .filter((w) => w.length >= 2);

function fromFact(sk: SyntheticKnowledge, rng: Rng, lang: Lang): string {
  const facts = sk.data.facts;
  for (let tries = 0; tries < 20; tries++) {
    const fact = rng.pick(facts);
    const text = lang === "ko" ? fact.claim.ko : fact.claim.en;
    if (!text) continue;
    const ws = words(text);
    if (ws.length < 4) continue;
    const size = lang === "ko" ? rng.int(2, 4) : rng.int(3, 6);
    const start = rng.int(0, Math.max(0, ws.length - size));
    const window = ws.slice(start, start + size).join(" ");
    if (lang === "ko") return `${window}${rng.pick(KO_ENDINGS)}`;
    const q = rng.pick(EN_TEMPLATES).replace("{}", window);
    return rng.chance(0.3) ? q.toLowerCase() : q;
  }
  return lang === "ko" ? "엔비디아 H20 수출 허가는 언제야?" : "When was the H20 export licence granted?";
}

function outOfScope(rng: Rng, lang: Lang): string {
  const own = loadProjectQuestions().filter((q) => q.abstain && q.lang === lang);
  const roll = rng.next();
  if (roll < 0.4 && own.length > 0) return rng.pick(own).q;
  if (roll < 0.8) return rng.pick(OFF_TOPIC[lang]);
  const [ko, en] = rng.pick(INVENTED);
  return lang === "ko" ? `${ko} 주가 전망은 어때?` : `What did ${en} announce about its new memory plant?`;
}

/**
 * `count` questions, alternating Korean and English: about 30% from the project's sets
 * (half of them rewritten for a synthetic variant), 50% made from synthetic facts' claims,
 * 20% out of scope.
 */
export function generateQuestions(sk: SyntheticKnowledge, count: number, seed = "questions"): BenchQuestion[] {
  const rng = createRng(`${sk.data.version}/${seed}`);
  const answerable = loadProjectQuestions().filter((q) => !q.abstain);
  const out: BenchQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const lang: Lang = i % 2 === 0 ? "ko" : "en";
    const roll = rng.next();
    if (roll < 0.3) {
      const pool = answerable.filter((q) => q.lang === lang);
      const base = rng.pick(pool.length > 0 ? pool : answerable).q;
      const q = rng.chance(0.5) ? sk.rewriterOf(rng.int(0, sk.data.articles.length - 1))(base) : base;
      out.push({ q, lang, kind: "project-set" });
    } else if (roll < 0.8) {
      out.push({ q: fromFact(sk, rng, lang), lang, kind: "from-fact" });
    } else {
      out.push({ q: outOfScope(rng, lang), lang, kind: "out-of-scope" });
    }
  }
  return out;
}
