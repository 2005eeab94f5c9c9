// Pure parsing and cross-checking of the data files. Takes file contents, returns either a
// whole knowledge data set or every error found, each naming the file, the field and why.
import { createHash } from "node:crypto";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import type { DataError } from "./report.ts";
import {
  ArticleMetaSchema,
  ExamplesFileSchema,
  FactFileSchema,
  GlossaryFileSchema,
  type Article,
  type Examples,
  type Fact,
  type Term,
} from "./schema.ts";
import { normalizeSpace, quoteOccursInNormalized } from "./text.ts";
import { runSteps, runStepsSliced, type Steps } from "./steps.ts";

export interface DataFile {
  /** Path as shown in messages, e.g. "data/facts/h20.yaml". */
  path: string;
  content: string;
  /**
   * The file's bytes while its text is not yet decoded (see load.ts): hashed as they are, the
   * same as the text's UTF-8 for any file that is valid UTF-8.
   */
  readonly bytes?: Uint8Array;
}

export interface DataFiles {
  articles: DataFile[];
  facts: DataFile[];
  glossary: DataFile[];
  /** data/examples.yaml, when present. */
  examples: DataFile | null;
  /** Names of the raw pages present in data/raw/. */
  rawNames: string[];
}

export interface KnowledgeData {
  /** Content hash of every file: equal data, equal version. */
  version: string;
  articles: readonly Article[];
  facts: readonly Fact[];
  terms: readonly Term[];
  examples: Examples;
}

export interface ParseResult {
  data: KnowledgeData | null;
  errors: DataError[];
  /** Suspicious but allowed: shown by `kb check`, never block a reload. */
  warnings: DataError[];
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function zodErrors(file: string, error: z.ZodError, prefix = ""): DataError[] {
  return error.issues.map((issue) => {
    const p = pathOf(issue.path);
    return { file, path: prefix && p ? `${prefix}.${p}` : prefix || p, message: issue.message };
  });
}

function yamlErrors(file: string, err: unknown, lineOffset = 0): DataError[] {
  if (err instanceof YAMLParseError) {
    const line = (err.linePos?.[0]?.line ?? 0) + lineOffset;
    const first = (err.message.split("\n")[0] ?? err.message).replace(/ at line \d+, column \d+:?$/u, "");
    return [{ file, path: line ? `line ${line}` : "", message: `invalid YAML: ${first}` }];
  }
  return [{ file, path: "", message: `invalid YAML: ${String(err)}` }];
}

function parseYamlFile(file: DataFile): { value?: unknown; errors: DataError[] } {
  try {
    return { value: parseYaml(file.content, { prettyErrors: true, uniqueKeys: true }), errors: [] };
  } catch (err) {
    return { errors: yamlErrors(file.path, err) };
  }
}

/** A YAML file validated by a schema; its problems are added to `errors` and null returned. */
function parseYamlAs<T>(file: DataFile, schema: z.ZodType<T>, errors: DataError[]): T | null {
  const { value, errors: yamlErr } = parseYamlFile(file);
  if (yamlErr.length) {
    errors.push(...yamlErr);
    return null;
  }
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    errors.push(...zodErrors(file.path, parsed.error));
    return null;
  }
  return parsed.data;
}

/**
 * Splits an article into its front matter and body: a first line `---`, the YAML, a line
 * `---`. Found by scanning for the closing line, not by a regular expression: a lazy
 * pattern over a whole article backtracks per line and overflowed the stack on a 9 MB one.
 */
export function splitFrontMatter(content: string): { meta: string; body: string } | null {
  const text = content.startsWith("\uFEFF") ? content.slice(1) : content;
  const open = text.startsWith("---\n") ? 4 : text.startsWith("---\r\n") ? 5 : -1;
  if (open < 0) return null;
  // The closing line may directly follow the opening one (empty front matter).
  for (let at = open; at <= text.length; ) {
    if (text.startsWith("---", at)) {
      const after = at + 3;
      const end = text.startsWith("\r\n", after) ? after + 2 : text.startsWith("\n", after) ? after + 1 : after === text.length ? after : -1;
      if (end >= 0) return { meta: text.slice(open, at).replace(/\r?\n$/u, ""), body: text.slice(end) };
    }
    const next = text.indexOf("\n", at);
    if (next < 0) return null;
    at = next + 1;
  }
  return null;
}

function parseArticle(file: DataFile, rawNames: ReadonlySet<string>): { article?: Article; errors: DataError[] } {
  const split = splitFrontMatter(file.content);
  if (!split) {
    return { errors: [{ file: file.path, path: "", message: "must start with YAML front matter between '---' lines" }] };
  }
  let meta: unknown;
  try {
    meta = parseYaml(split.meta, { uniqueKeys: true });
  } catch (err) {
    return { errors: yamlErrors(file.path, err, 1) };
  }
  const parsed = ArticleMetaSchema.safeParse(meta ?? {});
  if (!parsed.success) return { errors: zodErrors(file.path, parsed.error) };
  const body = split.body.replace(/\r\n/g, "\n").trim();
  const errors: DataError[] = [];
  if (!body) errors.push({ file: file.path, path: "body", message: "article text is empty" });
  const expected = file.path.replace(/^.*\//u, "").replace(/\.md$/u, "");
  if (parsed.data.id !== expected) {
    errors.push({ file: file.path, path: "id", message: `"${parsed.data.id}" must match the file name "${expected}"` });
  }
  if (parsed.data.raw !== null && !rawNames.has(parsed.data.raw)) {
    errors.push({ file: file.path, path: "raw", message: `raw page "${parsed.data.raw}" not found in data/raw/` });
  }
  return { article: { ...parsed.data, body, file: file.path }, errors };
}

/** Files hashed per step of the version hash. */
const HASH_STEP = 64;

/** Paths in the order the version hashes them (code-unit order: the same on every machine). */
export const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The version's hash, fed one file at a time in byPath order. */
export function versionHash(): { add(path: string, content: Uint8Array | string): void; digest(): string } {
  const h = createHash("sha256");
  return {
    add: (path, content) => void h.update(path).update("\0").update(content).update("\0"),
    digest: () => h.digest("hex").slice(0, 12),
  };
}

/** The version: a content hash of every file, in path order. */
export function* hashFiles(files: DataFiles): Steps<string> {
  const h = versionHash();
  const all = [...files.articles, ...files.facts, ...files.glossary, ...(files.examples ? [files.examples] : [])];
  yield;
  all.sort(byPath);
  for (let i = 0; i < all.length; i++) {
    if (i % HASH_STEP === 0) yield;
    const f = all[i]!;
    h.add(f.path, f.bytes ?? f.content);
  }
  return h.digest();
}

function preview(text: string, max = 60): string {
  const t = normalizeSpace(text);
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Parses and cross-checks a complete data set. Never throws for bad data. */
export function parseKnowledge(files: DataFiles): ParseResult {
  return runSteps(parseSteps(files));
}

/**
 * The same, yielding to the event loop between files, so that a large reload never stalls
 * the answers being given meanwhile.
 */
export async function parseKnowledgeAsync(files: DataFiles): Promise<ParseResult> {
  return runStepsSliced(parseSteps(files));
}

/** The parse, one file a step. */
function* parseSteps(files: DataFiles): Steps<ParseResult> {
  const errors: DataError[] = [];
  const warnings: DataError[] = [];
  const rawNames = new Set(files.rawNames);

  // Glossary.
  const terms: Term[] = [];
  const termIds = new Map<string, string>();
  const aliasOwner = new Map<string, string>();
  for (const file of files.glossary) {
    yield;
    const glossary = parseYamlAs(file, GlossaryFileSchema, errors);
    if (!glossary) continue;
    glossary.terms.forEach((term, i) => {
      const where = termIds.get(term.id);
      if (where) {
        errors.push({ file: file.path, path: `terms[${i}].id`, message: `duplicate term id "${term.id}" (first in ${where})` });
        return;
      }
      termIds.set(term.id, file.path);
      for (const alias of [...term.en, ...term.ko]) {
        const key = normalizeSpace(alias).toLowerCase().replace(/\s+/g, "");
        const owner = aliasOwner.get(key);
        if (owner && owner !== term.id) {
          errors.push({
            file: file.path,
            path: `terms[${i}]`,
            message: `alias "${alias}" also names term "${owner}"`,
          });
        }
        aliasOwner.set(key, term.id);
      }
      terms.push(term);
    });
  }

  terms.forEach((term) => {
    if (term.partOf && !termIds.has(term.partOf)) {
      errors.push({ file: termIds.get(term.id) ?? "", path: `terms[${term.id}].partOf`, message: `unknown glossary term "${term.partOf}"` });
    }
  });

  // Articles.
  const articles: Article[] = [];
  const articleById = new Map<string, Article>();
  for (const file of files.articles) {
    yield;
    const { article, errors: aErr } = parseArticle(file, rawNames);
    errors.push(...aErr);
    if (!article) continue;
    const dup = articleById.get(article.id);
    if (dup) {
      errors.push({ file: file.path, path: "id", message: `duplicate article id "${article.id}" (first in ${dup.file})` });
      continue;
    }
    articleById.set(article.id, article);
    articles.push(article);
  }
  const bodyOwner = new Map<string, string>();
  // Normalized once per article (every article of articleById is here): every quote of its
  // facts is looked up in it.
  const normalizedBody = new Map<string, string>();
  for (const [i, a] of articles.entries()) {
    if (i % HASH_STEP === 0) yield;
    const key = normalizeSpace(a.body);
    normalizedBody.set(a.id, key);
    const other = bodyOwner.get(key);
    if (key && other) errors.push({ file: a.file, path: "body", message: `same text as article "${other}"` });
    bodyOwner.set(key, a.id);
  }

  // Facts.
  const facts: Fact[] = [];
  const factIds = new Map<string, string>();
  for (const file of files.facts) {
    yield;
    const parsed = parseYamlAs(file, FactFileSchema, errors);
    if (!parsed) continue;
    const article = articleById.get(parsed.article);
    if (!article) {
      errors.push({ file: file.path, path: "article", message: `unknown article id "${parsed.article}"` });
      continue;
    }
    parsed.facts.forEach((entry, i) => {
      const at = `facts[${i}]`;
      const first = factIds.get(entry.id);
      if (first) {
        errors.push({ file: file.path, path: `${at}.id`, message: `duplicate fact id "${entry.id}" (first in ${first})` });
        return;
      }
      factIds.set(entry.id, file.path);
      let ok = true;
      if (!quoteOccursInNormalized(entry.quote, normalizedBody.get(article.id)!)) {
        ok = false;
        errors.push({
          file: file.path,
          path: `${at}.quote`,
          message: `not found in article "${article.id}": "${preview(entry.quote)}"`,
        });
      }
      entry.entities.forEach((id, j) => {
        if (!termIds.has(id)) {
          ok = false;
          errors.push({ file: file.path, path: `${at}.entities[${j}]`, message: `unknown glossary term "${id}"` });
        }
      });
      if (entry.status === "curated" && !entry.claim.en) {
        ok = false;
        errors.push({ file: file.path, path: `${at}.claim.en`, message: "a curated fact needs an English claim" });
      }
      for (const lang of ["ko", "en"] as const) {
        const seen = new Map<string, number>();
        entry.questions[lang].forEach((q, j) => {
          // Case and spacing do not make two example questions different.
          const key = normalizeSpace(q).toLowerCase();
          const first = seen.get(key);
          if (first === undefined) return void seen.set(key, j);
          ok = false;
          errors.push({
            file: file.path,
            path: `${at}.questions.${lang}[${j}]`,
            message: `duplicate of questions.${lang}[${first}]`,
          });
        });
      }
      if (entry.date && entry.date.localeCompare(article.publishedAt.slice(0, entry.date.length)) > 0) {
        warnings.push({
          file: file.path,
          path: `${at}.date`,
          message: `event date ${entry.date} is later than the article's date ${article.publishedAt}`,
        });
      }
      if (ok) facts.push({ ...entry, article: article.id, file: file.path });
    });
  }

  let examples: Examples = { ko: [], en: [] };
  if (files.examples) examples = parseYamlAs(files.examples, ExamplesFileSchema, errors) ?? examples;

  if (errors.length > 0) return { data: null, errors, warnings };
  const version = yield* hashFiles(files);
  return { data: { version, articles, facts, terms, examples }, errors, warnings };
}

/** Fewer example questions than a curated fact should have in a language. */
export const MIN_EXAMPLE_QUESTIONS = 2;

/**
 * Curated facts with fewer than MIN_EXAMPLE_QUESTIONS example questions in a language,
 * as "<fact id> (ko 1, en 0)", in data order. Candidates are left out: review adds theirs.
 */
export function sparseQuestions(facts: readonly Fact[]): string[] {
  return facts
    .filter((f) => f.status === "curated")
    .filter((f) => f.questions.ko.length < MIN_EXAMPLE_QUESTIONS || f.questions.en.length < MIN_EXAMPLE_QUESTIONS)
    .map((f) => `${f.id} (ko ${f.questions.ko.length}, en ${f.questions.en.length})`);
}
