// npm run kb -- check     validate the data; every error (exit 1) or a summary
import { loadKnowledge } from "../knowledge/load.ts";
import { formatDataError } from "../knowledge/report.ts";
import { dataDirFromEnv } from "./common.ts";

const USAGE = "usage: npm run kb -- check";

async function check(dataDir: string): Promise<number> {
  const result = await loadKnowledge(dataDir);
  for (const w of result.warnings) process.stdout.write(`warning: ${formatDataError(w)}\n`);
  if (!result.data) {
    for (const e of result.errors) process.stderr.write(`${formatDataError(e)}\n`);
    process.stderr.write(`${result.errors.length} error(s); the data would not be loaded.\n`);
    return 1;
  }
  const d = result.data;
  const candidates = d.facts.filter((f) => f.status === "candidate").length;
  process.stdout.write(
    `ok: version ${d.version}: ${d.articles.length} articles, ${d.facts.length} facts` +
      `${candidates ? ` (${candidates} candidates awaiting review)` : ""}, ${d.terms.length} glossary terms, ` +
      `${result.warnings.length} warning(s)\n`,
  );
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case "check":
      return check(dataDirFromEnv());
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
