// The scriptable CLI contract, run as a user runs it.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(TSX, [join(ROOT, "src/cli/ask.ts"), ...args], { cwd: ROOT, input, encoding: "utf8", env: { ...process.env, ...env } });

const KEYS = ["question", "lang", "answered", "text", "citations"];
const CITATION_KEYS = ["articleId", "title", "outlet", "publishedAt", "url", "quote"];

describe("npm run ask", () => {
  it("--jsonl answers one JSON line per input line, in order", () => {
    const r = run(["--jsonl"], "What is the B40 chip?\n오늘 날씨 어때?\n\nH200은 H20보다 성능이 얼마나 좋은가?\n");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.question)).toEqual(["What is the B40 chip?", "오늘 날씨 어때?", "", "H200은 H20보다 성능이 얼마나 좋은가?"]);
    expect(lines.map((l) => l.answered)).toEqual([true, false, false, true]);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(KEYS);
      for (const c of l.citations) expect(Object.keys(c)).toEqual(CITATION_KEYS);
    }
    expect(lines[1].lang).toBe("ko");
    expect(lines[3].text).toContain("6배");
  });

  it("--json prints one object", () => {
    const r = run(["--json", "Who is Howard Lutnick?"]);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.answered).toBe(true);
    expect(a.citations.length).toBeGreaterThan(0);
  });

  it("prints a readable answer with numbered sources", () => {
    const r = run(["What did David Sacks compare AI to?"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/dollar/i);
    expect(r.stdout).toMatch(/Sources:\n {2}\[1\] 파이낸셜뉴스, 2025-07-16/);
  });

  it("exits 2 with usage when given no question", () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage:");
  });

  it("exits 1 listing the data errors when the data is broken", () => {
    const r = run(["--json", "H20?"], undefined, { DATA_DIR: join(ROOT, "test", "no-such-dir") });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("knowledge:");
  });
});

describe("npm run kb -- check", () => {
  it("prints a summary and exits 0 on the bundled data", () => {
    const r = spawnSync(TSX, [join(ROOT, "src/cli/kb.ts"), "check"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok: version [0-9a-f]{12}: 5 articles, \d+ facts/);
  });
});

describe("npm run timeline", () => {
  it("prints the events about a topic in order, or JSON", () => {
    const text = spawnSync(TSX, [join(ROOT, "src/cli/timeline.ts"), "H20"], { cwd: ROOT, encoding: "utf8" });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Timeline: H20/);
    const json = spawnSync(TSX, [join(ROOT, "src/cli/timeline.ts"), "희토류", "--json"], { cwd: ROOT, encoding: "utf8" });
    const t = JSON.parse(json.stdout);
    expect(t.lang).toBe("ko");
    expect(t.entries.length).toBeGreaterThan(0);
    expect(Object.keys(t.entries[0])).toEqual(["date", "precision", "approximate", "when", "text", "factId", "citation"]);
  });
});
