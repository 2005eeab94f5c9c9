// `npm run kb -- check` on a data directory of its own, run as a user runs it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ARTICLE, EXAMPLES, FACTS, GLOSSARY } from "../knowledge/fixtures.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function check(facts: string) {
  const dir = mkdtempSync(join(tmpdir(), "kb-check-"));
  dirs.push(dir);
  const data = join(dir, "data");
  for (const sub of ["articles", "facts", "raw"]) mkdirSync(join(data, sub), { recursive: true });
  writeFileSync(join(data, "articles", "chip-deal.md"), ARTICLE);
  writeFileSync(join(data, "facts", "chip-deal.yaml"), facts);
  writeFileSync(join(data, "raw", "chip-deal.txt"), "raw page");
  writeFileSync(join(data, "glossary.yaml"), GLOSSARY);
  writeFileSync(join(data, "examples.yaml"), EXAMPLES);
  return spawnSync(TSX, [join(ROOT, "src/cli/kb.ts"), "check"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATA_DIR: data } });
}

describe("npm run kb -- check", () => {
  it("warns, counted, about curated facts with fewer than two example questions in a language", () => {
    const facts = FACTS.replace(
      "    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n",
      "    quote: 미국 정부가 엔비디아의 H20 수출을 승인했다.\n    questions:\n      ko: [h20 승인됐어?, h20 허가 났어?]\n      en: [did the us ok the h20?, was the h20 greenlit?]\n",
    );
    const r = check(facts);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("warning: 1 curated fact(s) with fewer than 2 example questions in a language: chip-deal-02 (ko 0, en 0)");
    expect(lines[1]).toMatch(/^ok: version [0-9a-f]{12}: 1 articles, 2 facts, 3 glossary terms, 1 warning\(s\)$/);
  });

  it("fails on a duplicate example question, naming file, fact and field", () => {
    const facts = FACTS.replace("    entities: [lutnick]\n", "    entities: [lutnick]\n    questions:\n      ko: [러트닉 뭐래?, 러트닉  뭐래?]\n");
    const r = check(facts);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("knowledge: data/facts/chip-deal.yaml: facts[1].questions.ko[1]: duplicate of questions.ko[0]\n");
  });
});

describe("npm run kb -- gaps", () => {
  it("says which lines of the logs it could not read", () => {
    const state = mkdtempSync(join(tmpdir(), "kb-gaps-"));
    dirs.push(state);
    const at = new Date().toISOString();
    const refusal = (q: string) => JSON.stringify({ at, platform: "slack", question: q, lang: "en", refusal: "no-support", kbVersion: "v1" });
    const lines = [...Array.from({ length: 11 }, () => refusal("What is the price of Tesla stock?")), `{"at":"${at}","platform":"sla`, refusal("Who makes the Ascend 910C?")];
    writeFileSync(join(state, "refusals.jsonl"), lines.join("\n") + "\n");
    const env: NodeJS.ProcessEnv = { ...process.env, STATE_DIR: state };
    delete env.REDIS_URL;
    const r = spawnSync(TSX, [join(ROOT, "src/cli/kb.ts"), "gaps", "--days", "30", "--json"], { cwd: ROOT, encoding: "utf8", env });
    expect(r.stderr).toBe("gaps: skipped 1 unreadable line in refusals.jsonl:12\n");
    expect(r.status).toBe(0);
    const groups = JSON.parse(r.stdout) as Array<{ question: string; count: number }>;
    expect(groups.map((g) => [g.question, g.count])).toEqual([
      ["What is the price of Tesla stock?", 11],
      ["Who makes the Ascend 910C?", 1],
    ]);
  });
});
