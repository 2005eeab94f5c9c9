// The shapes of the human-edited data files, and the types derived from them.
// Every type used by the knowledge layer comes from a schema here, so a file that
// parses is a value the rest of the code can trust.
import { z } from "zod";

const nonEmpty = z.string().trim().min(1, "must not be empty");
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens (e.g. nvidia-h20)");

/** A calendar date with the precision the text gives it: "2025", "2025-07" or "2025-07-15". */
export const PartialDateSchema = z.preprocess(
  // YAML reads an unquoted year (2024) as a number; accept it as the year it is.
  (v) => (typeof v === "number" && Number.isInteger(v) ? String(v) : v),
  z.string().regex(/^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD"),
);
export type PartialDate = z.infer<typeof PartialDateSchema>;
export type DatePrecision = "year" | "month" | "day";

export const LangSchema = z.enum(["ko", "en"]);
export type Lang = z.infer<typeof LangSchema>;

/** Front matter of `data/articles/<id>.md`; the body below it is the cleaned article text. */
export const ArticleMetaSchema = z.strictObject({
  id: slug,
  title: nonEmpty,
  /** True when the page carries no headline of its own and the title was written by an editor. */
  titleInferred: z.boolean().default(false),
  outlet: nonEmpty,
  /** Publication date, YYYY-MM-DD. When the page gives none, infer it and set dateApproximate. */
  publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD"),
  dateApproximate: z.boolean().default(false),
  author: nonEmpty.nullable().default(null),
  url: z.url().nullable().default(null),
  language: LangSchema,
  /** The scraped page this article was cleaned from, a file name in data/raw/. */
  raw: nonEmpty.nullable().default(null),
  /** How metadata was read or inferred from the text, for the reviewer. */
  notes: z.array(nonEmpty).default([]),
  /** Deliberate differences between the cleaned body and the raw page's text. */
  edits: z.array(nonEmpty).default([]),
  /** "candidate" while an imported article still awaits review. */
  status: z.enum(["curated", "candidate"]).default("curated"),
});
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;
export type Article = ArticleMeta & { body: string; file: string };

export const FactSchema = z.strictObject({
  id: slug,
  /** Date of the event the claim reports (not of the article), at the precision the text gives. */
  date: PartialDateSchema.nullable().default(null),
  /** True when the event date was inferred rather than stated. */
  approximate: z.boolean().default(false),
  claim: z.strictObject({
    ko: nonEmpty,
    /** Optional only for candidate facts that still await an English summary. */
    en: nonEmpty.optional(),
  }),
  /** Glossary ids of the entities and topics the claim is about. */
  entities: z.array(slug).min(1, "must name at least one entity"),
  /** Verbatim from the article body (whitespace may differ). Parts may be joined with " … ". */
  quote: nonEmpty,
  status: z.enum(["curated", "candidate"]).default("curated"),
  /** A key event of the saga: listed by /timeline without a topic. */
  key: z.boolean().default(false),
  /**
   * Example questions this fact answers, in each language, as people would ask them
   * (indexed as a field of their own, so a question can match a fact it shares no word
   * with). Two to five per language for a curated fact; `kb check` reports those without.
   */
  questions: z
    .strictObject({
      ko: z.array(nonEmpty).max(5, "at most five example questions per language").default([]),
      en: z.array(nonEmpty).max(5, "at most five example questions per language").default([]),
    })
    .default({ ko: [], en: [] }),
});
export type FactEntry = z.infer<typeof FactSchema>;
export type Fact = FactEntry & { article: string; file: string };

/** `data/facts/<article-id>.yaml`: the facts of one article. */
export const FactFileSchema = z.strictObject({
  article: slug,
  facts: z.array(FactSchema),
});
export type FactFile = z.infer<typeof FactFileSchema>;

export const TermKindSchema = z.enum([
  "company",
  "product",
  "person",
  "organization",
  "government",
  "country",
  "place",
  "policy",
  "topic",
  "concept",
  // Named things the articles do not cover: a question about them is out of scope.
  "outside",
  "event",
  "media",
]);

/** One entry of the bilingual glossary: every alias, in either language, names the same thing. */
export const TermSchema = z.strictObject({
  id: slug,
  kind: TermKindSchema,
  en: z.array(nonEmpty).min(1, "needs at least one English name"),
  ko: z.array(nonEmpty).min(1, "needs at least one Korean name"),
  /** A short description shown when the bot lists what it knows. */
  note: nonEmpty.optional(),
  /** Main topics are offered as suggestions in help and refusals. */
  topic: z.boolean().default(false),
  /** The wider entity this one acts for (the Trump administration for the United States),
   * so that two articles naming either are seen to report the same thing. */
  partOf: slug.optional(),
});
export type Term = z.infer<typeof TermSchema>;

export const GlossaryFileSchema = z.strictObject({ terms: z.array(TermSchema) });

/** `data/examples.yaml`: example questions shown in help, in both languages. */
export const ExamplesFileSchema = z.strictObject({
  ko: z.array(nonEmpty).min(2, "needs at least two Korean examples"),
  en: z.array(nonEmpty).min(2, "needs at least two English examples"),
});
export type Examples = z.infer<typeof ExamplesFileSchema>;
