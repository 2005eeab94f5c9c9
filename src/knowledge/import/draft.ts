// Drafts a new article and its candidate facts from a scraped page, without I/O: cleans the
// page, refuses text the knowledge base already holds, reads the metadata, picks an id and
// renders the two files. Every refusal is an ImportError naming the page.
import { createHash } from "node:crypto";
import { Document, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { ArticleMetaSchema, type Article, type ArticleMeta, type Term } from "../schema.ts";
import { normalizeSpace } from "../text.ts";
import { cleanPage, type CleanedPage } from "./clean.ts";
import { isCalendarDate } from "./dates.ts";
import { draftFacts, type DraftFact } from "./draft-facts.ts";
import { extractMetadata, type MetadataOptions } from "./metadata.ts";

/** Share of a draft's paragraphs found in one existing article at which the page counts as imported. */
export const OVERLAP_LIMIT = 0.8;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const MAX_ID_TOKENS = 4;

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

export interface ImportOptions extends MetadataOptions {
  /** Article id. Default: the date and the title's Latin/number tokens, else `article-<date>-<hash6>`. */
  id?: string;
}

export interface ImportInput {
  /** The raw page as named in messages (the path the user gave). */
  source: string;
  /** The name the raw page has in data/raw/. */
  rawName: string;
  rawText: string;
  options: ImportOptions;
  /** The knowledge base's current articles, to refuse duplicates and taken ids. */
  articles: readonly Article[];
  /** Glossary terms, to tag facts with entities. */
  terms: readonly Term[];
  /** YYYY-MM-DD, the fallback publication date. */
  today: string;
}

export interface ImportDraft {
  id: string;
  page: CleanedPage;
  meta: ArticleMeta;
  body: string;
  facts: DraftFact[];
  /** Contents of data/articles/<id>.md. */
  articleText: string;
  /** Contents of data/facts/<id>.yaml. */
  factsText: string;
}

/** The id an article gets when none is given: `2026-01-28-h200-ai`, or `article-2026-01-28-1a2b3c`. */
export function defaultArticleId(date: string, title: string, body: string): string {
  const tokens = [...new Set((title.match(/[A-Za-z0-9]+/gu) ?? []).map((t) => t.toLowerCase()))].slice(0, MAX_ID_TOKENS);
  if (tokens.length > 0) return `${date}-${tokens.join("-")}`;
  return `article-${date}-${createHash("sha256").update(normalizeSpace(body)).digest("hex").slice(0, 6)}`;
}

/** The existing article that already holds the page's text, with how much of it, or null. */
export function findDuplicate(
  paragraphs: readonly string[],
  articles: readonly Article[],
): { article: Article; found: number; exact: boolean } | null {
  const body = normalizeSpace(paragraphs.join("\n"));
  const paras = paragraphs.map(normalizeSpace).filter((p) => p.length > 0);
  let best: { article: Article; found: number; exact: boolean } | null = null;
  for (const article of articles) {
    const text = normalizeSpace(article.body);
    if (text === body) return { article, found: paras.length, exact: true };
    const found = paras.filter((p) => text.includes(p)).length;
    if (found > (best?.found ?? 0)) best = { article, found, exact: false };
  }
  return best && paras.length > 0 && best.found / paras.length >= OVERLAP_LIMIT ? best : null;
}

function checkOptions(options: ImportOptions): void {
  if (options.date !== undefined && !isCalendarDate(options.date)) {
    throw new ImportError(`import: --date "${options.date}": must be a date written YYYY-MM-DD`);
  }
  if (options.id !== undefined && !SLUG.test(options.id)) {
    throw new ImportError(`import: --id "${options.id}": must be lowercase words joined by hyphens (e.g. h20-exports)`);
  }
  if (options.url !== undefined && !ArticleMetaSchema.shape.url.safeParse(options.url).success) {
    throw new ImportError(`import: --url "${options.url}": must be a URL such as https://example.com/news/1`);
  }
  if (options.outlet !== undefined && !options.outlet.trim()) {
    throw new ImportError(`import: --outlet: must not be empty`);
  }
}

function renderArticle(meta: ArticleMeta, body: string): string {
  const doc = new Document(meta);
  const date = doc.get("publishedAt", true);
  if (date instanceof Scalar) date.type = Scalar.QUOTE_DOUBLE;
  return `---\n${doc.toString({ lineWidth: 0 })}---\n\n${body}\n`;
}

function renderFacts(id: string, facts: readonly DraftFact[]): string {
  const doc = new Document({ article: id, facts });
  const seq = doc.get("facts", true);
  if (seq instanceof YAMLSeq) {
    seq.items.forEach((item, i) => {
      if (!(item instanceof YAMLMap)) return;
      if (i > 0) item.spaceBefore = true;
      const entities = item.get("entities", true);
      if (entities instanceof YAMLSeq) entities.flow = true;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Drafts the article and facts files for a raw page, or throws an ImportError saying why not. */
export function draftImport(input: ImportInput): ImportDraft {
  const { source, options } = input;
  checkOptions(options);
  const page = cleanPage(input.rawText);
  if (page.paragraphs.length === 0) throw new ImportError(`import: ${source}: no article text is left once page furniture is removed`);

  const dup = findDuplicate(page.paragraphs, input.articles);
  if (dup) {
    const what = dup.exact
      ? "the page's text is already in the knowledge base"
      : `${dup.found} of ${page.paragraphs.length} paragraphs are already in the knowledge base`;
    throw new ImportError(`import: ${source}: ${what} as article "${dup.article.id}" (${dup.article.file}); not importing`);
  }

  const meta = extractMetadata(input.rawText, page, options, input.today);
  if (meta.outlet === null) throw new ImportError(`import: ${source}: the page never names its outlet; pass --outlet`);

  const body = page.paragraphs.join("\n\n");
  const id = options.id ?? defaultArticleId(meta.publishedAt, meta.title, body);
  const taken = input.articles.find((a) => a.id === id);
  if (taken) throw new ImportError(`import: ${source}: article id "${id}" is taken (${taken.file}); pass --id`);

  const parsed = ArticleMetaSchema.safeParse({
    id,
    title: meta.title,
    titleInferred: meta.titleInferred,
    outlet: meta.outlet,
    publishedAt: meta.publishedAt,
    dateApproximate: meta.dateApproximate,
    author: meta.author,
    url: meta.url,
    language: meta.language,
    raw: input.rawName,
    status: "candidate",
    notes: meta.notes,
    edits: [],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(`import: ${source}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid metadata"}`);
  }
  const facts = draftFacts(id, body, input.terms);
  return {
    id,
    page,
    meta: parsed.data,
    body,
    facts,
    articleText: renderArticle(parsed.data, body),
    factsText: renderFacts(id, facts),
  };
}
