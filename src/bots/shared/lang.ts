// The language of a piece of user text, for choosing UI strings before an answer exists
// (help, usage). Answers carry their own `lang`, decided by the answer core.
import type { Lang } from "../../answer/types.ts";

const hangul = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]/;

/** "ko" when the text contains Hangul, else `fallback` ("en" unless told). */
export function detectLang(text: string, fallback: Lang = "en"): Lang {
  if (hangul.test(text)) return "ko";
  return text.trim() === "" ? fallback : "en";
}
