// Text helpers shared by the loader and the index: whitespace-insensitive quote checks and
// sentence splitting of article bodies.

/** Collapses every run of whitespace to one space and applies Unicode NFC. */
export function normalizeSpace(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** The parts of a quote; " … " (or "...") joins non-adjacent parts of one passage. */
export function quoteParts(quote: string): string[] {
  return quote
    .split(/\s*(?:…|\.\.\.)\s*/u)
    .map(normalizeSpace)
    .filter((p) => p.length > 0);
}

/** True when every part of the quote occurs in the text, whitespace normalized. */
export function quoteOccursIn(quote: string, text: string): boolean {
  return quoteOccursInNormalized(quote, normalizeSpace(text));
}

/** The same, with the text normalized already (by normalizeSpace): one article, many quotes. */
export function quoteOccursInNormalized(quote: string, normalizedText: string): boolean {
  const parts = quoteParts(quote);
  return parts.length > 0 && parts.every((p) => normalizedText.includes(p));
}

/**
 * Splits a body into sentences: at line breaks, and after sentence-final punctuation
 * followed by a space. Korean sentences end in "다." / "요." etc., so "." is enough; a
 * period inside a number ("5.5") is not followed by a space and is kept.
 */
export function splitSentences(body: string): string[] {
  const out: string[] = [];
  for (const para of body.split(/\n+/u)) {
    const line = para.trim();
    if (!line) continue;
    // Split after . ! ? (optionally followed by closing quotes/brackets) and a space. Some
    // outlets set the period apart ("방침이다 ."), so a Korean syllable, a space and a period
    // end a sentence too.
    const parts = line.split(/(?<=(?:[^\s]|[\uAC00-\uD7A3] )[.!?]["”’')\]]?)\s+(?=\S)/u);
    for (const p of parts) {
      const s = p.trim();
      if (s) out.push(s);
    }
  }
  return out;
}
