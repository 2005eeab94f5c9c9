// Reads a follow-up against the conversation's last answered question. Pure and
// glossary-free, so that it runs wherever the conversation is kept: the result is a few
// readings of the follow-up, best first, which the engine then answers or refuses like any
// question (a reading never turns a refusal into a guess: it is only ever asked).
import { detectLang } from "../search/analysis.ts";
import type { Lang } from "../knowledge/schema.ts";

/** The last answered question of a conversation, as it was understood. */
export interface PreviousTurn {
  question: string;
  /** The first sentence of its answer: it names whom a "who" question asked for. */
  answer?: string;
}

export interface Resolution {
  /** "new": the follow-up stands alone and the context is dropped. */
  kind: "new" | "follow-up";
  /** The questions to ask, best reading first; for "new", the follow-up alone. */
  readings: string[];
  /** What the previous question was about, in its own words; null for "new". */
  topic: string | null;
  /** What the follow-up asks ("when", "언제"); null when it is not a bare question word. */
  ask: string | null;
  lang: Lang;
}

const EN_QUESTION_WORDS = new Set([
  "what", "which", "who", "whom", "whose", "why", "when", "where", "how", "many", "much", "is", "are", "was", "were",
  "did", "do", "does", "can", "could", "will", "would", "should", "has", "have", "had", "tell", "me", "about",
]);
const EN_PRONOUN = /\b(?:it|its|that|this|they|them|their|theirs|there|he|him|his|she|her|those|these)\b/iu;
const EN_LEADING = /^(?:and|so|but|then|also|ok(?:ay)?|well|and then)\b[\s,]*/iu;
const EN_WHAT_ABOUT = /^(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*\??$/iu;
const EN_BARE = /^(?:and\s+)?(why|when|where|who|how many|how much|how|what|which|since when|how long)(?:\s+(?:so|then|exactly))?\s*\??$/iu;

const KO_LEADING = /^(?:그럼|그러면|그래서|그리고|근데|그런데|그렇다면|또|아니|그럼요)[\s,]*/u;
const KO_DEICTIC = /(?:^|\s)(?:그거|그것|그건|그게|그걸|그것은|그것이|이거|이건|저거|거기|거기서|거기는|그곳|그때|그들|그분|그 사람|걔|그)(?=\s|[?.!]|$)/u;
const KO_QUESTION_WORD = /뭐|무엇|무슨|어디|언제|왜|몇|얼마|누구|누가|어느|어떤|어떻게|며칠/u;
const KO_BARE = /^(?:그럼\s*|그건\s*|그게\s*)?(왜|언제|어디|어디서|어디에서|누가|누구|몇\s?개|몇\s?명|얼마|얼마나|어떻게|무엇|뭐)(?:야|요|지|였어|였나|인데|인가|였지|일까)?\s*\??$/u;
// "X는?" / "X은?": a noun phrase and a topic particle, nothing else.
const KO_WHAT_ABOUT = /^(?:그럼\s+|그러면\s+|그리고\s+)?(.+?)(?:은|는|도)\s*\?$/u;
// A Korean predicate that ends the question: 뭐야, 했어, 열렸어, 몇 개야, …
const KO_PREDICATE_END = /(?:[야어요니나까지대래냐죠]|인가|는가|ㄴ가|을까|ㄹ까)\??$/u;
const KO_DROP = /^(?:이유는?|배경은?|이유가|뭐야|뭐였어|뭐지|무엇인가|무엇이었나|뭐였지|무엇이야)$/u;

const NEW_TOPIC = /^(?:다른\s?(?:얘긴데|이야긴데|얘기(?:인데|지만)?|이야기(?:인데|지만)?|질문(?:인데|이야)?)|그건 그렇고|그거랑 별개로|별개로|(?:on\s+)?(?:another|a different)\s+(?:note|question|topic)|(?:a\s+)?(?:different|unrelated|new|separate)\s+question|changing\s+(?:the\s+)?(?:subject|topic)|unrelated(?:\s+but)?)(?=[\s,.:;!?-]|$)[\s,.:;!?-]*/iu;

const words = (t: string) => t.split(/\s+/u).filter(Boolean);
const stripEnd = (t: string) => t.trim().replace(/[?？!.。\s]+$/u, "");

/** What the previous question was about: its words without the question's own frame. */
export function topicOf(question: string): string {
  const q = stripEnd(question);
  if (detectLang(q) === "ko") {
    const ws = words(q).filter((w) => !KO_DROP.test(w) && !KO_QUESTION_WORD.test(w));
    // The final predicate ("했어", "방문했어") says what was asked, not what about.
    if (ws.length > 1 && KO_PREDICATE_END.test(ws[ws.length - 1]!)) ws.pop();
    return ws.join(" ") || q;
  }
  const ws = words(q);
  let i = 0;
  while (i < ws.length - 1 && EN_QUESTION_WORDS.has(ws[i]!.toLowerCase())) i++;
  const rest = ws.slice(i).filter((w) => !/^(?:why|when|where|how|what|which|who)$/iu.test(w));
  return rest.join(" ") || q;
}

const EN_ONE = /\b(?:the|that|this|other|\w+er|\w+est)\s+ones?\b/iu;
const EN_AUX = /^(?:did|does|do|was|were|is|are|has|have|had|will|would|can|could|should)$/iu;
const EN_BE = /^(?:was|were|is|are)$/iu;
const EN_PREPOSITION = /^(?:about|on|in|at|to|for|with|by|from|into|over|after|before|than|like|as)$/iu;
// Verbs that follow a question's subject ("what did Bessent *say*"): the subject ends there.
const EN_VERB = /^(?:say|said|run|runs|do|mean|think|want|take|use|make|put|get|plan|call|tell|compare|approve|allow|ban|sell|buy|visit|announce|release|report|claim|add|need|spend|lose|win|build|pay|keep|expect|see|hope|agree|argue|warn|face|look|react|respond|plan|decide)$/iu;
// Pronouns for a person or thing named as the subject; "that", "there", "this" point at the topic.
const EN_PERSONAL = /^(?:he|him|his|she|her|they|them|their|it|its)$/iu;

/**
 * The subject of an English question, as a pronoun in its follow-up would stand for it:
 * "bessent" in "what did bessent say about the talks", "the diffusion framework" in "when was
 * the diffusion framework supposed to take effect"; for "who …", the person the answer names
 * first ("David Sacks said …"). Null when there is none to be found.
 */
export function subjectOf(previous: PreviousTurn): string | null {
  const ws = words(stripEnd(previous.question)).flatMap((w) => {
    const m = /^(what|who|where|when|how|why)'s$/iu.exec(w);
    return m ? [m[1]!, "is"] : [w];
  });
  if (!/^(?:what|which|who|whom|whose|when|where|why|how)$/iu.test(ws[0] ?? "")) return null;
  // The auxiliary right after the question word ("what did"), its noun ("what chip does") or
  // "how many" ("how many chips did"); one further on belongs to the clause ("who said ai is").
  const start = /^(?:many|much|long|often)$/iu.test(ws[1] ?? "") ? 2 : 1;
  const aux = [start, start + 1].find((i) => EN_AUX.test(ws[i] ?? "") && (i === start || !EN_VERB.test(ws[start]!))) ?? -1;
  if (aux < 0) {
    if (!/^who$/iu.test(ws[0]!) || !previous.answer) return null;
    const named = /^((?:\p{Lu}[\p{L}\d.'’-]*\s+){0,3}\p{Lu}[\p{L}\d.'’-]*)/u.exec(previous.answer.trim());
    return named ? named[1]!.replace(/['’]s$/u, "") : null;
  }
  const subject: string[] = [];
  for (const w of ws.slice(aux + 1)) {
    if (EN_VERB.test(w) || EN_PREPOSITION.test(w) || (EN_BE.test(ws[aux]!) && subject.length > 0 && /ed$/iu.test(w))) break;
    subject.push(w);
    if (subject.length > 5) return null;
  }
  return subject.length > 0 ? subject.join(" ") : null;
}

/** Names a follow-up gives itself: a capitalized word past the first, or a code like H20. */
function namesEntity(text: string): boolean {
  const ws = words(stripEnd(text));
  return ws.some((w, i) => /\d/u.test(w) && /\p{L}/u.test(w)) || ws.slice(1).some((w) => /^\p{Lu}/u.test(w) && !/^I$/u.test(w));
}

/** Replaces the previous question's subject (its first named thing) with a new one. */
function withSubject(previous: string, subject: string): string | null {
  const ws = words(stripEnd(previous));
  const at = ws.findIndex((w, i) => (i > 0 && /^\p{Lu}/u.test(w)) || /\d/u.test(w));
  if (at < 0) return null;
  let end = at + 1;
  while (end < ws.length && /^\p{Lu}|\d/u.test(ws[end]!)) end++;
  const possessive = /'s$/u.test(ws[end - 1]!) ? "'s" : "";
  return [...ws.slice(0, at), subject + possessive, ...ws.slice(end)].join(" ") + "?";
}

/**
 * The previous question with its counterpart of `phrase` swapped for it: the word of the
 * same shape but another number ("1분기" for "2분기", "H20" for "H200"). Null when none.
 */
function withParallel(previous: string, phrase: string): string | null {
  const shape = (w: string) => w.toLowerCase().replace(/\d+/gu, "#").replace(/[?？.!,]+$/u, "");
  const mine = words(phrase).find((w) => /\d/u.test(w));
  if (!mine) return null;
  const ws = words(stripEnd(previous));
  const at = ws.findIndex((w) => /\d/u.test(w) && shape(w) === shape(mine) && w.toLowerCase() !== mine.toLowerCase());
  if (at < 0) return null;
  return [...ws.slice(0, at), mine, ...ws.slice(at + 1)].join(" ") + "?";
}

/** The Korean form: the previous question with its last noun phrase ("… 규모는?") replaced. */
function withKoreanPhrase(previous: string, phrase: string): string | null {
  const ws = words(stripEnd(previous));
  const last = ws[ws.length - 1];
  if (!last || !/(?:은|는)$/u.test(last)) return null;
  // The noun phrase before the particle: its words after the last modifier ("입은", "한").
  let start = ws.length - 1;
  while (start > 0 && !/(?:은|는|한|된|던|을|를|의|로|으로|에서|이|가)$/u.test(ws[start - 1]!)) start--;
  return [...ws.slice(0, start), `${phrase}${/[가-힣]$/u.test(phrase) && hasFinal(phrase) ? "은" : "는"}?`].join(" ");
}

function hasFinal(word: string): boolean {
  const c = word.charCodeAt(word.length - 1);
  return c >= 0xac00 && c <= 0xd7a3 && (c - 0xac00) % 28 !== 0;
}

/**
 * The readings of `followUp` after `previous`, best first. A follow-up is one that leans on
 * the context: a pronoun or deictic, a leading "and"/"그럼", a bare question word, "what
 * about X"/"X는?", or a short question that names nothing. One that names its own subject
 * with a full predicate is a new question.
 */
export function resolveFollowUp(previous: PreviousTurn | null, followUp: string): Resolution {
  // "다른 얘긴데 …", "on another note, …": a new question, said so; asked without the marker.
  const fresh = NEW_TOPIC.exec(followUp.trim());
  const text = fresh ? followUp.trim().slice(fresh[0].length).trim() || followUp.trim() : followUp.trim();
  const lang = detectLang(text);
  const alone: Resolution = { kind: "new", readings: [text], topic: null, ask: null, lang };
  if (fresh) return alone;
  if (!previous || !text) return alone;
  const topic = topicOf(previous.question);
  const follow = (readings: Array<string | null>, ask: string | null = null): Resolution => ({
    kind: "follow-up",
    readings: [...new Set(readings.filter((r): r is string => r !== null && r.trim() !== ""))],
    topic,
    ask,
    lang,
  });

  if (lang === "ko") {
    const bare = KO_BARE.exec(text);
    if (bare) return follow([`${topic} ${stripEnd(text).replace(KO_LEADING, "")}?`], bare[1]!.replace(/\s/gu, " "));
    const lead = KO_LEADING.test(text);
    const body = text.replace(KO_LEADING, "");
    const deictic = KO_DEICTIC.test(body);
    const ws = words(body);
    const about = KO_WHAT_ABOUT.exec(body);
    if (about && !KO_QUESTION_WORD.test(about[1]!) && words(about[1]!).length <= 3) {
      const phrase = about[1]!;
      return follow([withParallel(previous.question, phrase), withKoreanPhrase(previous.question, phrase), `${topic} ${body}`], null);
    }
    if (deictic || lead || ws.length <= 3) {
      const plain = body.replace(KO_DEICTIC, " ").replace(/\s+/gu, " ").trim();
      return follow([`${topic} ${plain}`, body]);
    }
    return follow([`${topic} ${body}`, text]);
  }

  const bare = EN_BARE.exec(text);
  if (bare) {
    const ask = bare[1]!.toLowerCase();
    return follow([`${ask} ${topic}?`], ask);
  }
  const about = EN_WHAT_ABOUT.exec(text);
  if (about) {
    const subject = about[1]!;
    const appended = `${stripEnd(previous.question)} ${subject}?`;
    // A name ("what about AMD?") takes the previous subject's place; a common noun phrase ("the
    // public sector") has no name to stand for, so it is first read added to the question.
    const named = namesEntity(`x ${subject}`);
    return follow([withParallel(previous.question, subject), ...(named ? [withSubject(previous.question, subject), appended] : [appended, withSubject(previous.question, subject)])]);
  }
  const lead = EN_LEADING.test(text);
  const body = text.replace(EN_LEADING, "");
  const pronoun = EN_PRONOUN.exec(body);
  // A pronoun after a subject of the follow-up's own ("the tech gap the US thinks it keeps")
  // refers to that subject: the context is added, not substituted.
  if (pronoun && !namesEntity(body.slice(0, pronoun.index))) {
    // A personal pronoun stands for the previous question's subject, when it has one.
    const referent = EN_PERSONAL.test(pronoun[0]) ? (subjectOf(previous) ?? topic) : topic;
    const substituted = body.replace(EN_PRONOUN, (p) => (/^(?:its|their|his|her)$/iu.test(p) && p.toLowerCase() !== "her" ? `${referent}'s` : referent));
    return follow([substituted, `${stripEnd(body)} ${topic}?`]);
  }
  if (pronoun) return follow([`${stripEnd(body)} ${topic}?`, body]);
  // "the slower one", "the other ones": a noun left out, to be found in the previous question.
  if (EN_ONE.test(body)) return follow([`${stripEnd(body)} ${topic}?`, body]);
  if (!lead && namesEntity(body) && words(body).length >= 4) return alone;
  if (lead || words(body).length <= 6) return follow([`${stripEnd(body)} ${topic}?`, body]);
  return alone;
}

/** "(about: the H20 export approval — when)": what the answer took the question to be. */
export function aboutLabel(r: Resolution): string | null {
  if (r.kind === "new" || r.topic === null) return null;
  const ask = r.ask ? ` — ${r.ask}` : "";
  return r.lang === "ko" ? `(${r.topic.replace(/(?:은|는)$/u, "")}에 대해${ask})` : `(about: ${r.topic}${ask})`;
}
