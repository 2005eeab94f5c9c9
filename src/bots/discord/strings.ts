// The Discord bot's own words, in Korean and English. Answer texts come from the engine;
// everything around them (headings, refusals of commands, reports) comes from here.
import type { Lang } from "../../answer/types.ts";
import { KB_SUBCOMMANDS, kbSubcommandUsage } from "../shared/kb-subcommands.ts";

/** Every /kb subcommand, for the help's command list. */
const kbCommandsLine = KB_SUBCOMMANDS.map((sub) => `\`/kb ${kbSubcommandUsage(sub)}\``).join(" · ");

export interface UiStrings {
  answerFooter(kbVersion: string, sources: number): string;
  refusalTitle: string;
  suggestionsHeading: string;
  moreCitations(n: number): string;
  noLink: string;
  apology: string;
  unknownCommand: string;
  notAdmin: string;
  /** /kb asked in a server that is not an admin server. */
  notAdminGuild: string;
  guildOnly: string;
  sourcesTitle(n: number): string;
  sourcesMore(n: number): string;
  factsCount(n: number): string;
  approximateDate: string;
  helpTitle: string;
  helpSources(n: number): string;
  helpTopics: string;
  helpExamplesKo: string;
  helpExamplesEn: string;
  helpCommands: string;
  helpCommandLines: string[];
  reloadOkTitle: string;
  reloadFailedTitle: string;
  reloadFailedNote: string;
  rollbackOkTitle: string;
  rollbackFailedTitle: string;
  rollbackFailedNote: string;
  auditFailedNote: (reason: string) => string;
  gapsTitle: (days: number) => string;
  gapsNone: (days: number) => string;
  gapsNotRecorded: string;
  version: string;
  counts: string;
  countsLine(articles: number, facts: number, terms: number): string;
  articles: string;
  facts: string;
  errors(n: number): string;
  moreErrors(n: number): string;
  noChanges: string;
  reloadFooter(actor: string, ms: number): string;
  statusTitle: string;
  loaded: string;
  loadedLine(at: string, by: string): string;
  more(n: number): string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const en: UiStrings = {
  answerFooter: (v, n) => `Knowledge base ${v} · ${n} ${n === 1 ? "source" : "sources"} quoted verbatim`,
  refusalTitle: "I can't answer that from my sources",
  suggestionsHeading: "Topics I can answer about",
  moreCitations: (n) => `…and ${n} more ${n === 1 ? "source" : "sources"}`,
  noLink: "no link",
  apology: "Sorry, something went wrong while answering. The error was logged; please try again.",
  unknownCommand: "I don't know that command. Try /help.",
  notAdmin: "Only server managers (Manage Server) or the bot's admin roles can use /kb.",
  notAdminGuild: "/kb is not enabled in this server.",
  guildOnly: "/kb works in a server, not in direct messages.",
  sourcesTitle: (n) => `Sources (${n} ${n === 1 ? "article" : "articles"})`,
  sourcesMore: (n) => `…and ${n} more`,
  factsCount: (n) => `${n} ${n === 1 ? "fact" : "facts"}`,
  approximateDate: "approx.",
  helpTitle: "Chokepoint — what I know",
  helpSources: (n) => `Sources (${n} ${n === 1 ? "article" : "articles"})`,
  helpTopics: "Main topics",
  helpExamplesKo: "Example questions (한국어)",
  helpExamplesEn: "Example questions (English)",
  helpCommands: "Commands",
  helpCommandLines: [
    "`/ask question:` — ask a question (Korean or English); the answer quotes its sources",
    "`@Chokepoint <question>` — the same, by mentioning me in a channel or in a DM",
    "`/sources` — the articles I answer from",
    "`/timeline topic:` — the dated events about a topic in order (or the key events)",
    "`/help` — this message",
    `${kbCommandsLine} — manage the knowledge base (admins)`,
  ],
  reloadOkTitle: "Knowledge base reloaded",
  reloadFailedTitle: "Reload failed",
  reloadFailedNote: "The previous knowledge base keeps serving until the errors below are fixed.",
  auditFailedNote: (reason) => `But the audit record could not be written: ${reason}`,
  rollbackOkTitle: "Knowledge base rolled back",
  rollbackFailedTitle: "Rollback failed",
  rollbackFailedNote: "The current knowledge base keeps serving.",
  gapsTitle: (days) => `Unanswered questions, last ${days} days`,
  gapsNone: (days) => `No unanswered questions recorded in the last ${days} days.`,
  gapsNotRecorded: "Unanswered questions are not recorded by this deployment.",
  version: "Version",
  counts: "Counts",
  countsLine: (a, f, t) => `${plural(a, "article")} · ${plural(f, "fact")} · ${plural(t, "term")}`,
  articles: "Articles",
  facts: "Facts",
  errors: (n) => `Errors (${n})`,
  moreErrors: (n) => `…and ${n} more ${n === 1 ? "error" : "errors"}`,
  noChanges: "no changes",
  reloadFooter: (actor, ms) => `by ${actor} · ${ms} ms`,
  statusTitle: "Knowledge base status",
  loaded: "Loaded",
  loadedLine: (at, by) => `${at} by ${by}`,
  more: (n) => `…and ${n} more`,
};

const ko: UiStrings = {
  answerFooter: (v, n) => `지식 베이스 ${v} · 출처 ${n}건 원문 인용`,
  refusalTitle: "제 자료로는 답할 수 없는 질문입니다",
  suggestionsHeading: "답할 수 있는 주제",
  moreCitations: (n) => `…외 출처 ${n}건`,
  noLink: "링크 없음",
  apology: "죄송합니다. 답변하는 중에 문제가 생겼습니다. 오류는 기록되었으니 다시 시도해 주세요.",
  unknownCommand: "알 수 없는 명령입니다. /help 를 사용해 보세요.",
  notAdmin: "/kb 는 서버 관리 권한이 있는 사람이나 봇 관리자 역할만 쓸 수 있습니다.",
  notAdminGuild: "이 서버에서는 /kb 를 쓸 수 없습니다.",
  guildOnly: "/kb 는 DM이 아니라 서버에서 사용할 수 있습니다.",
  sourcesTitle: (n) => `출처 (기사 ${n}건)`,
  sourcesMore: (n) => `…외 ${n}건`,
  factsCount: (n) => `사실 ${n}건`,
  approximateDate: "추정",
  helpTitle: "Chokepoint — 제가 아는 것",
  helpSources: (n) => `출처 (기사 ${n}건)`,
  helpTopics: "주요 주제",
  helpExamplesKo: "질문 예시 (한국어)",
  helpExamplesEn: "질문 예시 (English)",
  helpCommands: "명령",
  helpCommandLines: [
    "`/ask question:` — 질문하기 (한국어 또는 영어). 답변에 출처 원문을 인용합니다",
    "`@Chokepoint <질문>` — 채널이나 DM에서 저를 멘션해도 됩니다",
    "`/sources` — 답변의 근거가 되는 기사 목록",
    "`/timeline 주제:` — 주제별(또는 주요) 사건을 날짜순으로",
    "`/help` — 이 안내",
    `${kbCommandsLine} — 지식 베이스 관리 (관리자)`,
  ],
  reloadOkTitle: "지식 베이스를 다시 읽었습니다",
  reloadFailedTitle: "다시 읽기 실패",
  reloadFailedNote: "아래 오류를 고칠 때까지 이전 지식 베이스가 계속 답변합니다.",
  auditFailedNote: (reason) => `다만 감사 기록을 남기지 못했습니다: ${reason}`,
  rollbackOkTitle: "지식 베이스를 이전 버전으로 되돌렸습니다",
  rollbackFailedTitle: "되돌리기 실패",
  rollbackFailedNote: "현재 지식 베이스가 계속 답변합니다.",
  gapsTitle: (days) => `최근 ${days}일간 답하지 못한 질문`,
  gapsNone: (days) => `최근 ${days}일간 기록된 미답변 질문이 없습니다.`,
  gapsNotRecorded: "이 배포에서는 미답변 질문을 기록하지 않습니다.",
  version: "버전",
  counts: "규모",
  countsLine: (a, f, t) => `기사 ${a}건 · 사실 ${f}건 · 용어 ${t}개`,
  articles: "기사",
  facts: "사실",
  errors: (n) => `오류 (${n}건)`,
  moreErrors: (n) => `…외 오류 ${n}건`,
  noChanges: "변경 없음",
  reloadFooter: (actor, ms) => `요청: ${actor} · ${ms} ms`,
  statusTitle: "지식 베이스 상태",
  loaded: "불러온 시각",
  loadedLine: (at, by) => `${at} (${by})`,
  more: (n) => `…외 ${n}건`,
};

export function stringsFor(lang: Lang): UiStrings {
  return lang === "ko" ? ko : en;
}

/** Korean for a Discord locale starting with "ko" (e.g. "ko"), English otherwise. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith("ko") ? "ko" : "en";
}

/** Korean when the text contains Hangul, English otherwise; for messages without a locale. */
export function langFromText(text: string): Lang {
  return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(text) ? "ko" : "en";
}
