// Pure formatting of answers and replies as Slack messages (Block Kit plus a plain `text`
// fallback). No I/O: every function takes values and returns a message.
//
// Every piece of text that came from a question or a document is escaped (`&`, `<`, `>`) and
// sent with `verbatim: true`, so that `<!channel>`, `<!here>` or `<@U…>` in it can never ping.
// Slack's limits are kept here: 3,000 characters a section text, 10 elements a context block,
// 50 blocks a message, and the message's text in total (`boundMessage`, which every message
// goes through). Lists are cut at whole items and say how many more there are.
import { replicaLines } from "../../shared/replica-lines.ts";
import { KB_SUBCOMMANDS, kbSubcommandUsage } from "../shared/kb-subcommands.ts";
import type { types as slack } from "@slack/bolt";
import type { GapGroup, SourceSummary, Timeline, Usage } from "../../engine/engine-types.ts";
import type { Answer, Citation, Lang } from "../../answer/types.ts";
import { formatDataError, type ChangeSet, type KbStatus, type ReloadReport } from "../../knowledge/report.ts";
import { uiStrings } from "./strings.ts";
import { encodeVoteValue } from "./vote-value.ts";

export type Block = slack.KnownBlock;

export const LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  contextElements: 10,
  contextText: 3_000,
  buttonValue: 2_000,
  /** Our own bound on the fallback `text` (Slack cuts at 40,000; notifications show far less). */
  fallbackText: 3_000,
  /**
   * All of a message's text: the fallback plus every text and button value in its blocks.
   * Slack refuses blocks carrying more than about 13,000 characters (`msg_blocks_too_long`),
   * far below the 50 × 3,000 the per-block limits allow; this keeps a margin under that.
   */
  messageChars: 12_000,
  /** Longest answer kept, in sections; the rest is cut with "…". */
  answerSections: 5,
  /** Longest quote shown in a citation. */
  quoteChars: 1_500,
} as const;

export const FEEDBACK_ACTION_UP = "chokepoint_feedback_up";
export const FEEDBACK_ACTION_DOWN = "chokepoint_feedback_down";
export const FEEDBACK_BLOCK_ID = "chokepoint_feedback";
export const FEEDBACK_RECEIPT_BLOCK_ID = "chokepoint_feedback_receipt";

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

/** The characters of text a block carries: section text and fields, context elements, buttons' labels and values. */
export function blockChars(block: Block): number {
  let n = 0;
  if ("text" in block && block.text && typeof block.text === "object" && "text" in block.text) n += block.text.text.length;
  if (block.type === "section") for (const f of block.fields ?? []) n += f.text.length;
  if (block.type === "context") for (const e of block.elements) if ("text" in e && typeof e.text === "string") n += e.text.length;
  if (block.type === "actions") {
    for (const e of block.elements) if (e.type === "button") n += e.text.text.length + (e.value ?? "").length;
  }
  return n;
}

/** All the text of a message, as `LIMITS.messageChars` counts it: the fallback plus every block's. */
export function messageChars(message: { text: string; blocks: readonly Block[] }): number {
  return message.blocks.reduce((n, b) => n + blockChars(b), message.text.length);
}

/**
 * The one way a message is made: the fallback cut to `LIMITS.fallbackText`, then whole blocks
 * kept in order while both the block count and the message's total text stay within Slack's
 * limits. Trailing action blocks (the vote buttons, and the votes line under them) are always kept. The formatters cut their
 * lists at whole items before this, saying how many more there are; this is the net under them.
 */
export function boundMessage(text: string, blocks: readonly Block[]): SlackMessage {
  const fallback = fitPlain(text, LIMITS.fallbackText);
  let split = blocks.length;
  const isTail = (b: Block | undefined) => b?.type === "actions" || b?.block_id === FEEDBACK_RECEIPT_BLOCK_ID;
  while (split > 0 && isTail(blocks[split - 1])) split -= 1;
  const tail = blocks.slice(split);
  let room = LIMITS.messageChars - fallback.length - tail.reduce((n, b) => n + blockChars(b), 0);
  const kept: Block[] = [];
  for (const block of blocks.slice(0, split)) {
    const chars = blockChars(block);
    if (kept.length + tail.length >= LIMITS.blocks || chars > room) break;
    kept.push(block);
    room -= chars;
  }
  return { text: fallback, blocks: [...kept, ...tail], unfurl_links: false, unfurl_media: false };
}

const message = boundMessage;

/** Room a list's "…and N more" line is given. */
const MORE_LINE_CHARS = 200;

/** What a list may use of a message: its total less the fallback, the blocks around it and the "more" line. */
function listRoom(fallback: string, around: readonly Block[]): number {
  const used = Math.min(fallback.length, LIMITS.fallbackText) + around.reduce((n, b) => n + blockChars(b), 0);
  return LIMITS.messageChars - used - MORE_LINE_CHARS;
}

/**
 * Packs lines into sections of at most 3,000 characters each, leaving `reserved` blocks of
 * the message's 50 for what surrounds them (a header, an overflow note), and at most `chars`
 * characters in all. Lines that no longer fit are dropped whole; `shown` says how many made it.
 */
function packLines(lines: Iterable<string>, reserved: number, chars: number): { blocks: Block[]; shown: number } {
  const blocks: Block[] = [];
  let current = "";
  let shown = 0;
  let used = 0;
  for (const line of lines) {
    const piece = Math.min(line.length, LIMITS.sectionText);
    if (used + piece + (current === "" ? 0 : 1) > chars) break;
    if (current !== "" && current.length + 1 + line.length > LIMITS.sectionText) {
      if (blocks.length >= LIMITS.blocks - reserved - 1) break;
      blocks.push(section(current));
      current = "";
    }
    used += piece + (current === "" ? 0 : 1);
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

function feedbackBlock(value: string, lang: Lang): slack.ActionsBlock {
  const s = uiStrings(lang);
  return {
    type: "actions",
    block_id: FEEDBACK_BLOCK_ID,
    elements: [
      { type: "button", action_id: FEEDBACK_ACTION_UP, text: { type: "plain_text", text: s.voteUp, emoji: true }, value },
      { type: "button", action_id: FEEDBACK_ACTION_DOWN, text: { type: "plain_text", text: s.voteDown, emoji: true }, value },
    ],
  };
}

/** Keeps whole chunks while they fit `room` characters; the first that does not is cut to what is left (with "…"). */
function fitChunks(chunks: readonly string[], room: number): string[] {
  const out: string[] = [];
  let left = room;
  for (const chunk of chunks) {
    if (chunk.length <= left) {
      out.push(chunk);
      left -= chunk.length;
      continue;
    }
    if (left >= 200 || out.length === 0) out.push(cutEscaped(chunk, Math.max(left, 200)));
    break;
  }
  return out;
}

/** What an answer's body leaves of the message for its citations, at least. */
const CITATION_ROOM = 2_500;

/**
 * An answer (or a refusal with its suggestions) as a message: the text in sections, each
 * citation in its own context block, then the feedback buttons. The body and the citations
 * share the message's total; citations that do not fit are counted ("…and N more sources").
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
  fallback.push(escapeMrkdwn(body));

  if (options.feedbackId) {
    const value = encodeVoteValue({ answerId: options.feedbackId, lang: answer.lang, answered: answer.answered, question: answer.question });
    tail.push(feedbackBlock(value, answer.lang));
  }

  const citations = answer.citations;
  const suggested = !answer.answered && answer.suggestions.length > 0;
  if (suggested) fallback.push(`${s.relatedTopics}: ${escapeMrkdwn(answer.suggestions.slice(0, 8).join(" · "))}`);
  if (citations.length > 0) fallback.push(`${s.sources}:`, ...citations.slice(0, 20).map((c, i) => escapeMrkdwn(citationFallback(c, i + 1))));
  const text = fitPlain(fallback.join("\n"), LIMITS.fallbackText);

  // The body takes what the question and the buttons leave, less some room for citations.
  const bodyRoom = listRoom(text, [...head, ...tail]) - (citations.length > 0 ? CITATION_ROOM : 0);
  for (const chunk of fitChunks(chunkEscaped(body, LIMITS.sectionText, LIMITS.answerSections), bodyRoom)) head.push(section(chunk));

  if (suggested) {
    const topics = listBounded(answer.suggestions.map((t) => fitEscaped(t, 100)), 8, s.andMore, " · ");
    head.push(context(`*${s.relatedTopics}:* ${topics}`));
  }

  if (citations.length > 0) {
    head.push(context(`*${s.sources}*`));
    // Whole citations while blocks and characters last, keeping a block and MORE_LINE_CHARS
    // for the "…and N more" note unless the last one fits.
    const blocksLeft = LIMITS.blocks - head.length - tail.length;
    let charsLeft = listRoom(text, [...head, ...tail]);
    let shown = 0;
    for (const [i, c] of citations.entries()) {
      const block = citationBlock(c, i + 1, answer.lang);
      const chars = blockChars(block);
      const last = i === citations.length - 1;
      if (shown >= (last ? blocksLeft : blocksLeft - 1) || chars > charsLeft + (last ? MORE_LINE_CHARS : 0)) break;
      head.push(block);
      charsLeft -= chars;
      shown += 1;
    }
    if (shown < citations.length) head.push(context(s.moreSources(citations.length - shown)));
  }

  return message(text, [...head, ...tail]);
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

/** A `/sources <words>` listing: the words, and how many articles there are in all. */
export interface SourcesFilter {
  query: string;
  of: number;
}

/**
 * The articles the bot answers from: title, outlet, date ("approx." when inferred), facts,
 * link. As many whole lines as fit one message, then how many more and how to narrow them.
 */
export function formatSources(sources: readonly SourceSummary[], lang: Lang, filter?: SourcesFilter): SlackMessage {
  const s = uiStrings(lang);
  const header = section(
    filter ? `*${s.sources}* · “${fitEscaped(filter.query, 200)}”: ${s.matching(sources.length, filter.of)}` : `*${s.sources}* (${s.articles(sources.length)})`,
  );
  if (sources.length === 0) {
    const none = filter ? s.noMatch(fitEscaped(filter.query, 200)) : s.noSources;
    return message(none, [header, section(none)]);
  }

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

  const text = `${s.sources}: ${joinUpTo(lazily(sources, (a) => escapeMrkdwn(a.title)), "; ", LIMITS.fallbackText)}`;
  const { blocks: packed, shown } = packLines(lazily(sources, sourceLine), 2, listRoom(text, [header]));
  const blocks: Block[] = [header, ...packed];
  if (shown < sources.length) blocks.push(context(s.moreArticles(sources.length - shown)));
  return message(text, blocks);
}

/**
 * A timeline: a header naming the topic, one line per event (date, claim, outlet and the
 * source's date, a link when known), as many whole lines as fit one message, then how many
 * more there are, then the hint.
 */
export function formatTimeline(t: Timeline): SlackMessage {
  const ko = t.lang === "ko";
  const s = uiStrings(t.lang);
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
  const text = [title, ...t.entries.map((e) => `${escapeMrkdwn(e.when)}: ${escapeMrkdwn(e.text)}`)].join("\n");
  const head = section(`*${title}*`);
  const hint = t.hint ? context(fitEscaped(t.hint, 500)) : null;
  const { blocks: packed, shown } = packLines(lines, 3, listRoom(text, hint ? [head, hint] : [head]));
  const blocks: Block[] = [head, ...packed];
  if (shown < lines.length) blocks.push(context(s.moreEvents(lines.length - shown)));
  if (hint) blocks.push(hint);
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
  const text = [header, ...lines].join("\n");
  const head = section(header);
  const { blocks: packed, shown } = packLines(lines, 2, listRoom(text, [head]));
  const blocks: Block[] = [head, ...packed];
  if (shown < lines.length) blocks.push(context(`…and ${lines.length - shown} more questions`));
  return message(text, blocks);
}

/** The short reply a user gets when answering failed. */
export function formatApology(lang: Lang): SlackMessage {
  const text = uiStrings(lang).apology;
  return message(text, [section(text)]);
}

/**
 * The voted-on message again, with the answer's current votes in a line under the buttons
 * (replacing the line an earlier vote left). The buttons stay: others may vote, and a
 * second click changes the voter's vote.
 */
export function withVoteReceipt(text: string, blocks: readonly Block[], votes: { up: number; down: number }, lang: Lang): SlackMessage {
  const receipt: slack.ContextBlock = { ...context(uiStrings(lang).votesRecorded(votes.up, votes.down)), block_id: FEEDBACK_RECEIPT_BLOCK_ID };
  const kept = blocks.filter((b) => b.block_id !== FEEDBACK_RECEIPT_BLOCK_ID);
  const at = kept.findIndex((b) => b.block_id === FEEDBACK_BLOCK_ID);
  const next = at === -1 ? [...kept, receipt] : [...kept.slice(0, at + 1), receipt, ...kept.slice(at + 1)];
  return message(text, next);
}

export function formatThanks(lang: Lang): SlackMessage {
  const text = uiStrings(lang).thanks;
  return message(text, [context(text)]);
}

// ---------------------------------------------------------------------------------------------
// Admin replies (English: admins read logs and data files in English too)

export const NOT_ADMIN_TEXT =
  "Sorry, `/kb` is for the bot's admins only. Nothing was changed. Ask an admin if the knowledge base needs a reload.";

/** Every /kb subcommand with what it does, from the one list all platforms use. */
export const KB_USAGE_TEXT = `Usage: ${KB_SUBCOMMANDS.map((sub) => `\`/kb ${kbSubcommandUsage(sub)}\` — ${sub.description.en}`).join("; ")}.`;

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
