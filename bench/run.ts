// npm run bench               full run: 1,000, 10,000 and 50,000 articles (tens of minutes)
// npm run bench -- --smoke    small and fast (CI): 200 articles, 100 questions
// Options: --sizes=1000,10000  --questions=600  --no-bare  --bare-questions=100  --no-reload  --no-e2e
//          --e2e-articles=1000 --concurrency=20 --asks=1000 --e2e-warmup=1000  --out=bench/results.json
//
// Prints the tables on stdout, progress on stderr, and writes the figures as JSON. Needs
// `node --expose-gc` (for heap figures) and a heap limit large enough for the bare anchor
// at 50,000 articles; when started without them it runs itself again with them.
import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { hasGc } from "./measure.ts";
import { formatReport } from "./report.ts";
import { runBench, type BenchOptions } from "./suite.ts";

const ROOT = join(import.meta.dirname, "..");
const HEAP_LIMIT_MIB = 12_288;

export function optionsFrom(argv: readonly string[]): BenchOptions & { out: string } {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const num = (name: string, dflt: number) => {
    const v = value(name);
    if (v === undefined) return dflt;
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0) throw new Error(`bench: --${name} must be a positive number, got "${v}"`);
    return x;
  };
  const smoke = flag("smoke");
  const sizesArg = value("sizes");
  const sizes = sizesArg
    ? sizesArg.split(",").map((s) => {
        const x = Number(s);
        if (!Number.isInteger(x) || x <= 0) throw new Error(`bench: --sizes takes article counts such as 1000,10000, got "${sizesArg}"`);
        return x;
      })
    : smoke
      ? [200]
      : [1_000, 10_000, 50_000];
  const e2eArticles = num("e2e-articles", smoke ? 200 : 1_000);
  return {
    mode: smoke ? "smoke" : "full",
    sizes,
    questions: num("questions", smoke ? 100 : 600),
    warmup: num("warmup", smoke ? 20 : 100),
    bare: !flag("no-bare"),
    bareQuestions: (articles) => {
      const given = value("bare-questions");
      if (given !== undefined) return num("bare-questions", 600);
      return articles >= 50_000 ? 100 : null;
    },
    reload: !flag("no-reload"),
    e2e: flag("no-e2e")
      ? null
      : {
          articles: e2eArticles,
          concurrency: num("concurrency", 20),
          asks: num("asks", smoke ? 60 : 1_000),
          // As many as measured: the JIT keeps optimizing the bots' code for the first thousand
          // answers or so, and a deployed bot answers from code that has long been warm.
          warmup: num("e2e-warmup", smoke ? 20 : 1_000),
          slack: !flag("no-slack"),
          discord: !flag("no-discord"),
        },
    dataDir: value("data") ?? join(ROOT, "data"),
    out: value("out") ?? join(ROOT, "bench", smoke ? "results-smoke.json" : "results.json"),
    progress: (line) => process.stderr.write(`${line}\n`),
  };
}

async function main(argv: string[]): Promise<number> {
  const heapLimit = getHeapStatistics().heap_size_limit / 2 ** 20;
  if (!hasGc() || (!argv.includes("--smoke") && heapLimit < HEAP_LIMIT_MIB * 0.9)) {
    // Run again with the flags the measurements need.
    const child = spawnSync(
      process.execPath,
      ["--expose-gc", `--max-old-space-size=${HEAP_LIMIT_MIB}`, "--import", "tsx", fileURLToPath(import.meta.url), ...argv],
      { stdio: "inherit", cwd: ROOT },
    );
    return child.status ?? 1;
  }
  const options = optionsFrom(argv);
  const results = await runBench(options);
  process.stdout.write(`${formatReport(results)}\n`);
  await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`results written to ${options.out}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
