// The /kb subcommands, once for every platform: Discord registers them from this list, and
// Slack's usage reply, its manifest's usage hint (checked by a test) and Discord's help are
// written from it, so a new subcommand cannot be missing from one of them.
import type { Lang } from "../../answer/types.ts";

export interface KbSubcommand {
  readonly name: "status" | "reload" | "rollback" | "gaps";
  /** Its argument as a usage line shows it, or "" for none. */
  readonly args: string;
  /** One line saying what it does, per language. */
  readonly description: Readonly<Record<Lang, string>>;
}

export const KB_SUBCOMMANDS: readonly KbSubcommand[] = Object.freeze([
  {
    name: "status",
    args: "",
    description: { en: "Show the knowledge base version and size", ko: "지식 베이스 버전과 규모를 봅니다" },
  },
  {
    name: "reload",
    args: "",
    description: {
      en: "Reload the knowledge base from disk and report what changed",
      ko: "지식 베이스를 디스크에서 다시 읽고 변경 내용을 보고합니다",
    },
  },
  {
    name: "rollback",
    args: "",
    description: {
      en: "Restore the knowledge base that served before the last reload",
      ko: "마지막으로 다시 읽기 전의 지식 베이스로 되돌립니다",
    },
  },
  {
    name: "gaps",
    args: "[days]",
    description: { en: "The most frequent unanswered questions of the last days", ko: "최근 답하지 못한 질문을 많은 순서로 봅니다" },
  },
]);

/** A subcommand as typed: "gaps [days]". */
export function kbSubcommandUsage(sub: KbSubcommand): string {
  return sub.args ? `${sub.name} ${sub.args}` : sub.name;
}

/** The usage hint of /kb: "status | reload | rollback | gaps [days]". */
export function kbUsageHint(): string {
  return KB_SUBCOMMANDS.map(kbSubcommandUsage).join(" | ");
}
