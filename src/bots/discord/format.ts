// Pure formatting of answers, sources, help and reports as Discord embeds.
// No I/O and no discord.js runtime: every function takes values and returns plain API
// objects, clamped to Discord's limits so that a long answer or a huge report never makes
// Discord reject the message. Text from documents and users is markdown-escaped, so a
// quote renders exactly as written in the article.
import { replicaLines } from "../../shared/replica-lines.ts";
import type { APIEmbed, APIEmbedField } from "discord.js";
import type { GapGroup, SourceSummary, Timeline, Usage } from "../../engine/engine-types.ts";
import type { Answer, Citation, Lang } from "../../answer/types.ts";
import { formatDataError, type ChangeSet, type KbStatus, type ReloadReport } from "../../knowledge/report.ts";
import { stringsFor, type UiStrings } from "./strings.ts";

/** Discord's documented limits, in characters. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Across title, description, field names and values, footer and author of all embeds. */
  embedTotal: 6000,
} as const;

export const COLORS = {
  answer: 0x2b6cb0,
  refusal: 0xd69e2e,
  ok: 0x2f855a,
  failed: 0xc53030,
  info: 0x4a5568,
} as const;

/** The most errors a reload report lists before summarising the rest. */
export const MAX_REPORTED_ERRORS = 10;

const ELLIPSIS = "…";
const BLANK = "\u200b";

/** Cuts text to at most `max` characters, ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - 1);
  // Never split a surrogate pair or leave a dangling escape backslash.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/\\+$/, "").trimEnd();
  return cut + ELLIPSIS;
}

/** Escapes Discord inline markdown so that text renders as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|])/g, "\\$1");
}

/** Reverses {@link escapeMarkdown}. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\*_~`|])/g, "$1");
}

/** Escapes, then truncates so that the escaped text fits in `max` characters. */
export function fitEscaped(raw: string, max: number): string {
  return truncate(escapeMarkdown(raw), max);
}

/**
 * The first items that could fit in `max` characters (each takes two or more, with its
 * separator), and how many are left out: a large archive's thousands of sources are not all
 * formatted, on the thread that receives Discord's traffic, to show a few dozen.
 */
export function headOf<T>(items: readonly T[], max: number): { head: readonly T[]; hidden: number } {
  const n = Math.ceil(max / 2);
  return items.length <= n ? { head: items, hidden: 0 } : { head: items.slice(0, n), hidden: items.length - n };
}

/**
 * Joins items with `sep` within `max` characters. Items that do not fit, plus `hidden` items
 * the caller left out, are summarised as `more(n)`.
 */
export function fitList(
  items: readonly string[],
  max: number,
  more: (n: number) => string,
  sep = "\n",
  hidden = 0,
): string {
  if (hidden === 0) {
    const all = items.join(sep);
    if (all.length <= max) return all;
  }
  const out: string[] = [];
  let len = 0;
  for (let i = 0; i < items.length; i++) {
    const item = truncate(items[i] ?? "", max);
    const restAfter = items.length - i - 1 + hidden;
    const tail = restAfter > 0 ? sep.length + more(restAfter).length : 0;
    const add = (out.length ? sep.length : 0) + item.length;
    if (len + add + tail > max) break;
    out.push(item);
    len += add;
  }
  const rest = items.length - out.length + hidden;
  if (rest > 0) {
    const note = more(rest);
    if (len + (out.length ? sep.length : 0) + note.length <= max) out.push(note);
  }
  return truncate(out.join(sep), max);
}

/** Characters that count towards the 6000 limit. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/**
 * Applies every per-part limit, then the 6000 total: the description is cut first down to
 * 1024 characters, then fields are dropped from the end, then the description again.
 * The input is not modified.
 */
export function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.title);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.description);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.author) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.fields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || BLANK,
      value: truncate(f.value, LIMITS.fieldValue) || BLANK,
    }));
  }
  for (let excess = embedLength(out) - LIMITS.embedTotal; excess > 0; excess = embedLength(out) - LIMITS.embedTotal) {
    const desc = out.description ?? "";
    const last = out.fields?.at(-1);
    if (desc.length > 1024) {
      out.description = truncate(desc, Math.max(1024, desc.length - excess));
    } else if (out.fields && last) {
      // A field cut in the middle would lose its link (or a citation its closing quote).
      out.fields = out.fields.slice(0, -1);
    } else if (desc.length > 0) {
      out.description = truncate(desc, Math.max(1, desc.length - excess));
    } else {
      out.title = truncate(out.title ?? "", Math.max(1, (out.title?.length ?? 0) - excess));
    }
  }
  return out;
}

/** Message content within 2000 characters. */
export function clampContent(text: string): string {
  return truncate(text, LIMITS.content);
}

function linkText(text: string): string {
  return escapeMarkdown(text).replace(/([[\]])/g, "\\$1");
}

function linkUrl(url: string): string {
  return url.replace(/\)/g, "%29").replace(/\s/g, "%20");
}

/** "[Title](url)" when the url is usable in a link, the title in italics otherwise. */
function titleLink(title: string, url: string | null, maxTitle: number): string {
  const text = linkText(truncate(title, maxTitle));
  if (url && /^https?:\/\//i.test(url) && url.length <= 512) return `[${text}](${linkUrl(url)})`;
  return `*${text}*`;
}

/** A publication date, marked when it was inferred rather than printed on the article. */
function dateText(publishedAt: string, approximate: boolean, s: UiStrings): string {
  return approximate ? `${publishedAt} (${s.approximateDate})` : publishedAt;
}

/** One citation as a field: number, outlet and date as name; the quote in quotation marks and the link as value. */
export function formatCitationField(c: Citation, n: number, s: UiStrings = stringsFor("en")): APIEmbedField {
  const name = truncate(`[${n}] ${c.outlet} · ${dateText(c.publishedAt, c.dateApproximate, s)}`, LIMITS.fieldName);
  const link = titleLink(c.title, c.url, 150);
  const quoteBudget = LIMITS.fieldValue - link.length - 3; // “ ” and the newline
  return { name, value: `“${fitEscaped(c.quote, quoteBudget)}”\n${link}` };
}

function formatRefusalEmbed(answer: Answer, s: UiStrings): APIEmbed {
  const embed: APIEmbed = {
    title: s.refusalTitle,
    description: escapeMarkdown(answer.text),
    color: COLORS.refusal,
  };
  if (answer.suggestions.length > 0) {
    const lines = answer.suggestions.map((t) => `• ${escapeMarkdown(t)}`);
    embed.fields = [{ name: s.suggestionsHeading, value: fitList(lines, LIMITS.fieldValue, s.more) }];
  }
  return clampEmbed(embed);
}

/** An answer (or a refusal) as one embed, in the answer's language. */
export function formatAnswerEmbed(answer: Answer): APIEmbed {
  const s = stringsFor(answer.lang);
  if (!answer.answered) return formatRefusalEmbed(answer, s);

  const overflow = answer.citations.length > LIMITS.fields;
  const shown = overflow ? answer.citations.slice(0, LIMITS.fields - 1) : answer.citations;
  const fields = shown.map((c, i) => formatCitationField(c, i + 1, s));
  if (overflow) {
    const rest = answer.citations.slice(shown.length);
    const lines = rest.map((c, i) => `[${shown.length + i + 1}] ${escapeMarkdown(c.outlet)} · ${c.publishedAt}`);
    fields.push({ name: s.moreCitations(rest.length), value: fitList(lines, LIMITS.fieldValue, s.more) });
  }
  const question = answer.question.trim();
  return clampEmbed({
    ...(question ? { title: fitEscaped(question, LIMITS.title) } : {}),
    description: escapeMarkdown(answer.text),
    color: COLORS.answer,
    fields,
    footer: { text: s.answerFooter(answer.kbVersion, answer.citations.length) },
  });
}

function sourceLine(src: SourceSummary, s: UiStrings): string {
  const date = dateText(src.publishedAt, src.dateApproximate, s);
  return `${titleLink(src.title, src.url, 120)} — ${escapeMarkdown(src.outlet)}, ${date} · ${s.factsCount(src.facts)}`;
}

/** The list of articles the bot answers from. */
export function formatSourcesEmbed(sources: readonly SourceSummary[], lang: Lang): APIEmbed {
  const s = stringsFor(lang);
  const { head, hidden } = headOf(sources, LIMITS.description);
  const lines = head.map((src, i) => `**${i + 1}.** ${sourceLine(src, s)}`);
  return clampEmbed({
    title: s.sourcesTitle(sources.length),
    description: fitList(lines, LIMITS.description, s.sourcesMore, "\n", hidden) || BLANK,
    color: COLORS.info,
  });
}

/** The most frequent unanswered questions of the last days, for admins. */
export function formatGapsEmbed(groups: readonly GapGroup[], days: number, lang: Lang): APIEmbed {
  const s = stringsFor(lang);
  const lines = groups.map((g, i) => {
    const variants = g.variants.length ? ` *(${g.variants.map((v) => `“${fitEscaped(v, 80)}”`).join("; ")})*` : "";
    return `**${i + 1}. ${g.count}×** “${fitEscaped(g.question, 200)}” — ${g.refused} ✗ · ${g.downvoted} 👎 · ${g.lastAt.slice(0, 10)}${variants}`;
  });
  return clampEmbed({
    title: s.gapsTitle(days),
    description: lines.length ? fitList(lines, LIMITS.description, s.more) : s.gapsNone(days),
    color: COLORS.info,
  });
}

/** A timeline: one line per dated event with its source, within the description limit. */
export function formatTimelineEmbed(t: Timeline): APIEmbed {
  const ko = t.lang === "ko";
  const title = t.topic
    ? `${ko ? "타임라인" : "Timeline"}: ${t.topic}${t.matched.length ? ` (${t.matched.join(", ")})` : ""}`
    : ko
      ? "타임라인: 주요 사건"
      : "Timeline: key events";
  const lines = t.entries.map((e) => {
    const source = `${escapeMarkdown(e.citation.outlet)}, ${e.citation.publishedAt}`;
    const cited = e.citation.url ? `[${source}](${e.citation.url})` : source;
    return `**${escapeMarkdown(e.when)}** — ${fitEscaped(e.text, 500)} *(${cited})*`;
  });
  return clampEmbed({
    title: truncate(title, LIMITS.title),
    description: fitList(lines, LIMITS.description, (n) => (ko ? `… 외 ${n}건` : `… and ${n} more`)) || BLANK,
    color: COLORS.info,
    ...(t.hint ? { footer: { text: truncate(t.hint, LIMITS.footer) } } : {}),
  });
}

/** What the bot knows (articles, topics, example questions in both languages) and its commands. */
export function formatHelpEmbed(usage: Usage): APIEmbed {
  const s = stringsFor(usage.lang);
  const bullet = (items: readonly string[]) => items.map((t) => `• ${escapeMarkdown(t)}`);
  const { head, hidden } = headOf(usage.sources, LIMITS.fieldValue);
  const sourceLines = head.map((src) => `• ${sourceLine(src, s)}`);
  const fields: APIEmbedField[] = [
    { name: s.helpSources(usage.sources.length), value: fitList(sourceLines, LIMITS.fieldValue, s.more, "\n", hidden) },
  ];
  if (usage.topics.length > 0) {
    fields.push({ name: s.helpTopics, value: fitList(usage.topics.map(escapeMarkdown), LIMITS.fieldValue, s.more, " · ") });
  }
  if (usage.examples.ko.length > 0) {
    fields.push({ name: s.helpExamplesKo, value: fitList(bullet(usage.examples.ko), LIMITS.fieldValue, s.more) });
  }
  if (usage.examples.en.length > 0) {
    fields.push({ name: s.helpExamplesEn, value: fitList(bullet(usage.examples.en), LIMITS.fieldValue, s.more) });
  }
  fields.push({ name: s.helpCommands, value: fitList(s.helpCommandLines, LIMITS.fieldValue, s.more) });
  return clampEmbed({ title: s.helpTitle, description: escapeMarkdown(usage.intro), color: COLORS.info, fields });
}

/**
 * The short usage for a bare mention, in Korean and English (a mention carries no locale).
 * `examples` are taken from the engine's usage; the first of each language is shown.
 */
export function formatShortUsage(examples: Usage["examples"], botName: string): string {
  const ko = examples.ko[0];
  const en = examples.en[0];
  const name = escapeMarkdown(botName);
  const lines = [
    `멘션 뒤에 질문을 적어 주세요${ko ? ` (예: @${name} ${escapeMarkdown(ko)})` : ""}. \`/ask\` 도 됩니다. 제가 아는 내용은 \`/help\` 에 있습니다.`,
    `Ask your question after the mention${en ? ` (e.g. @${name} ${escapeMarkdown(en)})` : ""}, or use \`/ask\`. \`/help\` shows what I know.`,
  ];
  return clampContent(lines.join("\n"));
}

function changeSummary(cs: ChangeSet, s: UiStrings): string {
  const parts: Array<[string, string[]]> = [
    ["+", cs.added],
    ["−", cs.removed],
    ["~", cs.changed],
  ];
  const present = parts.filter(([, ids]) => ids.length > 0);
  if (present.length === 0) return s.noChanges;
  const budget = Math.floor((LIMITS.fieldValue - present.length) / present.length);
  return present
    .map(([sign, ids]) => {
      const head = `**${sign}${ids.length}** `;
      return head + fitList(ids.map(escapeMarkdown), budget - head.length, s.more, ", ");
    })
    .join("\n");
}

/** Why a reload failed, and that its audit record could not be written, when either is so. */
function reportDescription(report: ReloadReport, reload: boolean, s: ReturnType<typeof stringsFor>): { description?: string } {
  const notes = [
    ...(report.ok ? [] : [reload ? s.reloadFailedNote : s.rollbackFailedNote]),
    ...(report.auditError ? [s.auditFailedNote(escapeMarkdown(report.auditError.slice(0, 500)))] : []),
  ];
  return notes.length > 0 ? { description: notes.join("\n") } : {};
}

/** A reload report: counts, changes and (bounded) errors; a failure says the old knowledge base keeps serving. */
export function formatReloadEmbed(report: ReloadReport, lang: Lang, action: "reload" | "rollback" = "reload"): APIEmbed {
  const s = stringsFor(lang);
  const reload = action === "reload";
  const version =
    report.ok && report.previousVersion && report.previousVersion !== report.version
      ? `${report.previousVersion} → ${report.version}`
      : report.version;
  const fields: APIEmbedField[] = [
    { name: s.version, value: escapeMarkdown(version), inline: true },
    { name: s.counts, value: s.countsLine(report.counts.articles, report.counts.facts, report.counts.terms), inline: true },
    { name: s.articles, value: changeSummary(report.articles, s) },
    { name: s.facts, value: changeSummary(report.facts, s) },
  ];
  if (report.errors.length > 0) {
    const shown = report.errors.slice(0, MAX_REPORTED_ERRORS).map((e) => `• ${fitEscaped(formatDataError(e), 300)}`);
    const value = fitList(shown, LIMITS.fieldValue, s.moreErrors, "\n", report.errors.length - shown.length);
    fields.push({ name: s.errors(report.errors.length), value });
  }
  return clampEmbed({
    title: report.ok ? (reload ? s.reloadOkTitle : s.rollbackOkTitle) : reload ? s.reloadFailedTitle : s.rollbackFailedTitle,
    ...reportDescription(report, reload, s),
    color: report.ok ? COLORS.ok : COLORS.failed,
    fields,
    footer: { text: s.reloadFooter(report.actor, Math.round(report.durationMs)) },
    ...(isIsoDate(report.at) ? { timestamp: report.at } : {}),
  });
}

/** The knowledge base currently serving. */
export function formatStatusEmbed(status: KbStatus, lang: Lang): APIEmbed {
  const s = stringsFor(lang);
  return clampEmbed({
    title: s.statusTitle,
    color: COLORS.info,
    fields: [
      { name: s.version, value: escapeMarkdown(status.version), inline: true },
      { name: s.counts, value: s.countsLine(status.counts.articles, status.counts.facts, status.counts.terms), inline: true },
      { name: s.loaded, value: escapeMarkdown(s.loadedLine(status.loadedAt, status.loadedBy)) },
      ...replicaField(status, lang),
    ],
  });
}

/** With replicas sharing state: one field listing them (the first line is its name). */
function replicaField(status: KbStatus, lang: Lang): APIEmbedField[] {
  const [head, ...lines] = replicaLines(status.replicas, lang);
  return head ? [{ name: head, value: escapeMarkdown(lines.join("\n")) }] : [];
}

function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text));
}
