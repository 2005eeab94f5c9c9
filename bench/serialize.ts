// Writes a knowledge base back into the data files the loader reads (in memory, or into a
// data directory), so a synthetic knowledge base can be checked by the real parser, and
// loading can be timed.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import type { DataFiles, KnowledgeData } from "../src/knowledge/parse.ts";
import type { Fact } from "../src/knowledge/schema.ts";

/** The data files of `data`, under the shown directory name `root`. */
export function toDataFiles(data: KnowledgeData, root = "synthetic"): DataFiles {
  const factsOf = new Map<string, Fact[]>();
  for (const f of data.facts) factsOf.set(f.article, [...(factsOf.get(f.article) ?? []), f]);
  const articles = data.articles.map((a) => {
    const { body, file: _file, ...meta } = a;
    return { path: `${root}/articles/${a.id}.md`, content: `---\n${stringify(meta)}---\n\n${body}\n` };
  });
  const facts = data.articles
    .filter((a) => factsOf.has(a.id))
    .map((a) => ({
      path: `${root}/facts/${a.id}.yaml`,
      content: stringify({
        article: a.id,
        facts: (factsOf.get(a.id) ?? []).map(({ article: _a, file: _f, ...entry }) => entry),
      }),
    }));
  const byKind = new Map<boolean, typeof data.terms>();
  for (const t of data.terms) byKind.set(t.kind === "concept", [...(byKind.get(t.kind === "concept") ?? []), t]);
  const glossary = [...byKind.entries()].map(([concepts, terms]) => ({
    path: `${root}/${concepts ? "glossary-concepts" : "glossary"}.yaml`,
    content: stringify({ terms }),
  }));
  return {
    articles,
    facts,
    glossary,
    examples: { path: `${root}/examples.yaml`, content: stringify(data.examples) },
    rawNames: [],
  };
}

/** Writes data files (paths under their shown root) into the data directory `dir`. */
export async function writeDataFiles(files: DataFiles, dir: string): Promise<void> {
  const all = [...files.articles, ...files.facts, ...files.glossary, ...(files.examples ? [files.examples] : [])];
  for (const file of all) {
    const path = join(dir, file.path.split("/").slice(1).join("/"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
}
