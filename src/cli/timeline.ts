// npm run timeline -- [topic] [--json] [--lang ko|en]
import { createEngine } from "../engine/engine.ts";
import { renderTimeline } from "../bots/terminal/timeline.ts";
import { dataDirFromEnv, exitOnLoadError } from "./common.ts";

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const langAt = argv.indexOf("--lang");
  const lang = langAt >= 0 && argv[langAt + 1] === "ko" ? "ko" : "en";
  const words = argv.filter((a, i) => !a.startsWith("--") && !(langAt >= 0 && i === langAt + 1));
  const topic = words.join(" ").trim() || null;
  const engine = await createEngine({ dataDir: dataDirFromEnv() }).catch(exitOnLoadError);
  const t = engine.timeline(topic, lang);
  process.stdout.write(json ? JSON.stringify(t) + "\n" : renderTimeline(t) + "\n");
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
