// English: a light stemmer and the words that carry no content.

/** A light English stemmer: both sides of every match go through it, so consistency matters more than linguistics. */
export function stemEnglish(word: string): string {
  let w = word.toLowerCase();
  // Plural model names: "H100s" → "h100", "H20s" → "h20".
  if (/^[a-z]+\d+[a-z]?s$/u.test(w) && !/\d(?:nm|s)$/u.test(w.slice(0, -1))) return w.slice(0, -1);
  if (w.length <= 3 || /\d/u.test(w)) return w;
  const rules: Array<[RegExp, string]> = [
    [/ies$/u, "y"],
    [/ied$/u, "y"],
    [/(ss)es$/u, "$1"],
    [/([^s])s$/u, "$1"],
  ];
  for (const [re, rep] of rules) {
    if (re.test(w)) {
      w = w.replace(re, rep);
      break;
    }
  }
  const suffixes = ["ational", "ations", "ation", "ingly", "edly", "ments", "ment", "ings", "ing", "ness", "ers", "ed", "er", "ly", "al", "ive"];
  for (const s of suffixes) {
    // "-ly" marks adverbs only on longer words ("currently"), not "supply" or "apply".
    if (w.endsWith(s) && w.length - s.length >= (s === "ly" ? 5 : 4)) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/u.test(w) && !/(ll|ss|zz)$/u.test(w)) w = w.slice(0, -1);
  return w;
}

export const STOP_EN = new Set(
  (
    "a an the of to in on at by for from with about into over under as and or but if then than so that this these those " +
    "is are was were be been being am do does did done doing have has had having will would shall should can could may might must " +
    "what which who whom whose when where why how whats who's what's much many any some all each every there here it its it's " +
    "they them their he him his she her we us our you your i me my mine not no yes also just only very more most " +
    "tell say said says saying explain describe please according article report reported news give show know let " +
    "get got put make made take took go went come came thing things something anything happen happened " +
    "story deal way stuff info information detail details yo hey hi ok okay like really even actually exactly basically " +
    "now current currently still today latest anymore nowadays moment policy situation status change changed " +
    "date dates outlet outlets newspaper newspapers media publication reason reasons motive motives rationale purpose " +
    "cause caused causes causing era due suddenly briefly simply exactly roughly approximately overall anyway ever " +
    "s t d ll ve re won"
  ).split(" "),
);
