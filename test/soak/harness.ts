// Pieces of the soak test: the question mix, the reload scenarios that edit a temp copy of
// data/, an engine wrapper that records every answer by question id, and a tracker that
// attributes every reply the fakes receive to the question it answers.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullEngine } from "../../src/engine/engine.ts";
import type { Engine } from "../../src/engine/engine-types.ts";
import type { Answer } from "../../src/answer/types.ts";
import type { KnowledgeData } from "../../src/knowledge/parse.ts";
import type { FakeDiscord, RecordedRequest } from "../bots/discord/fake-discord.ts";
import type { ApiCall, FakeSlack, ResponseUrlPost } from "../bots/slack/fake-slack.ts";

// ---------------------------------------------------------------------------------------
// Questions

export type Channel = "slack-mention" | "slack-command" | "discord-command";

export interface SoakQuestion {
  id: number;
  /** The question as a person would type it. */
  text: string;
  kind: "claim" | "out-of-scope";
  lang: "ko" | "en";
  channel: Channel;
  /** 0..users-1 */
  user: number;
}

/** Questions the articles do not cover, in both languages. */
export const OUT_OF_SCOPE = {
  ko: [
    "내일 서울 날씨 어때?",
    "김치찌개 맛있게 끓이는 법 알려줘",
    "손흥민이 이번 시즌 몇 골 넣었어?",
    "파이썬에서 리스트 정렬하는 방법은?",
    "제주도 여행 3박 4일 코스 추천해줘",
    "비트코인 지금 사도 될까?",
    "고양이가 밤에 우는 이유는 뭐야?",
    "좋은 노트북 추천해 줄래?",
    "조선 왕조는 몇 년 동안 이어졌나?",
    "오늘 저녁 메뉴 뭐 먹지?",
  ],
  en: [
    "What is the best pizza topping in Naples?",
    "How do I bake sourdough bread at home?",
    "Who won the 1998 football World Cup?",
    "What's the weather like in Lisbon tomorrow?",
    "How do I reverse a linked list in Python?",
    "Recommend a good sci-fi novel for a long flight.",
    "Why do cats purr?",
    "How tall is Mount Kilimanjaro?",
    "What is a good stretching routine for runners?",
    "Explain the rules of cricket briefly.",
  ],
} as const;

/** A small seeded generator (mulberry32), so the mix is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], rnd: () => number): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error("soak: pick from an empty list");
  return item;
}

/**
 * The question mix: claims of the bundled facts (as written, or asked about), in Korean and
 * English, and out-of-scope questions (about one in seven). Half go to Discord, half to
 * Slack (mentions and `/ask` alternating).
 */
export function buildQuestions(data: KnowledgeData, count: number, users: number, seed: number): SoakQuestion[] {
  const rnd = seededRandom(seed);
  const claims = {
    ko: data.facts.map((f) => f.claim.ko),
    en: data.facts.flatMap((f) => (f.claim.en ? [f.claim.en] : [])),
  };
  const out: SoakQuestion[] = [];
  for (let id = 0; id < count; id++) {
    const lang = rnd() < 0.5 ? "ko" : "en";
    const outOfScope = rnd() < 1 / 7;
    let text: string;
    if (outOfScope) {
      text = pick(OUT_OF_SCOPE[lang], rnd);
    } else {
      const claim = pick(claims[lang], rnd);
      const form = rnd();
      if (lang === "ko") text = form < 0.5 ? claim : `${claim.replace(/[.。]$/u, "")} 맞나요?`;
      else text = form < 0.5 ? claim : `Is it true that ${claim.replace(/\.$/u, "")}?`;
    }
    const channel: Channel = id % 2 === 1 ? "discord-command" : id % 4 === 0 ? "slack-mention" : "slack-command";
    out.push({ id, text, kind: outOfScope ? "out-of-scope" : "claim", lang, channel, user: Math.floor(rnd() * users) });
  }
  return out;
}

// The question id rides in the question as a mention of a made-up user: the answer core
// strips mention tokens before it reads a question, so the tag changes no answer, and every
// reply must show it escaped (Slack) or carry no allowed mentions (Discord).
const SLACK_TAG = (id: number) => `<@UQ${String(id).padStart(6, "0")}>`;
const DISCORD_TAG = (id: number) => `<@990000000000${String(id).padStart(6, "0")}>`;
const TAG = /<@(?:UQ|990000000000)(\d{6})>/u;

/** The mention token that carries the question id on the question's platform. */
export function tagOf(q: SoakQuestion): string {
  return q.channel === "discord-command" ? DISCORD_TAG(q.id) : SLACK_TAG(q.id);
}

export function questionIdOf(question: string): number | null {
  const m = TAG.exec(question);
  return m?.[1] === undefined ? null : Number(m[1]);
}

export function untagged(question: string): string {
  return question.replace(TAG, "").trim();
}

/** Escapes text as Slack does in the messages and commands it delivers. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// ---------------------------------------------------------------------------------------
// The recording engine

export interface Recorded {
  answer: Answer;
  calls: number;
  ms: number;
}

export interface RecordingEngine extends Engine {
  readonly byId: Map<number, Recorded>;
  /** Questions asked that carried no question id (must stay empty). */
  readonly untaggedAsks: string[];
  readonly askMs: number[];
}

/** The real engine, with `ask` recording each answer under the question id it carries. */
export function recordingEngine(real: FullEngine): RecordingEngine {
  const byId = new Map<number, Recorded>();
  const untaggedAsks: string[] = [];
  const askMs: number[] = [];
  return {
    ...real,
    byId,
    untaggedAsks,
    askMs,
    ask(question) {
      const started = performance.now();
      const answer = real.ask(question);
      const ms = performance.now() - started;
      askMs.push(ms);
      const id = questionIdOf(question);
      if (id === null) {
        untaggedAsks.push(question);
      } else {
        const seen = byId.get(id);
        byId.set(id, { answer, calls: (seen?.calls ?? 0) + 1, ms });
      }
      return answer;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Reloads

export type ReloadPlan =
  | { kind: "ok"; rev: number }
  | { kind: "bad-quote"; article: string }
  | { kind: "unknown-article" }
  | { kind: "unknown-term"; article: string };

export const ORPHAN_FACTS = "zz-soak-orphan.yaml";

/**
 * Writes the data change a reload will read, and returns the function that undoes a broken
 * one. A valid revision renames every article (" [rev N]"), so each version's citations
 * carry titles no other version has. Synchronous on purpose: the files are tiny, and the
 * test's own edits should not queue behind the load it puts on the event loop.
 */
export function applyPlan(dataDir: string, plan: ReloadPlan, data: KnowledgeData): () => void {
  if (plan.kind === "ok") {
    for (const a of data.articles) {
      const file = path.join(dataDir, "articles", `${a.id}.md`);
      const text = readFileSync(file, "utf8");
      const base = a.title.replace(/ \[rev \d+\]$/u, "");
      const next = text.replace(/^title: .*$/mu, `title: ${JSON.stringify(`${base} [rev ${plan.rev}]`)}`);
      if (next === text) throw new Error(`soak: no title line in ${file}`);
      writeFileSync(file, next);
    }
    return () => {};
  }
  if (plan.kind === "unknown-article") {
    const file = path.join(dataDir, "facts", ORPHAN_FACTS);
    const fact = data.facts[0];
    if (!fact) throw new Error("soak: the data has no facts");
    writeFileSync(
      file,
      [
        "article: no-such-article",
        "facts:",
        "  - id: soak-orphan-01",
        "    claim:",
        `      ko: ${JSON.stringify(fact.claim.ko)}`,
        `      en: ${JSON.stringify(fact.claim.en ?? "An orphan fact.")}`,
        `    entities: [${fact.entities.join(", ")}]`,
        `    quote: ${JSON.stringify(fact.quote)}`,
        "",
      ].join("\n"),
    );
    return () => rmSync(file, { force: true });
  }
  const file = path.join(dataDir, "facts", `${plan.article}.yaml`);
  const original = readFileSync(file, "utf8");
  const broken =
    plan.kind === "bad-quote"
      ? original.replace(/^(\s*)quote: .*$/mu, `$1quote: "이 문장은 기사에 없습니다 (soak)"`)
      : original.replace(/^(\s*)entities: \[/mu, "$1entities: [no-such-term, ");
  if (broken === original) throw new Error(`soak: could not break ${file} for ${plan.kind}`);
  writeFileSync(file, broken);
  return () => writeFileSync(file, original);
}

// ---------------------------------------------------------------------------------------
// Replies

export interface Reply {
  at: number;
  /** Slack chat.postMessage args, a response_url body, or a Discord callback body. */
  body: Record<string, unknown>;
}

/**
 * Attributes every reply the fakes receive to a question: Slack mentions by their thread
 * (each mention has its own ts), `/ask` by its response_url, Discord by the interaction id.
 * Polls the fakes' records incrementally, so it costs nothing per waiting question.
 */
export class ReplyTracker {
  readonly replies = new Map<number, Reply[]>();
  /** Replies that belong to no question (must stay empty). */
  readonly strays: unknown[] = [];
  readonly #threadTs = new Map<string, number>();
  readonly #responseIds = new Map<string, number>();
  readonly #interactionIds = new Map<string, number>();
  readonly #waiters = new Map<number, () => void>();
  #calls = 0;
  #responses = 0;
  #requests = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly slack: FakeSlack,
    /** Null where no Discord bot runs. */
    private readonly discord: FakeDiscord | null,
  ) {
    this.#timer = setInterval(() => this.scan(), 2);
  }

  expectThread(ts: string, id: number): void {
    this.#threadTs.set(ts, id);
  }

  expectResponse(responseId: string, id: number): void {
    this.#responseIds.set(responseId, id);
  }

  expectInteraction(interactionId: string, id: number): void {
    this.#interactionIds.set(interactionId, id);
  }

  #add(id: number | undefined, body: Record<string, unknown>, raw: unknown): void {
    if (id === undefined) {
      this.strays.push(raw);
      return;
    }
    const list = this.replies.get(id) ?? [];
    list.push({ at: performance.now(), body });
    this.replies.set(id, list);
    this.#waiters.get(id)?.();
  }

  scan(): void {
    const calls: ApiCall[] = this.slack.calls;
    for (; this.#calls < calls.length; this.#calls++) {
      const c = calls[this.#calls]!;
      if (c.method !== "chat.postMessage") {
        if (c.method !== "auth.test") this.strays.push(c);
        continue;
      }
      this.#add(this.#threadTs.get(String(c.args.thread_ts)), c.args, c);
    }
    const responses: ResponseUrlPost[] = this.slack.responses;
    for (; this.#responses < responses.length; this.#responses++) {
      const r = responses[this.#responses]!;
      this.#add(this.#responseIds.get(r.id), r.body, r);
    }
    const requests: RecordedRequest[] = this.discord?.requests ?? [];
    for (; this.#requests < requests.length; this.#requests++) {
      const r = requests[this.#requests]!;
      const m = /^\/interactions\/(\d+)\/[^/]+\/callback$/u.exec(r.route);
      if (r.method === "POST" && m?.[1]) this.#add(this.#interactionIds.get(m[1]), r.body as Record<string, unknown>, r);
      // Reads (the gateway, an answer fetched for its id) change nothing a user sees.
      else if (r.method !== "GET") this.strays.push({ method: r.method, route: r.route });
    }
  }

  /** Resolves at the first reply to question `id`; rejects after `timeoutMs`. */
  waitFor(id: number, timeoutMs: number): Promise<void> {
    if (this.replies.has(id)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(id);
        reject(new Error(`soak: no reply to question ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(id, () => {
        clearTimeout(timer);
        this.#waiters.delete(id);
        resolve();
      });
    });
  }

  stop(): void {
    clearInterval(this.#timer);
    this.scan();
  }
}

// ---------------------------------------------------------------------------------------
// Small helpers

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** True when every part of a quote (parts joined with "…" or "...") occurs in the text, whitespace collapsed. */
export function quoteIn(quote: string, text: string): boolean {
  const squash = (s: string) => s.normalize("NFC").replace(/\s+/gu, " ").trim();
  const haystack = squash(text);
  const parts = quote.split(/\s*(?:…|\.\.\.)\s*/u).map(squash).filter((p) => p !== "");
  return parts.length > 0 && parts.every((p) => haystack.includes(p));
}

/** Runs `task` over `items` with at most `limit` in flight; rejects on the first failure. */
export async function runPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
