// `/sources <words>`: the articles whose title, outlet, id or date holds every word, for
// narrowing a large archive's list to what fits a message.
import type { SourceSummary } from "../../engine/engine-types.ts";

/** The sources matching every word of `query` (case-insensitive), in their order; all of them for an empty query. */
export function filterSources(sources: readonly SourceSummary[], query: string): readonly SourceSummary[] {
  const words = query.toLowerCase().split(/\s+/u).filter((w) => w !== "");
  if (words.length === 0) return sources;
  return sources.filter((a) => {
    const haystack = `${a.title}\n${a.outlet}\n${a.articleId}\n${a.publishedAt}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
