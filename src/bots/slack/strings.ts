// The Slack adapter's own words, in both languages the bot speaks. Answers and refusals come
// from the answer core; these are the labels and short replies around them.
import type { Lang } from "../../answer/types.ts";
import { withJosa } from "../../answer/josa.ts";

export interface UiStrings {
  sources: string;
  /** Label of a citation's link when the article has no title to show. */
  article: string;
  approx: string;
  relatedTopics: string;
  moreSources: (n: number) => string;
  askedBy: (userMention: string) => string;
  helpful: string;
  voteUp: string;
  voteDown: string;
  thanks: string;
  /** The line under a voted-on answer: its current votes, one per person. */
  votesRecorded: (up: number, down: number) => string;
  apology: string;
  whatIKnow: string;
  mainTopics: string;
  tryAsking: string;
  commands: string;
  commandLines: (botName: string) => string[];
  articles: (n: number) => string;
  facts: (n: number) => string;
  andMore: (n: number) => string;
  /** The end of a cut `/sources` list: how many more, and how to narrow it. */
  moreArticles: (n: number) => string;
  /** The end of a cut timeline. */
  moreEvents: (n: number) => string;
  /** `/sources <words>`: how many of all the articles match. */
  matching: (n: number, of: number) => string;
  noMatch: (query: string) => string;
  noSources: string;
}

const en: UiStrings = {
  sources: "Sources",
  article: "article",
  approx: "approx.",
  relatedTopics: "Topics I can answer about",
  moreSources: (n) => `…and ${n} more ${n === 1 ? "source" : "sources"}`,
  askedBy: (user) => `${user} asked`,
  helpful: "Was this helpful?",
  voteUp: "👍 Helpful",
  voteDown: "👎 Not helpful",
  thanks: "Thanks for the feedback!",
  votesRecorded: (up, down) => `Votes recorded — thanks! 👍 ${up} · 👎 ${down} (one per person; click again to change yours)`,
  apology: "Sorry, something went wrong while answering. Please try again in a moment.",
  whatIKnow: "What I know",
  mainTopics: "Main topics",
  tryAsking: "Try asking",
  commands: "Commands",
  commandLines: (bot) => [
    `• \`/ask <question>\` answers in the channel, with sources`,
    `• mention ${bot} with a question (answered in its thread), or send me a DM`,
    "• `/sources [words]` lists the articles I answer from (those matching the words)",
    "• `/timeline [topic]` lists the dated events about a topic in order (or the key events)",
    "• `/kb status` and `/kb reload` (admins) show or reload the knowledge base",
  ],
  articles: (n) => `${n} ${n === 1 ? "article" : "articles"}`,
  facts: (n) => `${n} ${n === 1 ? "fact" : "facts"}`,
  andMore: (n) => `…and ${n} more`,
  moreArticles: (n) => `…and ${n} more: narrow with \`/sources &lt;words&gt;\``,
  moreEvents: (n) => `…and ${n} more ${n === 1 ? "event" : "events"}: narrow with \`/timeline &lt;topic&gt;\``,
  matching: (n, of) => `${n} of ${of} ${of === 1 ? "article" : "articles"}`,
  noMatch: (q) => `No article matches “${q}”.`,
  noSources: "No articles are loaded.",
};

const ko: UiStrings = {
  sources: "출처",
  article: "기사",
  approx: "추정",
  relatedTopics: "답할 수 있는 주제",
  moreSources: (n) => `…출처 ${n}개 더`,
  askedBy: (user) => `${user} 님의 질문`,
  helpful: "도움이 되었나요?",
  voteUp: "👍 도움됨",
  voteDown: "👎 아쉬움",
  thanks: "의견 고맙습니다!",
  votesRecorded: (up, down) => `투표가 기록됐어요. 고맙습니다! 👍 ${up} · 👎 ${down} (한 사람에 한 표, 다시 누르면 바뀝니다)`,
  apology: "죄송합니다. 답하는 중에 문제가 생겼어요. 잠시 후 다시 물어봐 주세요.",
  whatIKnow: "알고 있는 것",
  mainTopics: "주요 주제",
  tryAsking: "이렇게 물어보세요",
  commands: "명령어",
  commandLines: (bot) => [
    "• `/ask <질문>` 채널에 출처와 함께 답합니다",
    `• ${withJosa(bot, "을/를")} 멘션해 질문하거나(스레드에 답함) DM을 보내세요`,
    "• `/sources [검색어]` 답의 근거가 되는 기사 목록(검색어에 맞는 것만)",
    "• `/timeline [주제]` 주제별(또는 주요) 사건을 날짜순으로",
    "• `/kb status`, `/kb reload` (관리자) 지식 베이스 상태 보기, 다시 읽기",
  ],
  articles: (n) => `기사 ${n}건`,
  facts: (n) => `사실 ${n}개`,
  andMore: (n) => `…외 ${n}개`,
  moreArticles: (n) => `…외 ${n}건: \`/sources &lt;검색어&gt;\`로 좁혀 보세요`,
  moreEvents: (n) => `…사건 ${n}개 더: \`/timeline &lt;주제&gt;\`로 좁혀 보세요`,
  matching: (n, of) => `기사 ${of}건 중 ${n}건`,
  noMatch: (q) => `“${q}”에 맞는 기사가 없습니다.`,
  noSources: "읽어 들인 기사가 없습니다.",
};

export function uiStrings(lang: Lang): UiStrings {
  return lang === "ko" ? ko : en;
}
