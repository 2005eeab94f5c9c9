// Korean particles after a word the bot fills in: 은/는, 이/가, 을/를, (으)로 … chosen by how
// the word ends when read aloud. es-hangul reads Hangul; outlet names, models and figures
// ("CNBC", "H200", "7월 15일", "Reuters") end in Latin letters or digits, which are read here
// by their Korean names first ("H200" → 이백, "CNBC" → 씨, "FT" → 티).
import { josa as pickJosa, numberToHangul } from "es-hangul";

export type JosaOption = Parameters<typeof pickJosa.pick>[1];

/** Korean names of the Latin letters, as an acronym is read ("CNBC" → 씨엔비씨). */
const LETTER: Record<string, string> = {
  a: "에이", b: "비", c: "씨", d: "디", e: "이", f: "에프", g: "지", h: "에이치", i: "아이", j: "제이",
  k: "케이", l: "엘", m: "엠", n: "엔", o: "오", p: "피", q: "큐", r: "알", s: "에스", t: "티",
  u: "유", v: "브이", w: "더블유", x: "엑스", y: "와이", z: "제트",
};

/** How a word's last sound is read: a Hangul syllable es-hangul can judge. */
function lastSound(word: string): string {
  // Closing brackets, quotes and punctuation are not read.
  const w = word.replace(/[\s)\]}"'’”»」』.,!?…·-]+$/u, "");
  if (w === "") return "가";
  const last = w.at(-1)!;
  if (/[\uAC00-\uD7A3]/u.test(last)) return last;
  const digits = /(\d+)$/u.exec(w)?.[1];
  if (digits) return numberToHangul(Number(digits.length > 15 ? digits.slice(-15) : digits)).at(-1) ?? "가";
  const latin = /([A-Za-z]+)$/u.exec(w)?.[1];
  if (latin) {
    // An acronym is read letter by letter; a word by its ending: -n, -m, -ng, -l end in a
    // final consonant (Huawei → 화웨이는, Tencent → 텐센트는, Bloomberg → 블룸버그는, Xinhua → 신화는).
    if (latin === latin.toUpperCase() || latin.length === 1) return (LETTER[latin.at(-1)!.toLowerCase()] ?? "가").at(-1)!;
    const lower = latin.toLowerCase();
    if (/ng$/u.test(lower)) return "강";
    if (/n$/u.test(lower)) return "단";
    if (/m$/u.test(lower)) return "담";
    if (/l$/u.test(lower)) return "달";
    return "가";
  }
  return "가";
}

/** The word followed by the particle its last sound takes: withJosa("여성경제신문", "은/는") → "여성경제신문은". */
export function withJosa(word: string, option: JosaOption): string {
  return `${word}${pickJosa.pick(lastSound(word), option)}`;
}

/** Just the particle: josaFor("H200", "은/는") → "은". */
export function josaFor(word: string, option: JosaOption): string {
  return pickJosa.pick(lastSound(word), option);
}
