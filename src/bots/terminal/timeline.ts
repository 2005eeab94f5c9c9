// Plain-text rendering of a timeline, for the terminal and the timeline command.
import type { Timeline } from "../../engine/engine-types.ts";

export function renderTimeline(t: Timeline): string {
  const ko = t.lang === "ko";
  const head = t.topic
    ? ko
      ? `타임라인: ${t.topic}${t.matched.length ? ` (${t.matched.join(", ")})` : ""}`
      : `Timeline: ${t.topic}${t.matched.length ? ` (${t.matched.join(", ")})` : ""}`
    : ko
      ? "타임라인: 주요 사건"
      : "Timeline: key events";
  const lines = t.entries.map(
    (e) => `${e.when.padEnd(ko ? 16 : 22)} ${e.text}  [${e.citation.outlet}, ${e.citation.publishedAt}]`,
  );
  return [head, ...lines, ...(t.hint ? ["", t.hint] : [])].join("\n");
}
