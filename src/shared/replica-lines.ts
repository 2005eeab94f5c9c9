// The replicas of /kb status as plain lines, for every platform's formatter.
import type { ReplicaStatus } from "../knowledge/report.ts";

export type LinesLang = "ko" | "en";

/** "replica-a (this one): 3f2a… " and so on; empty without replicas. */
export function replicaLines(replicas: readonly ReplicaStatus[] | undefined, lang: LinesLang): string[] {
  if (!replicas || replicas.length === 0) return [];
  const versions = new Set(replicas.filter((r) => !r.stale).map((r) => r.version));
  const head =
    lang === "ko"
      ? `복제본 ${replicas.length}개${versions.size > 1 ? " — 버전이 서로 다릅니다" : ""}:`
      : `Replicas (${replicas.length})${versions.size > 1 ? ", not all on the same version" : ""}:`;
  return [
    head,
    ...replicas.map((r) => {
      const self = r.self ? (lang === "ko" ? " (이 복제본)" : " (this one)") : "";
      const failed = r.failed
        ? lang === "ko"
          ? ` — ${r.failed.version} 불러오기 실패: ${r.failed.reason}`
          : ` — failed to load ${r.failed.version}: ${r.failed.reason}`
        : "";
      const stale = r.stale ? (lang === "ko" ? ` — ${r.seenAt} 이후 응답 없음` : ` — not heard from since ${r.seenAt}`) : "";
      return `• ${r.id}${self}: ${lang === "ko" ? "버전" : "version"} ${r.version}${failed}${stale}`;
    }),
  ];
}
