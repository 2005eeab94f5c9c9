// Korean: the particles and endings stripped from a word to find its stem, the words that
// carry no content, and syllable bigrams. Korean has no spaces between a noun and its
// particle, and spacing varies, so bigrams let a stem match a word whatever ending it carries.

export const HANGUL = /[\uAC00-\uD7A3]/u;
const isHangulChar = (c: string) => c >= "\uAC00" && c <= "\uD7A3";
const hasBatchim = (c: string) => isHangulChar(c) && (c.charCodeAt(0) - 0xac00) % 28 !== 0;

// Particles and endings, longest first. "after" restricts a suffix to stems whose last
// syllable has (true) or lacks (false) a final consonant, as Korean grammar does; this
// keeps names such as 화웨이 whole while 중국이 loses its 이.
const SUFFIXES: Array<{ s: string; after?: boolean }> = [
  ...["이었다", "였다", "이라는", "이라고", "에서는", "에서도", "에게서", "으로는", "으로도", "으로서", "으로써", "로서는"].map((s) => ({ s })),
  ...["했는가", "했나요", "했는지", "한가요", "한가", "는가", "은가", "던가", "했으며", "하였다", "했다고", "됐는지", "되었다", "됐나요", "인가요", "입니까", "습니까", "나요"].map((s) => ({ s })),
  ...["했나", "했니", "했다", "했고", "했던", "했을", "하는", "하고", "하며", "하나", "한다", "하다", "하려", "됐나", "됐다", "됐고", "되나", "되는", "된다", "되다", "되며", "받았", "받은", "받아", "받나"].map((s) => ({ s })),
  ...["겠다는", "하겠다", "려는", "려고", "했대", "한대", "됐대", "된대", "었대", "았대", "거쳤", "였대"].map((s) => ({ s })),
  // Chat endings of the same verbs ("승인됐어?", "발표했지?"), as people type questions.
  ...["됐어요", "했어요", "되었어", "하였어", "됐어", "했어", "됐지", "했지", "됐냐", "했냐"].map((s) => ({ s })),
  ...["에서", "에게", "한테", "까지", "부터", "마저", "조차", "처럼", "보다", "만큼", "이나", "이랑", "과는", "와는", "로는", "로도", "로서", "로써", "라는", "라고", "이다", "이며", "이고", "인가", "인지", "이란", "에는", "에도", "께서", "었나", "았나", "었다", "았다", "겠다"].map((s) => ({ s })),
  { s: "으로", after: true },
  { s: "로", after: false },
  { s: "은", after: true },
  { s: "는", after: false },
  { s: "이", after: true },
  { s: "가", after: false },
  { s: "을", after: true },
  { s: "를", after: false },
  { s: "과", after: true },
  { s: "와", after: false },
  { s: "의" },
  { s: "에" },
  { s: "도" },
  { s: "만" },
  { s: "들" },
  { s: "엔" },
  { s: "란", after: false },
  { s: "인" },
  { s: "한" },
  { s: "할" },
  { s: "된" },
  { s: "될" },
  // Colloquial verb endings: "팔게", "없애고", "거쳤대".
  { s: "게", after: false },
  { s: "고", after: false },
  { s: "대", after: false },
  { s: "래", after: false },
  { s: "냐" },
  { s: "랑", after: false },
  { s: "지", after: false },
  { s: "니", after: false },
];

export function stripKorean(word: string): string {
  let w = word;
  for (let round = 0; round < 2; round++) {
    let stripped = false;
    for (const { s, after } of SUFFIXES) {
      if (w.length <= s.length || !w.endsWith(s)) continue;
      const stem = w.slice(0, w.length - s.length);
      const last = stem[stem.length - 1] ?? "";
      if (after !== undefined && hasBatchim(last) !== after) continue;
      w = stem;
      stripped = true;
      break;
    }
    if (!stripped) break;
  }
  return w;
}

export const STOP_KO = new Set(
  (
    "무엇 뭐 뭔가 뭘 무슨 어떤 어떻게 어느 누구 누 언제 어디 어디서 얼마 얼마나 몇 왜 알려줘 알려주세요 알려 설명 설명해줘 " +
    "대해 대한 관련 관련해 것 거 수 등 및 그 이 저 그리고 또 또는 있나 있는 있다 있었나 있어 없나 하다 되다 위해 통해 때문 " +
    "했나 했는가 했니 인가 인가요 나요 요 좀 가장 정말 혹시 기사 보도 말 말했나 무엇인가 뭐야 뭐지 어떠한 " +
    "개 명 곳 번째 번 게 건가 건지 됐나 하나 했어 " +
    "현재 지금 아직 요즘 여전히 최신 정책 상황 상태 가능 가능한가 바뀌었나 바뀌었어 바뀌었는지 변화 달라졌나 날짜 시점 시기 일자 이유 배경 까닭 목적 의도 월 일 년 때 뭘로 뭘 무엇으로 어디어디 누구누구 거야 거지 건데 건가요 뭐래 뭐야 뭐지 뭔데 된 되는 됐어 했대 한대 하래 그래 거 게요 얘기 내용 관해 관해서 대해서 " +
    // Adverbs that frame a question without naming anything in it.
    "갑자기 도대체 대체 과연 결국 대략 대충 정확히 구체적으로 자세히 간단히 한마디 한마디로 요약하면 요약해 솔직히 진짜 실제로 원래 어쩌다 " +
    "하필 굳이 벌써 특히 주로 대체로 어째서 왜냐하면 그러면 그래서 근데 그런데 그럼"
  ).split(" "),
);

// A Hangul run glued to a Latin or digit run ("H200은", "B40의") is usually a bare particle.
// "이란" is also Iran: a word, never dropped as a bare particle.
export const BARE_PARTICLES = new Set([
  ...SUFFIXES.map((x) => x.s).filter((p) => p !== "이란"),
  ...["와의", "과의", "에서의", "으로의", "로의", "이라", "라", "란", "이야", "야", "이요", "요", "에게는"],
]);

/** Character bigrams of a Hangul word, marked so they never collide with whole words. */
export function bigrams(stem: string): string[] {
  if (stem.length < 2) return [];
  const out: string[] = [];
  for (let i = 0; i + 2 <= stem.length; i++) out.push(`#${stem.slice(i, i + 2)}`);
  return out;
}
