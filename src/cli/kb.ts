// npm run kb -- check     validate the data; every error (exit 1) or a summary
// npm run kb -- import <raw-page.txt> [--url U] [--outlet O] [--date YYYY-MM-DD] [--id ID]
//                          draft a candidate article and facts from a scraped page, then check
// npm run kb -- gaps [--days N] [--json]
//                          the most frequent unanswered questions recorded in STATE_DIR
import { parseArgs } from "node:util";
import { ImportError } from "../knowledge/import/draft.ts";
import { importPage } from "../knowledge/import/import.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { MIN_EXAMPLE_QUESTIONS, sparseQuestions } from "../knowledge/parse.ts";
import { formatDataError } from "../knowledge/report.ts";
import { createEngine } from "../engine/engine.ts";
import { describeUnreadable } from "../bots/shared/jsonl-log.ts";
import { readGapRecords } from "../bots/shared/recording-engine.ts";
import { openLogsFromEnv } from "../shared/cli-logs.ts";
import { renderGaps } from "../bots/terminal/chat.ts";
import { dataDirFromEnv, exitOnLoadError, stateDirFromEnv } from "./common.ts";

const USAGE =
  "usage: npm run kb -- check\n" +
  "       npm run kb -- import <raw-page.txt> [--url U] [--outlet O] [--date YYYY-MM-DD] [--id ID]\n" +
  "       npm run kb -- gaps [--days N] [--json]";

async function check(dataDir: string): Promise<number> {
  const result = await loadKnowledge(dataDir);
  for (const w of result.warnings) process.stdout.write(`warning: ${formatDataError(w)}\n`);
  if (!result.data) {
    for (const e of result.errors) process.stderr.write(`${formatDataError(e)}\n`);
    process.stderr.write(`${result.errors.length} error(s); the data would not be loaded.\n`);
    return 1;
  }
  const d = result.data;
  const sparse = sparseQuestions(d.facts);
  if (sparse.length > 0) {
    process.stdout.write(
      `warning: ${sparse.length} curated fact(s) with fewer than ${MIN_EXAMPLE_QUESTIONS} example questions in a language: ${sparse.join(", ")}\n`,
    );
  }
  const candidates = d.facts.filter((f) => f.status === "candidate").length;
  process.stdout.write(
    `ok: version ${d.version}: ${d.articles.length} articles, ${d.facts.length} facts` +
      `${candidates ? ` (${candidates} candidates awaiting review)` : ""}, ${d.terms.length} glossary terms, ` +
      `${result.warnings.length + (sparse.length > 0 ? 1 : 0)} warning(s)\n`,
  );
  return 0;
}

async function importRaw(dataDir: string, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { url: { type: "string" }, outlet: { type: "string" }, date: { type: "string" }, id: { type: "string" } },
    });
  } catch (err) {
    process.stderr.write(`import: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [rawPath, ...extra] = parsed.positionals;
  if (!rawPath || extra.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const { draft, written, rawReused } = await importPage(rawPath, { dataDir, ...parsed.values });
    const removed = new Map<string, number>();
    for (const r of draft.page.removed) removed.set(r.rule, (removed.get(r.rule) ?? 0) + 1);
    process.stdout.write(
      `import: ${rawPath}: drafted article "${draft.id}": ${draft.page.paragraphs.length} paragraphs, ` +
        `${draft.facts.length} candidate facts; removed ${draft.page.removed.length} furniture lines ` +
        `(${[...removed].map(([rule, n]) => `${rule} ${n}`).join(", ")})\n`,
    );
    for (const file of written) process.stdout.write(`wrote ${file}\n`);
    if (rawReused) process.stdout.write(`kept ${draft.meta.raw}, already in raw/\n`);
    for (const note of draft.meta.notes) process.stdout.write(`  note: ${note}\n`);
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  return check(dataDir);
}

async function gaps(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { days: { type: "string", default: "7" }, json: { type: "boolean", default: false } } });
  } catch (err) {
    process.stderr.write(`gaps: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const days = Number(parsed.values.days);
  if (!Number.isInteger(days) || days < 1) {
    process.stderr.write(`gaps: --days must be a whole number of days, got "${parsed.values.days}"\n`);
    return 2;
  }
  const engine = await createEngine({ dataDir: dataDirFromEnv() }).catch(exitOnLoadError);
  let opened;
  try {
    opened = await openLogsFromEnv(process.env, stateDirFromEnv());
  } catch (err) {
    process.stderr.write(`gaps: ${(err as Error).message}\n`);
    return 1;
  }
  const { records, unreadable } = await readGapRecords(opened.logs).finally(() => opened.close());
  for (const line of describeUnreadable(unreadable)) process.stderr.write(`gaps: ${line}\n`);
  const groups = engine.gaps(records, { days, now: new Date() });
  process.stdout.write(parsed.values.json ? JSON.stringify(groups) + "\n" : renderGaps(groups, days) + "\n");
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return check(dataDirFromEnv());
    case "import":
      return importRaw(dataDirFromEnv(), rest);
    case "gaps":
      return gaps(rest);
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
