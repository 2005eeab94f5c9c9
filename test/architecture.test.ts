// The rooms of src/ depend one way: bots → engine → answer → search → knowledge. The search
// index and the answer core are pure: no threads, no files, no chat library, so they run
// the same in a test, a worker or a bot.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "..", "src");

/** Rooms in dependency order: a room may import only the rooms before it. */
const LAYERS = ["knowledge", "search", "answer", "engine", "bots"] as const;
/** Rooms that must not reach a thread, a file or a chat platform. */
const PURE = new Set(["search", "answer"]);
const IMPURE_MODULES = [/^(node:)?worker_threads$/u, /^(node:)?fs(\/.*)?$/u, /^discord\.js(\/.*)?$/u, /^@slack\//u];

interface SourceFile {
  /** Path under src/, with forward slashes. */
  path: string;
  text: string;
}

/** The room of a path under src/ ("search/query.ts" → "search"); files at the top have none. */
function roomOf(path: string): string | undefined {
  const parts = path.split("/");
  return parts.length > 1 ? parts[0] : undefined;
}

/** Every module a file imports or re-exports, statically, by type only, or dynamically. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** What breaks the rules, one line per import. */
function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const room = roomOf(file.path);
    const rank = LAYERS.indexOf(room as (typeof LAYERS)[number]);
    for (const spec of importsOf(file.text)) {
      if (spec.startsWith(".")) {
        const target = relative(SRC, resolve(SRC, dirname(file.path), spec)).split("\\").join("/");
        const targetRoom = roomOf(target);
        const targetRank = LAYERS.indexOf(targetRoom as (typeof LAYERS)[number]);
        if (rank >= 0 && targetRank > rank) found.push(`${file.path} (${room}) imports ${spec}, in ${targetRoom}, which depends on ${room}`);
      } else if (room && PURE.has(room) && IMPURE_MODULES.some((re) => re.test(spec))) {
        found.push(`${file.path} (${room}, pure) imports ${spec}`);
      }
    }
  }
  return found;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((p) => /\.(ts|mts|mjs|js)$/u.test(p))
    .map((p) => ({ path: p.split("\\").join("/"), text: readFileSync(join(dir, p), "utf8") }));
}

describe("architecture", () => {
  it("finds the rooms it guards", () => {
    const rooms = new Set(sourceFiles(SRC).map((f) => roomOf(f.path)));
    for (const room of LAYERS) expect(rooms).toContain(room);
  });

  it("has every import in src/ point down the layers, and search and answer pure", () => {
    expect(violations(sourceFiles(SRC))).toEqual([]);
  });

  it("reports an import that points the wrong way", () => {
    const files = [
      { path: "search/query.ts", text: 'import type { Answer } from "../answer/types.ts";' },
      { path: "answer/answer.ts", text: 'export { createEngine } from "../engine/engine.ts";' },
      { path: "engine/engine.ts", text: 'const chat = await import("../bots/terminal/chat.ts");' },
      { path: "knowledge/store.ts", text: 'import { searchIndex } from "../search/search-index.ts";' },
      { path: "bots/terminal/chat.ts", text: 'import { createEngine } from "../../engine/engine.ts";' },
      { path: "search/words.ts", text: 'import { Lru } from "../lru.ts";\n// import { answer } from "../answer/answer.ts";' },
    ];
    expect(violations(files)).toEqual([
      "search/query.ts (search) imports ../answer/types.ts, in answer, which depends on search",
      "answer/answer.ts (answer) imports ../engine/engine.ts, in engine, which depends on answer",
      "engine/engine.ts (engine) imports ../bots/terminal/chat.ts, in bots, which depends on engine",
      "knowledge/store.ts (knowledge) imports ../search/search-index.ts, in search, which depends on knowledge",
    ]);
  });

  it("reports threads, files and chat libraries in search and answer only", () => {
    const files = [
      { path: "search/build-index.ts", text: 'import { Worker } from "node:worker_threads";' },
      { path: "search/documents.ts", text: 'import { readFileSync } from "fs";' },
      { path: "answer/support.ts", text: 'import { readFile } from "node:fs/promises";' },
      { path: "answer/refusal.ts", text: 'import type { Client } from "discord.js";' },
      { path: "answer/timeline.ts", text: 'import type { App } from "@slack/bolt";' },
      { path: "engine/prepare.ts", text: 'import { Worker } from "node:worker_threads";' },
      { path: "bots/slack/app.ts", text: 'import { App } from "@slack/bolt";' },
      { path: "search/query.ts", text: 'import { join } from "node:path";' },
    ];
    expect(violations(files)).toEqual([
      "search/build-index.ts (search, pure) imports node:worker_threads",
      "search/documents.ts (search, pure) imports fs",
      "answer/support.ts (answer, pure) imports node:fs/promises",
      "answer/refusal.ts (answer, pure) imports discord.js",
      "answer/timeline.ts (answer, pure) imports @slack/bolt",
    ]);
  });
});
