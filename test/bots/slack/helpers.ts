// Shared pieces of the end-to-end tests: the real engine over the bundled data (wrapped so a
// test can make it fail or watch reloads), a logger that keeps its lines, and readers of the
// messages the fake Slack received.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { vi } from "vitest";
import type { Engine } from "../../../src/engine/engine-types.ts";
import { createEngine } from "../../../src/engine/engine.ts";
import { createLogger, type Logger } from "../../../src/log.ts";
import type { SlackConfig } from "../../../src/bots/slack/config.ts";

export const DATA_DIR = path.resolve(import.meta.dirname, "../../../data");

export interface SpyEngine extends Engine {
  ask: ReturnType<typeof vi.fn<Engine["ask"]>>;
  reload: ReturnType<typeof vi.fn<Engine["reload"]>>;
  real: Engine;
}

/** The real engine over data/, with `ask` and `reload` as spies that call through. */
export async function createSpyEngine(): Promise<SpyEngine> {
  const real = await createEngine({ dataDir: DATA_DIR });
  return {
    ...real,
    real,
    ask: vi.fn<Engine["ask"]>((q) => real.ask(q)),
    reload: vi.fn<Engine["reload"]>((actor) => real.reload(actor)),
  };
}

export function createMemoryLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  return {
    logger: createLogger({ level: "debug", write: (line) => raw.push(line) }),
    lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export function testConfig(overrides: Partial<SlackConfig> & Pick<SlackConfig, "apiUrl">): SlackConfig {
  return {
    botToken: "xoxb-test-bot-token",
    signingSecret: null,
    appToken: null,
    mode: "http",
    port: 0,
    adminUserIds: ["UADMIN01"],
    ...overrides,
  };
}

type AnyBlock = { type: string; text?: { text: string }; elements?: { type: string; text?: unknown; value?: string; action_id?: string }[] };

export function blocksOf(message: Record<string, unknown>): AnyBlock[] {
  const blocks = message.blocks;
  return Array.isArray(blocks) ? (blocks as AnyBlock[]) : [];
}

/** Every text in the blocks, in order (sections, context elements). */
export function textsOf(message: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const b of blocksOf(message)) {
    if (b.text) out.push(b.text.text);
    for (const e of b.elements ?? []) if (typeof e.text === "string") out.push(e.text);
  }
  return out;
}

export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The quotes of the citation blocks, unescaped, without their quotation marks. */
export function postedQuotes(message: Record<string, unknown>): string[] {
  return blocksOf(message)
    .filter((b) => b.type === "context" && (b.elements?.length ?? 0) >= 2 && String(b.elements?.[0]?.text ?? "").startsWith("*["))
    .map((b) => unescapeSlack(String(b.elements?.[1]?.text ?? "")).replace(/^“/, "").replace(/”$/, ""));
}

/** The id the 👍/👎 buttons carry. */
export function feedbackIdOf(message: Record<string, unknown>): string {
  const actions = blocksOf(message).find((b) => b.type === "actions" && (b as { block_id?: string }).block_id === "chokepoint_feedback");
  const value = actions?.elements?.[0]?.value;
  if (!value) throw new Error("test: the message has no feedback buttons");
  return value;
}

/** The body of data/articles/<id>.md, whitespace collapsed. */
export async function articleBody(articleId: string): Promise<string> {
  const text = await readFile(path.join(DATA_DIR, "articles", `${articleId}.md`), "utf8");
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, "");
  return body.replace(/\s+/g, " ");
}

/** True when every part of a quote (parts joined with " … ") occurs in the article body. */
export async function quoteOccursInArticle(quote: string, articleId: string): Promise<boolean> {
  const body = await articleBody(articleId);
  return quote
    .split(" … ")
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "")
    .every((p) => body.includes(p));
}
