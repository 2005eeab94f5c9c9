// Reads a follow-up against the conversation's last answered question. Pure and
// glossary-free, so that it runs wherever the conversation is kept: the result is a few
// readings of the follow-up, best first, which the engine then answers or refuses like any
// question (a reading never turns a refusal into a guess: it is only ever asked).
import { contentWords, detectLang, splitWords } from "../search/analysis.ts";
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

// A Sino-Korean verb noun with its ending ("공개됐어", "발표했나"): the facts say "공개했다",
// so the noun alone is what the follow-up is searched by.
const KO_VERB_ENDING = /(?<=[가-힣]{2})(?:됐어|됐나|됐지|됐는데|됐을까|되었어|되었나|됐어요|했어|했나|했지|했는데|했을까|하였어|했어요|된\s?거야|한\s?거야)$/u;
export const koreanStems = (text: string): string => words(text).map((w) => w.replace(/[?？!.]+$/u, "").replace(KO_VERB_ENDING, "")).join(" ");

// Words of a Korean question that tell how it was asked rather than what about: modifiers
// ("풀어준", "바꾼거", "막혔을때", "써먹었다는") and the asked-for noun ("배경", "이유").
const KO_FRAME_WORD = /(?:준|한|된|던|운|른|쓴|간|온|낸|친|때|거|건|걸|다는|라는|려는|냐는|대|래)$|^(?:배경|이유|원인|얘기|내용)/u;

/**
 * The previous question cut to what names its subject, for a follow-up that brings its own
 * predicate: "트럼프가 h200" of "트럼프가 h200 수출 풀어준 배경 뭐래", "the deepseek chip case" of
 * "who got charged in the deepseek chip case". Its other words would pull the follow-up back
 * to the fact that answered the previous question.
 */
export function compactTopic(question: string): string | null {
  const q = stripEnd(question);
  if (detectLang(q) === "ko") {
    // Its first word (who or what it is about) and the names written in Latin letters or digits.
    const ws = words(topicOf(q)).filter((w, i) => (i === 0 && !KO_FRAME_WORD.test(w)) || /[\p{Script=Latin}\d]/u.test(w));
    const out = ws.join(" ");
    return out && out !== topicOf(q) ? out : null;
  }
  // English: the noun phrase after the question's last verb or preposition.
  const ws = words(q);
  let at = -1;
  ws.forEach((w, i) => {
    if (i > 0 && (EN_PREPOSITION.test(w) || EN_VERB.test(w) || EN_AUX.test(w) || /^\w+(?:ing|ed)$/iu.test(w))) at = i;
  });
  const tail = ws.slice(at + 1);
  if (at < 1 || tail.length === 0 || tail.length > 5) return null;
  return tail.join(" ");
}

/**
 * Names the previous answer gives that its question did not ("the B40 (RTX Pro)" for "what's
 * nvidia's new china-only chip called"): what "it" or "those" in a follow-up may stand for.
 * Those said among the question's own words come first.
 */
export function answerNames(previous: PreviousTurn): string[] {
  if (!previous.answer) return [];
  const asked = new Set(words(previous.question.toLowerCase()).map((w) => w.replace(/['’]s$|[?.,!]+$/gu, "")));
  const ws = words(previous.answer).map((w) => w.replace(/[.,;:!?]+$/u, ""));
  const isName = (w: string, i: number) => (/\d/u.test(w) && /\p{L}/u.test(w)) || (i > 0 && /^\(?\p{Lu}[\p{L}\d-]{2,}\)?$/u.test(w) && !MONTH.test(w));
  // A model or product carries a number ("B40", "Ascend 910C"); a company alone is the subject.
  const isModel = (name: string) => /\p{L}\d|\d\p{L}/u.test(name);
  const found: Array<{ name: string; near: number }> = [];
  for (let i = 0; i < ws.length; i++) {
    if (!isName(ws[i]!, i) || asked.has(ws[i]!.toLowerCase().replace(/['’]s$/u, ""))) continue;
    let end = i + 1;
    while (end < ws.length && isName(ws[end]!, end) && !asked.has(ws[end]!.toLowerCase())) end++;
    const name = ws.slice(i, end).join(" ").replace(/['’]s$/u, "");
    let near = 0;
    for (let j = Math.max(0, i - 5); j < Math.min(ws.length, end + 5); j++) if (asked.has(ws[j]!.toLowerCase().replace(/['’]s$/u, ""))) near++;
    if (isModel(name)) found.push({ name, near });
    i = end - 1;
  }
  return [...new Set(found.sort((a, b) => b.near - a.near).map((f) => f.name))].slice(0, 2);
}
// Words that relate rather than name: no fact is about "before" or "besides".
const EN_FUNCTION = contentWords("before after besides other others else also then wanna gonna thing things happen happens exactly again");
const MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/u;

/**
 * The Korean nouns a follow-up marks with a particle ("가격은", "한국도"): what it asks about.
 * An answer that names none of them answers the previous question again.
 */
export function markedNouns(previous: string, followUp: string): string[] {
  const before = stripEnd(previous);
  const out: string[] = [];
  for (const w of words(stripEnd(followUp))) {
    const m = /^([가-힣]{2,})(?:은|는|이|가|도|을|를)$/u.exec(w);
    if (!m || /다$/u.test(m[1]!) || before.includes(m[1]!) || KO_QUESTION_WORD.test(m[1]!) || KO_DEICTIC.test(` ${w}`)) continue;
    out.push(m[1]!);
  }
  return out;
}

/**
 * Whether a follow-up states its own subject with a topic particle ("중국은 어떻게 나왔는데?",
 * "제네바는 몇월이었어?"): then asked alone it is a reading in its own right.
 */
export function statesSubject(followUp: string): boolean {
  const first = (words(followUp.trim().replace(KO_LEADING, ""))[0] ?? "").replace(/[?？!.]+$/u, "");
  return /^[가-힣\p{Script=Latin}\d]{2,}(?:은|는)$/u.test(first) && !KO_DEICTIC.test(` ${first}`);
}

/**
 * The words a follow-up adds to its previous question: what the answer's first sentence
 * should say ("베이징" in "베이징은 며칠?", "trial" in "when's the trial?").
 */
export function focusOf(previous: string, followUp: string): Set<string> {
  const before = contentWords(koreanStems(previous));
  const out = new Set<string>();
  // One stem a word, so that a word and its particle ("중국", "중국은") count once.
  const stems = splitWords(koreanStems(followUp)).filter((x) => !x.stop).map((x) => x.stem);
  for (const w of stems) if (!before.has(w) && !EN_FUNCTION.has(w) && !KO_QUESTION_WORD.test(w) && !EN_QUESTION_WORDS.has(w) && !EN_PRONOUN.test(w) && !KO_DEICTIC.test(` ${w}`)) out.add(w);
  return out;
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
  const follow = (readings: Array<string | null | false>, ask: string | null = null): Resolution => ({
    kind: "follow-up",
    readings: [...new Set(readings.filter((r): r is string => typeof r === "string" && r.trim() !== ""))],
    topic,
    ask,
    lang,
  });

  const compact = compactTopic(previous.question);
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
      return follow([withParallel(previous.question, phrase), withKoreanPhrase(previous.question, phrase), `${topic} ${body}`, compact && `${compact} ${body}`], null);
    }
    if (deictic || lead || ws.length <= 3) {
      const plain = body.replace(KO_DEICTIC, " ").replace(/\s+/gu, " ").trim();
      const stems = koreanStems(plain);
      return follow([`${topic} ${plain}`, body, `${topic} ${stems}?`, compact && `${compact} ${stems}?`]);
    }
    return follow([`${topic} ${body}`, text, compact && `${compact} ${koreanStems(body)}?`]);
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
    return follow([
      withParallel(previous.question, subject),
      ...(named ? [withSubject(previous.question, subject), appended] : [appended, withSubject(previous.question, subject)]),
      compact && `${subject} ${compact}?`,
    ]);
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
    // "it", "those": also what the previous answer named ("the B40", "the Ascend 910C"), the
    // last such pronoun being the one a name can stand in for ("what did they take out of it").
    const last = [...body.matchAll(new RegExp(EN_PRONOUN.source, "giu"))].filter((m) => /^(?:it|those|these|them)$/iu.test(m[0])).pop();
    const named = last ? answerNames(previous).map((n) => `${stripEnd(body.slice(0, last.index) + n + body.slice(last.index + last[0].length))}?`) : [];
    return follow([substituted, `${stripEnd(body)} ${topic}?`, ...named, compact && `${stripEnd(body)} ${compact}?`]);
  }
  if (pronoun) return follow([`${stripEnd(body)} ${topic}?`, body]);
  // "the slower one", "the other ones": a noun left out, to be found in the previous question.
  if (EN_ONE.test(body)) return follow([`${stripEnd(body)} ${topic}?`, body]);
  if (!lead && namesEntity(body) && words(body).length >= 4) return alone;
  if (lead || words(body).length <= 6) return follow([`${stripEnd(body)} ${topic}?`, body, compact && `${stripEnd(body)} ${compact}?`]);
  return alone;
}

/** "(about: the H20 export approval — when)": what the answer took the question to be. */
export function aboutLabel(r: Resolution): string | null {
  if (r.kind === "new" || r.topic === null) return null;
  const ask = r.ask ? ` — ${r.ask}` : "";
  return r.lang === "ko" ? `(${r.topic.replace(/(?:은|는)$/u, "")}에 대해${ask})` : `(about: ${r.topic}${ask})`;
}
