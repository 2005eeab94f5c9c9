// The terminal chat: `npm start` without platform settings. Works interactively (with a
// prompt) and with piped input (no prompt; exits at end of input). The local user is the
// machine's owner, so admin commands are allowed.
import { replicaLines } from "../../shared/replica-lines.ts";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Engine, GapGroup, Usage } from "../../engine/engine-types.ts";
import { detectLang } from "../../search/analysis.ts";
import type { ReloadReport } from "../../knowledge/report.ts";
import { formatDataError } from "../../knowledge/report.ts";
import { renderText } from "./render.ts";
import { renderTimeline } from "./timeline.ts";
import { createMemoryConversationStore, type ConversationStore } from "../../engine/conversation-store.ts";
import { askInConversation } from "../../engine/conversation.ts";

/** The terminal's conversation: follow-ups are read against it until `/new`. */
export interface TerminalSession {
  store: ConversationStore;
  key: string;
}

export interface TerminalOptions {
  engine: Engine;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (an interactive terminal). */
  interactive: boolean;
}

export function renderUsage(u: Usage): string {
  const ko = u.lang === "ko";
  return [
    u.intro,
    `${ko ? "주요 주제" : "Main topics"}: ${u.topics.join(", ")}`,
    `${ko ? "예시 질문" : "Example questions"}:`,
    ...u.examples.ko.map((q) => `  • ${q}`),
    ...u.examples.en.map((q) => `  • ${q}`),
    ko
      ? "명령: /help, /new (새 대화), /sources, /timeline [주제], /kb status, /kb reload, /kb rollback, /kb gaps [일수], /quit"
      : "Commands: /help, /new (start over), /sources, /timeline [topic], /kb status, /kb reload, /kb rollback, /kb gaps [days], /quit",
  ].join("\n");
}

export function renderReport(r: ReloadReport, action: "reload" | "rollback" = "reload"): string {
  const lines: string[] = [];
  if (r.ok) {
    lines.push(`${action === "reload" ? "Reloaded" : "Rolled back"} in ${r.durationMs} ms: version ${r.version} (was ${r.previousVersion ?? "none"}).`);
  } else {
    lines.push(`${action === "reload" ? "Reload" : "Rollback"} failed; version ${r.version} keeps serving. ${r.errors.length} error(s):`);
    for (const e of r.errors.slice(0, 20)) lines.push(`  ${formatDataError(e)}`);
    if (r.errors.length > 20) lines.push(`  … and ${r.errors.length - 20} more`);
  }
  if (r.auditError) lines[0] = `${lines[0]?.replace(/[.:]$/u, "")} — but the audit record could not be written: ${r.auditError}`;
  lines.push(`Counts: ${r.counts.articles} articles, ${r.counts.facts} facts, ${r.counts.terms} terms.`);
  if (r.ok) {
    const part = (name: string, c: { added: string[]; removed: string[]; changed: string[] }) =>
      `${name}: +${c.added.length} −${c.removed.length} ~${c.changed.length}` +
      (c.added.length + c.removed.length + c.changed.length > 0
        ? ` (${[...c.added.map((x) => `+${x}`), ...c.removed.map((x) => `−${x}`), ...c.changed.map((x) => `~${x}`)].slice(0, 8).join(", ")})`
        : "");
    lines.push(part("Articles", r.articles));
    lines.push(part("Facts", r.facts));
  }
  return lines.join("\n");
}

export function renderGaps(groups: readonly GapGroup[], days: number): string {
  if (groups.length === 0) return `No unanswered questions recorded in the last ${days} days.`;
  return [
    `Unanswered questions, last ${days} days (most frequent first):`,
    ...groups.map(
      (g, i) =>
        `${String(i + 1).padStart(2)}. ${g.count}× “${g.question}” (${g.refused} refused, ${g.downvoted} down-voted, last ${g.lastAt.slice(0, 10)})` +
        (g.variants.length ? `\n      also: ${g.variants.map((v) => `“${v}”`).join("; ")}` : ""),
    ),
  ].join("\n");
}

/** Handles one line; returns the reply, or null to quit. */
export async function handleLine(engine: Engine, line: string, session?: TerminalSession): Promise<string | null> {
  const text = line.trim();
  const lang = detectLang(text);
  switch (text.toLowerCase()) {
    case "/quit":
    case "/exit":
      return null;
    case "/new":
      await session?.store.delete(session.key);
      return lang === "ko" ? "새 대화를 시작합니다." : "Starting over: the next question stands alone.";
    case "/help":
    case "/ask":
      return renderUsage(engine.usage(lang));
    case "/sources":
      return engine
        .sources()
        .map((s, i) => `[${i + 1}] ${s.outlet}, ${s.publishedAt}${s.dateApproximate ? " (approx.)" : ""} — ${s.title} (${s.facts} facts)${s.url ? ` <${s.url}>` : ""}`)
        .join("\n");
    case "/kb status": {
      const s = engine.status();
      return [`Version ${s.version}, loaded ${s.loadedAt} by ${s.loadedBy}: ${s.counts.articles} articles, ${s.counts.facts} facts, ${s.counts.terms} terms.`, ...replicaLines(s.replicas, "en")].join("\n");
    }
    case "/kb reload":
      return renderReport(await engine.reload("terminal"));
    case "/kb rollback":
      return renderReport(await engine.rollback("terminal"), "rollback");
  }
  const gaps = /^\/kb gaps(?:\s+(\d+))?$/iu.exec(text);
  if (gaps) {
    const days = Math.min(365, Math.max(1, Number(gaps[1] ?? 7)));
    if (!engine.recentGaps) return "Unanswered questions are not recorded here.";
    return renderGaps(await engine.recentGaps(days), days);
  }
  if (/^\/timeline(?:\s|$)/iu.test(text)) {
    const topic = text.slice("/timeline".length).trim() || null;
    return renderTimeline(await engine.timeline(topic, topic ? detectLang(topic) : "en"));
  }
  const question = text.startsWith("/ask ") ? text.slice(5) : text;
  if (!session) return renderText(await engine.ask(question));
  const a = await askInConversation(engine, session.store, session.key, question);
  return a.about ? `${a.about}\n${renderText(a)}` : renderText(a);
}

export async function runTerminal(options: TerminalOptions): Promise<void> {
  const { engine, input, output, interactive } = options;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const write = (s: string) => output.write(s.endsWith("\n") ? s : s + "\n");
  const session: TerminalSession = { store: createMemoryConversationStore({ max: 1 }), key: "terminal" };
  if (interactive) {
    write(renderUsage(engine.usage("en")));
    rl.setPrompt("\n> ");
    rl.prompt();
  }
  for await (const line of rl) {
    if (!line.trim()) {
      if (interactive) rl.prompt();
      continue;
    }
    const reply = await handleLine(engine, line, session);
    if (reply === null) break;
    write(interactive ? reply : `${reply}\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
