// `kb import`'s file work: reads the page and the data directory, drafts the article, checks
// that the whole data set still loads with it, then writes the raw copy, the article and its
// facts, never over an existing file. Everything else is the pure draftImport.
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { loadKnowledge, readDataFiles } from "../load.ts";
import { parseKnowledge } from "../parse.ts";
import { formatDataError } from "../report.ts";
import { draftImport, ImportError, type ImportDraft, type ImportOptions } from "./draft.ts";

export interface ImportPageOptions extends ImportOptions {
  /** The data directory to import into (holds articles/, facts/, raw/, glossary*.yaml). */
  dataDir: string;
  /** YYYY-MM-DD, the date used when the page gives none. Default: today, local time. */
  today?: string;
}

export interface ImportResult {
  draft: ImportDraft;
  /** Files written, as shown in messages (data/articles/<id>.md …). */
  written: string[];
  /** True when the raw page was already in data/raw/ with the same content. */
  rawReused: boolean;
}

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Imports one scraped page into the data directory, or throws an ImportError and writes nothing. */
export async function importPage(rawPath: string, options: ImportPageOptions): Promise<ImportResult> {
  const { dataDir, today = localToday(), ...importOptions } = options;
  const root = basename(dataDir);
  let rawText: string;
  try {
    rawText = await readFile(rawPath, "utf8");
  } catch (err) {
    throw new ImportError(`import: ${rawPath}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }

  const kb = await loadKnowledge(dataDir);
  if (!kb.data) {
    throw new ImportError(`import: ${root}: the knowledge base has ${kb.errors.length} error(s); fix them first (npm run kb -- check)`);
  }

  // The loader lists raw pages by their .txt extension.
  const rawName = basename(rawPath).endsWith(".txt") ? basename(rawPath) : `${basename(rawPath)}.txt`;
  const draft = draftImport({
    source: rawPath,
    rawName,
    rawText,
    options: importOptions,
    articles: kb.data.articles,
    terms: kb.data.terms,
    today,
  });

  const targets = {
    raw: { path: join(dataDir, "raw", rawName), shown: `${root}/raw/${rawName}` },
    article: { path: join(dataDir, "articles", `${draft.id}.md`), shown: `${root}/articles/${draft.id}.md` },
    facts: { path: join(dataDir, "facts", `${draft.id}.yaml`), shown: `${root}/facts/${draft.id}.yaml` },
  };
  const existingRaw = await readIfExists(targets.raw.path);
  const rawReused = existingRaw !== null;
  if (existingRaw !== null && existingRaw !== rawText) {
    throw new ImportError(`import: ${rawPath}: ${targets.raw.shown} already exists with other content; rename the page`);
  }
  for (const t of [targets.article, targets.facts]) {
    if ((await readIfExists(t.path)) !== null) throw new ImportError(`import: ${rawPath}: ${t.shown} already exists; pass --id`);
  }

  // The whole data set, with the draft, must load before anything is written.
  const files = await readDataFiles(dataDir);
  const check = parseKnowledge({
    ...files,
    articles: [...files.articles, { path: targets.article.shown, content: draft.articleText }],
    facts: [...files.facts, { path: targets.facts.shown, content: draft.factsText }],
    rawNames: [...new Set([...files.rawNames, rawName])],
  });
  if (!check.data) {
    const errors = check.errors.map((e) => `  ${formatDataError(e)}`).join("\n");
    throw new ImportError(`import: ${rawPath}: the draft would not load:\n${errors}`);
  }

  const written: string[] = [];
  const plan = [
    ...(rawReused ? [] : [{ ...targets.raw, content: rawText }]),
    { ...targets.article, content: draft.articleText },
    { ...targets.facts, content: draft.factsText },
  ];
  try {
    for (const file of plan) {
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(file.path, file.content, { encoding: "utf8", flag: "wx" });
      written.push(file.path);
    }
  } catch (err) {
    await Promise.all(written.map((p) => unlink(p).catch(() => undefined)));
    throw new ImportError(`import: ${rawPath}: cannot write: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return { draft, written: plan.map((f) => f.shown), rawReused };
}
