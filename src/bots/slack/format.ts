// Pure formatting of answers and replies as Slack messages (Block Kit plus a plain `text`
// fallback). No I/O: every function takes values and returns a message.
//
// Every piece of text that came from a question or a document is escaped (`&`, `<`, `>`) and
// sent with `verbatim: true`, so that `<!channel>`, `<!here>` or `<@U…>` in it can never ping.
// Slack's limits are kept here: 3,000 characters a section text, 10 elements a context block,
// 50 blocks a message.
import { replicaLines } from "../../shared/replica-lines.ts";
import type { types as slack } from "@slack/bolt";
import type { GapGroup, SourceSummary, Timeline, Usage } from "../../engine/engine-types.ts";
import type { Answer, Citation, Lang } from "../../answer/types.ts";
import { formatDataError, type ChangeSet, type KbStatus, type ReloadReport } from "../../knowledge/report.ts";
import { uiStrings } from "./strings.ts";

export type Block = slack.KnownBlock;

export const LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  contextElements: 10,
  contextText: 3_000,
  buttonValue: 2_000,
  /** Our own bound on the fallback `text` (Slack cuts at 40,000; notifications show far less). */
  fallbackText: 3_000,
  /** Longest answer kept, in sections; the rest is cut with "…". */
  answerSections: 5,
  /** Longest quote shown in a citation. */
  quoteChars: 1_500,
} as const;

export const FEEDBACK_ACTION_UP = "chokepoint_feedback_up";
export const FEEDBACK_ACTION_DOWN = "chokepoint_feedback_down";
export const FEEDBACK_BLOCK_ID = "chokepoint_feedback";

/** A message ready for `chat.postMessage` or a `response_url`. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
  unfurl_links: false;
  unfurl_media: false;
}

// ---------------------------------------------------------------------------------------------
// Escaping and fitting text

/** Escapes `&`, `<` and `>` so that text shows as typed and can never form a mention or link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes `text` and cuts it so the escaped result has at most `max` characters ("…" included). */
export function fitEscaped(text: string, max: number): string {
  const full = escapeMrkdwn(text);
  if (full.length <= max) return full;
  let out = "";
  for (const ch of text) {
    const piece = escapeMrkdwn(ch);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return out + "…";
}

/** Cuts already-escaped text to `max` characters without splitting an entity or a surrogate pair. */
function cutEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let end = max - 1;
  const amp = escaped.lastIndexOf("&", end);
  if (amp !== -1 && escaped.indexOf(";", amp) >= end) end = amp;
  const code = escaped.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return escaped.slice(0, end) + "…";
}

/**
 * Escapes `text` and splits it into at most `maxChunks` pieces of at most `max` characters,
 * breaking at a newline or space where it can. Text past the last piece is cut with "…".
 */
export function chunkEscaped(text: string, max: number, maxChunks: number): string[] {
  let rest = escapeMrkdwn(text);
  const chunks: string[] = [];
  while (rest.length > 0 && chunks.length < maxChunks) {
    if (rest.length <= max) {
      chunks.push(rest);
      rest = "";
      break;
    }
    if (chunks.length === maxChunks - 1) {
      chunks.push(cutEscaped(rest, max));
      rest = "";
      break;
    }
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    if (cut < max / 2) {
      // No good break: cut hard, but not inside an entity or a surrogate pair.
      cut = max;
      const amp = window.lastIndexOf("&");
      if (amp !== -1 && window.indexOf(";", amp) === -1) cut = amp;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return chunks.filter((c) => c !== "");
}

function fitPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  return cutEscaped(text, max);
}

/** Escapes a URL for use inside `<url|label>`. */
function escapeUrl(url: string): string {
  return url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
}

/** A `<url|label>` link; the label is escaped and cannot close the link early. */
function link(url: string, label: string): string {
  return `<${escapeUrl(url)}|${fitEscaped(label, 200)}>`;
}

function mrkdwn(text: string): slack.MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

function section(text: string): slack.SectionBlock {
  return { type: "section", text: mrkdwn(fitPlain(text, LIMITS.sectionText)) };
}

function context(...texts: string[]): slack.ContextBlock {
  return {
    type: "context",
    elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(fitPlain(t, LIMITS.contextText))),
  };
}

function message(text: string, blocks: Block[]): SlackMessage {
  return {
    text: fitPlain(text, LIMITS.fallbackText),
    blocks: blocks.slice(0, LIMITS.blocks),
    unfurl_links: false,
    unfurl_media: false,
  };
}

/**
 * Packs lines into sections of at most 3,000 characters each, leaving `reserved` blocks of
 * the message's 50 for what surrounds them (a header, an overflow note). Lines that no longer
 * fit are dropped; `shown` says how many made it.
 */
function packLines(lines: Iterable<string>, reserved: number): { blocks: Block[]; shown: number } {
  const blocks: Block[] = [];
  let current = "";
  let shown = 0;
  for (const line of lines) {
    if (current !== "" && current.length + 1 + line.length > LIMITS.sectionText) {
      if (blocks.length >= LIMITS.blocks - reserved - 1) break;
      blocks.push(section(current));
      current = "";
    }
    current = current === "" ? line : `${current}\n${line}`;
    shown += 1;
  }
  if (current !== "") blocks.push(section(current));
  return { blocks, shown };
}

/** Joins up to `max` items and says how many more of `total` (default: all of `items`) there are. */
function listBounded(items: readonly string[], max: number, more: (n: number) => string, sep = ", ", total = items.length): string {
  const shown = items.slice(0, max).join(sep);
  return total > max ? `${shown}${sep}${more(total - max)}` : shown;
}

/**
 * `f` over `items`, each computed when consumed: of a large archive's thousands of sources only
 * those that fit a message are formatted, on the thread that receives Slack's events.
 */
function* lazily<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** `items` joined until `max` characters are reached: the fallback text of a long list. */
function joinUpTo(items: Iterable<string>, sep: string, max: number): string {
  let out = "";
  for (const item of items) {
    out = out === "" ? item : `${out}${sep}${item}`;
    if (out.length > max) break;
  }
  return out;
}

function dateLabel(date: string, approximate: boolean, lang: Lang): string {
  return approximate ? `${date} (${uiStrings(lang).approx})` : date;
}

// ---------------------------------------------------------------------------------------------
// Answers

export interface FormatAnswerOptions {
  /** Short id carried by the 👍/👎 buttons; no buttons when null or absent. */
  feedbackId?: string | null;
  /** Slack user id of the asker: restates the question, for replies others see (`/ask`). */
  askedBy?: string | null;
}

function citationBlock(c: Citation, n: number, lang: Lang): slack.ContextBlock {
  const s = uiStrings(lang);
  const head = `*[${n}]* ${fitEscaped(c.outlet, 200)} · ${escapeMrkdwn(dateLabel(c.publishedAt, c.dateApproximate, lang))}`;
  const quote = `“${fitEscaped(c.quote, LIMITS.quoteChars)}”`;
  const where = c.url !== null ? link(c.url, c.title || s.article) : `_${fitEscaped(c.title, 300)}_`;
  return context(head, quote, where);
}

function citationFallback(c: Citation, n: number): string {
  const chars = Array.from(c.quote); // whole code points: never half an emoji
  const quote = chars.length > 200 ? `${chars.slice(0, 199).join("")}…` : c.quote;
  return `[${n}] ${c.outlet}, ${c.publishedAt}: “${quote}”${c.url !== null ? ` ${c.url}` : ""}`;
}

function feedbackBlock(feedbackId: string, lang: Lang): slack.ActionsBlock {
  const s = uiStrings(lang);
  const value = feedbackId.slice(0, LIMITS.buttonValue);
  return {
    type: "actions",
    block_id: FEEDBACK_BLOCK_ID,
    elements: [
      { type: "button", action_id: FEEDBACK_ACTION_UP, text: { type: "plain_text", text: s.voteUp, emoji: true }, value },
      { type: "button", action_id: FEEDBACK_ACTION_DOWN, text: { type: "plain_text", text: s.voteDown, emoji: true }, value },
    ],
  };
}

/**
 * An answer (or a refusal with its suggestions) as a message: the text in sections, each
 * citation in its own context block, then the feedback buttons.
 */
export function formatAnswer(answer: Answer, options: FormatAnswerOptions = {}): SlackMessage {
  const s = uiStrings(answer.lang);
  const head: Block[] = [];
  const tail: Block[] = [];
  const fallback: string[] = [];

  if (options.askedBy) {
    const who = `<@${options.askedBy}>`;
    head.push(section(`*${s.askedBy(who)}:* ${fitEscaped(answer.question, LIMITS.sectionText - 200)}`));
    fallback.push(`${s.askedBy(who)}: ${escapeMrkdwn(answer.question)}`);
  }

  const body = answer.text.trim() === "" ? "…" : answer.text;
  for (const chunk of chunkEscaped(body, LIMITS.sectionText, LIMITS.answerSections)) head.push(section(chunk));
  fallback.push(escapeMrkdwn(body));

  if (!answer.answered && answer.suggestions.length > 0) {
    const topics = listBounded(answer.suggestions.map((t) => fitEscaped(t, 100)), 8, s.andMore, " · ");
    head.push(context(`*${s.relatedTopics}:* ${topics}`));
    fallback.push(`${s.relatedTopics}: ${escapeMrkdwn(answer.suggestions.slice(0, 8).join(" · "))}`);
  }

  if (options.feedbackId) tail.push(feedbackBlock(options.feedbackId, answer.lang));

  const citations = answer.citations;
  if (citations.length > 0) {
    head.push(context(`*${s.sources}*`));
    fallback.push(`${s.sources}:`);
    // Room left for citations, keeping one block for the "…and N more" note when needed.
    const room = LIMITS.blocks - head.length - tail.length;
    const shown = citations.length <= room ? citations.length : Math.max(0, room - 1);
    citations.slice(0, shown).forEach((c, i) => {
      head.push(citationBlock(c, i + 1, answer.lang));
      fallback.push(escapeMrkdwn(citationFallback(c, i + 1)));
    });
    if (shown < citations.length) {
      head.push(context(s.moreSources(citations.length - shown)));
      fallback.push(s.moreSources(citations.length - shown));
    }
  }

  return message(fallback.join("\n"), [...head, ...tail]);
}

// ---------------------------------------------------------------------------------------------
// Help, sources, apologies

/** What the bot knows and how to ask it: articles, main topics, examples in both languages, commands. */
export function formatUsage(usage: Usage, botName = "@Chokepoint"): SlackMessage {
  const s = uiStrings(usage.lang);
  const blocks: Block[] = [section(escapeMrkdwn(usage.intro))];

  const SHOWN = 8;
  const articles = usage.sources
    .slice(0, SHOWN)
    .map((a) => `${fitEscaped(a.title, 150)} (${fitEscaped(a.outlet, 80)}, ${escapeMrkdwn(dateLabel(a.publishedAt, a.dateApproximate, usage.lang))})`);
  const known =
    articles.length === 0
      ? s.noSources
      : listBounded(articles.map((a) => `• ${a}`), SHOWN, (n) => `• ${s.andMore(n)}`, "\n", usage.sources.length);
  blocks.push(section(`*${s.whatIKnow}* (${s.articles(usage.sources.length)})\n${known}`));

  if (usage.topics.length > 0) {
    blocks.push(section(`*${s.mainTopics}:* ${listBounded(usage.topics.map((t) => fitEscaped(t, 100)), 12, s.andMore, " · ")}`));
  }

  const examples = [...usage.examples.ko.slice(0, 2), ...usage.examples.en.slice(0, 2)];
  if (examples.length > 0) {
    blocks.push(section(`*${s.tryAsking}:*\n${examples.map((e) => `• ${fitEscaped(e, 300)}`).join("\n")}`));
  }
  blocks.push(section(`*${s.commands}:*\n${s.commandLines(botName).join("\n")}`));

  const text = [escapeMrkdwn(usage.intro), ...examples.map((e) => `• ${escapeMrkdwn(e)}`)].join("\n");
  return message(text, blocks);
}

/** The articles the bot answers from: title, outlet, date ("approx." when inferred), facts, link. */
export function formatSources(sources: readonly SourceSummary[], lang: Lang): SlackMessage {
  const s = uiStrings(lang);
  const header = section(`*${s.sources}* (${s.articles(sources.length)})`);
  if (sources.length === 0) return message(s.noSources, [header, section(s.noSources)]);

  const sourceLine = (a: SourceSummary): string => {
    const parts = [
      `• *${fitEscaped(a.title, 300)}*`,
      fitEscaped(a.outlet, 100),
      escapeMrkdwn(dateLabel(a.publishedAt, a.dateApproximate, lang)),
      s.facts(a.facts),
    ];
    if (a.url !== null) parts.push(link(a.url, s.article));
    return parts.join(" · ");
  };

  const { blocks: packed, shown } = packLines(lazily(sources, sourceLine), 2);
  const blocks: Block[] = [header, ...packed];
  if (shown < sources.length) blocks.push(context(s.andMore(sources.length - shown)));

  const text = `${s.sources}: ${joinUpTo(lazily(sources, (a) => escapeMrkdwn(a.title)), "; ", LIMITS.fallbackText)}`;
  return message(text, blocks);
}

/**
 * A timeline: a header naming the topic, one line per event (date, claim, outlet and the
 * source's date, a link when known), packed into sections within Slack's limits, then the hint.
 */
export function formatTimeline(t: Timeline): SlackMessage {
  const ko = t.lang === "ko";
  const title = t.topic
    ? `${ko ? "타임라인" : "Timeline"}: ${fitEscaped(t.topic, 200)}${t.matched.length ? ` (${fitEscaped(t.matched.join(", "), 200)})` : ""}`
    : ko
      ? "타임라인: 주요 사건"
      : "Timeline: key events";
  const lines = t.entries.map((e) => {
    const src = `${fitEscaped(e.citation.outlet, 100)}, ${escapeMrkdwn(e.citation.publishedAt)}`;
    const source = e.citation.url ? link(e.citation.url, src) : src;
    return `• *${escapeMrkdwn(e.when)}* — ${fitEscaped(e.text, 600)} _(${source})_`;
  });
  const blocks: Block[] = [section(`*${title}*`), ...packLines(lines, 2).blocks];
  if (t.hint) blocks.push(context(fitEscaped(t.hint, 500)));
  const text = [title, ...t.entries.map((e) => `${escapeMrkdwn(e.when)}: ${escapeMrkdwn(e.text)}`)].join("\n");
  return message(text, blocks);
}

/** The most frequent unanswered questions of the last days, for admins. */
export function formatGaps(groups: readonly GapGroup[], days: number): SlackMessage {
  if (groups.length === 0) return formatPlain(`No unanswered questions recorded in the last ${days} days.`);
  const lines = groups.map((g, i) => {
    const kinds = [g.refused ? `${g.refused} refused` : "", g.downvoted ? `${g.downvoted} 👎` : ""].filter(Boolean).join(", ");
    const variants = g.variants.length ? ` _(also: ${g.variants.map((v) => `“${fitEscaped(v, 100)}”`).join("; ")})_` : "";
    return `${i + 1}. *${g.count}×* “${fitEscaped(g.question, 300)}” — ${kinds}, last ${escapeMrkdwn(g.lastAt.slice(0, 10))}${variants}`;
  });
  const header = `*Unanswered questions, last ${days} days* (most frequent first; add articles or facts that answer them):`;
  return message([header, ...lines].join("\n"), [section(header), ...packLines(lines, 1).blocks]);
}

/** The short reply a user gets when answering failed. */
export function formatApology(lang: Lang): SlackMessage {
  const text = uiStrings(lang).apology;
  return message(text, [section(text)]);
}

export function formatThanks(lang: Lang): SlackMessage {
  const text = uiStrings(lang).thanks;
  return message(text, [context(text)]);
}

// ---------------------------------------------------------------------------------------------
// Admin replies (English: admins read logs and data files in English too)

export const NOT_ADMIN_TEXT =
  "Sorry, `/kb` is for the bot's admins only. Nothing was changed. Ask an admin if the knowledge base needs a reload.";

export const KB_USAGE_TEXT =
  "Usage: `/kb status` shows the loaded knowledge base; `/kb reload` reloads it from disk; `/kb rollback` restores the previous version; `/kb gaps [days]` lists unanswered questions.";

export function formatPlain(text: string): SlackMessage {
  return message(text, [section(text)]);
}

function changeLine(label: string, set: ChangeSet): string | null {
  const parts: string[] = [];
  const names = (ids: string[]) => listBounded(ids.map((id) => `\`${fitEscaped(id, 80)}\``), 10, (n) => `and ${n} more`);
  if (set.added.length > 0) parts.push(`added ${set.added.length} (${names(set.added)})`);
  if (set.removed.length > 0) parts.push(`removed ${set.removed.length} (${names(set.removed)})`);
  if (set.changed.length > 0) parts.push(`changed ${set.changed.length} (${names(set.changed)})`);
  return parts.length === 0 ? null : `*${label}:* ${parts.join("; ")}`;
}

function countsLine(c: { articles: number; facts: number; terms: number }): string {
  return `${c.articles} articles, ${c.facts} facts, ${c.terms} glossary terms`;
}

/** How many errors a failed reload lists. */
export const REPORT_MAX_ERRORS = 10;

/** A reload report for the admin who asked: counts, changes, or why it failed. */
export function formatReloadReport(report: ReloadReport, action: "reload" | "rollback" = "reload"): SlackMessage {
  const version = (v: string | null) => (v === null ? "none" : `\`${fitEscaped(v, 60)}\``);
  const lines: string[] = [];
  if (report.ok) {
    lines.push(
      `*Knowledge base ${action === "reload" ? "reloaded" : "rolled back"}* in ${report.durationMs} ms by ${fitEscaped(report.actor, 80)}: version ${version(report.version)} (was ${version(report.previousVersion)}).`,
    );
    lines.push(`*Now serving:* ${countsLine(report.counts)}.`);
    const changes = [changeLine("Articles", report.articles), changeLine("Facts", report.facts)].filter(
      (l): l is string => l !== null,
    );
    lines.push(...(changes.length > 0 ? changes : ["No articles or facts changed."]));
  } else {
    lines.push(
      `*${action === "reload" ? "Reload" : "Rollback"} failed*: the ${action === "reload" ? "previous" : "current"} knowledge base (version ${version(report.version)}, ${countsLine(report.counts)}) keeps serving.`,
    );
    lines.push(`*Errors (${report.errors.length}):*`);
    for (const e of report.errors.slice(0, REPORT_MAX_ERRORS)) lines.push(`• ${fitEscaped(formatDataError(e), 280)}`);
    if (report.errors.length > REPORT_MAX_ERRORS) lines.push(`…and ${report.errors.length - REPORT_MAX_ERRORS} more errors (see the logs).`);
    if (report.errors.length === 0) lines.push("• (no error details reported)");
  }
  if (report.auditError) lines[0] = `${lines[0]?.replace(/\.$/u, "")} — but the audit record could not be written: ${fitEscaped(report.auditError, 300)}`;
  const text = lines.join("\n");
  return message(text, [section(text)]);
}

export function formatStatus(status: KbStatus): SlackMessage {
  const text = [
    `*Knowledge base* version \`${fitEscaped(status.version, 60)}\`, loaded ${escapeMrkdwn(status.loadedAt)} by ${fitEscaped(status.loadedBy, 80)}.`,
    `*Serving:* ${countsLine(status.counts)}.`,
    ...replicaLines(status.replicas, "en").map((line) => fitEscaped(line, 300)),
  ].join("\n");
  return message(text, [section(text)]);
}
