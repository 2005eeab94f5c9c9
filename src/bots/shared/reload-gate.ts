// One reload or rollback at a time per process, whichever platform asked. A second one asked
// while one runs is told at once which one runs, by whom and since when, instead of waiting
// in the store's queue for minutes and then reloading the same files again.
import { withJosa } from "../../answer/josa.ts";
import type { Lang } from "../../answer/types.ts";
import type { ReloadReport } from "../../knowledge/report.ts";
import type { KbAction } from "../../shared/replicas.ts";

export type { KbAction };

export interface RunningReload {
  readonly action: KbAction;
  /** Who asked, as the adapter names them ("slack:U123", "discord:minji (42)"). */
  readonly actor: string;
  readonly startedAt: Date;
}

export type ReloadClaim =
  | { ok: true; report: Promise<ReloadReport> }
  | { ok: false; running: RunningReload };

export interface ReloadGate {
  /** The reload or rollback running now, or null. */
  running(): RunningReload | null;
  /**
   * Starts `work` at once unless a reload or rollback runs; then `work` is not called and the
   * running one is returned. The claim is taken synchronously, so two requests arriving
   * together cannot both start.
   */
  tryStart(action: KbAction, actor: string, work: () => Promise<ReloadReport>): ReloadClaim;
}

export function createReloadGate(now: () => Date = () => new Date()): ReloadGate {
  let current: RunningReload | null = null;
  return {
    running: () => current,
    tryStart(action, actor, work) {
      if (current) return { ok: false, running: current };
      const mine: RunningReload = Object.freeze({ action, actor, startedAt: now() });
      current = mine;
      const release = () => {
        if (current === mine) current = null;
      };
      let report: Promise<ReloadReport>;
      try {
        report = work();
      } catch (error) {
        report = Promise.reject(error);
      }
      return { ok: true, report: report.finally(release) };
    },
  };
}

/** The acknowledgement sent at once, before the reload's report. */
export function reloadStartedText(action: KbAction, lang: Lang): string {
  if (lang === "ko") {
    return action === "reload"
      ? "지식 베이스를 다시 읽는 중입니다… 끝나면 여기에 결과를 알려 드립니다."
      : "지식 베이스를 되돌리는 중입니다… 끝나면 여기에 결과를 알려 드립니다.";
  }
  return action === "reload"
    ? "Reloading the knowledge base… the report follows here when it is done."
    : "Rolling back the knowledge base… the report follows here when it is done.";
}

/** The answer to a reload or rollback asked while another runs: which, by whom, since when. */
export function reloadBusyText(running: RunningReload, lang: Lang, now: Date = new Date()): string {
  const at = `${running.startedAt.toISOString().slice(11, 19)} UTC`;
  const seconds = Math.max(0, Math.round((now.getTime() - running.startedAt.getTime()) / 1000));
  if (lang === "ko") {
    const what = running.action === "reload" ? "다시 읽기" : "되돌리기";
    return `이미 지식 베이스 ${withJosa(what, "이/가")} 진행 중입니다 (${running.actor}, ${at} 시작, ${seconds}초 전). 끝난 뒤 \`/kb status\` 로 확인해 주세요.`;
  }
  const what = running.action === "reload" ? "reload" : "rollback";
  return `A knowledge base ${what} is already running (started by ${running.actor} at ${at}, ${seconds} s ago). Try \`/kb status\` when it has finished.`;
}
