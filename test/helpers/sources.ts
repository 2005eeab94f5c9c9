// A large archive's list of sources, for the formatters of both platforms.
import type { SourceSummary } from "../../src/engine/engine-types.ts";

/** `count` sources titled "기사 {i}: 엔비디아 H20 수출 허가", newest first as the engine lists them. */
export function manySources(count: number): SourceSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    articleId: `a${i}`,
    title: `기사 ${i}: 엔비디아 H20 수출 허가`,
    outlet: "연합뉴스",
    publishedAt: "2025-07-15",
    dateApproximate: false,
    url: `https://example.com/${i}`,
    facts: 3,
  }));
}
