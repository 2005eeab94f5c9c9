// What the bots record in the state directory, beside the answers they give: every refusal
// (what users asked that the knowledge base does not cover) and every reload and rollback
// (who, when, result). Wrapping the engine keeps the answer core free of I/O and every
// adapter recording the same way.
import type { Engine, GapGroup, GapRecord } from "../../engine/engine-types.ts";
import type { Lang } from "../../answer/types.ts";
import type { ReloadReport } from "../../knowledge/report.ts";
import type { Logger } from "../../log.ts";
import { createFeedbackRecorder, currentVotes, type FeedbackRecorder } from "./feedback.ts";
import type { RecordLog, UnreadableRecord } from "../../shared/stream-log.ts";
import { createJsonlLog, cutField } from "./jsonl-log.ts";

export interface RefusalEntry {
  at: string;
  platform: string;
  question: string;
  lang: Lang;
  refusal: string;
  kbVersion: string;
}

export interface AdminEntry {
  at: string;
  platform: string;
  actor: string;
  action: "reload" | "rollback";
  ok: boolean;
  version: string;
  previousVersion: string | null;
  errors: string[];
  durationMs: number;
  articles: { added: number; removed: number; changed: number };
  facts: { added: number; removed: number; changed: number };
}

/** The bots' records: JSON-lines files in the state directory, or Redis streams shared by replicas (shared/shared-state.ts). */
export interface StateLogs {
  /** Where they are kept, for messages: the state directory, or the Redis streams' prefix. */
  readonly dir: string;
  readonly refusals: RecordLog<RefusalEntry>;
  readonly admin: RecordLog<AdminEntry>;
  readonly feedback: FeedbackRecorder;
}

export interface StateHooks {
  /** Told of rotations, repaired tails and unreadable lines. Default silent. */
  logger?: Logger;
  /** Called with the log's name ("refusals", "admin", "feedback") after a rotation dropped records. */
  onDropped?: (log: string, records: number) => void;
}

export function openState(stateDir: string, hooks: StateHooks = {}): StateLogs {
  const opened = (name: string) => ({
    stateDir,
    name,
    ...(hooks.logger ? { logger: hooks.logger } : {}),
    ...(hooks.onDropped ? { onDropped: (records: number) => hooks.onDropped?.(name, records) } : {}),
  });
  return {
    dir: stateDir,
    refusals: createJsonlLog<RefusalEntry>(opened("refusals")),
    admin: createJsonlLog<AdminEntry>(opened("admin")),
    feedback: createFeedbackRecorder(opened("feedback")),
  };
}

/** Refusals of real questions and down-voted answers (by each person's current vote), as gap records, and the lines that could not be read. */
export async function readGapRecords(state: StateLogs): Promise<{ records: GapRecord[]; unreadable: UnreadableRecord[] }> {
  const [refusals, votes] = await Promise.all([state.refusals.read(), state.feedback.read()]);
  return {
    records: [
      ...refusals.entries.map((r): GapRecord => ({ at: r.at, question: r.question, kind: "refused" })),
      ...currentVotes(votes.entries).flatMap((v): GapRecord[] => (v.vote === "down" && v.question ? [{ at: v.at, question: v.question, kind: "downvoted" }] : [])),
    ],
    unreadable: [...refusals.unreadable, ...votes.unreadable],
  };
}

const count = (c: { added: string[]; removed: string[]; changed: string[] }) => ({
  added: c.added.length,
  removed: c.removed.length,
  changed: c.changed.length,
});

export interface RecordingOptions {
  state: StateLogs;
  /** "slack", "discord", "terminal". */
  platform: string;
  logger: Logger;
  now?: () => Date;
}

/** An engine that records refusals and admin actions; recording failures are logged, never thrown. */
export function withRecording(engine: Engine, options: RecordingOptions): Engine {
  const { state, platform, logger } = options;
  const now = options.now ?? (() => new Date());
  const keep = (what: string, p: Promise<void>) => p.catch((err: unknown) => logger.warn(`state: could not record ${what}`, { err }));

  // The report says when its audit record could not be written: the admin would otherwise
  // believe the change was recorded.
  const admin = (action: AdminEntry["action"], actor: string) => async (report: ReloadReport): Promise<ReloadReport> => {
    const auditError = await state.admin
      .append({
        at: report.at,
        platform,
        actor,
        action,
        ok: report.ok,
        version: report.version,
        previousVersion: report.previousVersion,
        errors: report.errors.slice(0, 20).map((e) => `${e.file}${e.path ? `: ${e.path}` : ""}: ${e.message}`),
        durationMs: report.durationMs,
        articles: count(report.articles),
        facts: count(report.facts),
      })
      .then(
        () => null,
        (err: unknown) => {
          logger.warn(`state: could not record ${action}`, { err });
          return err instanceof Error ? err.message : String(err);
        },
      );
    return auditError === null ? report : { ...report, auditError };
  };

  return {
    ...engine,
    async ask(question) {
      const answer = await engine.ask(question);
      if (answer.refusal === "no-support") {
        void keep(
          "a refusal",
          state.refusals.append({
            at: now().toISOString(),
            platform,
            question: cutField(question, 1_000),
            lang: answer.lang,
            refusal: answer.refusal,
            kbVersion: answer.kbVersion,
          }),
        );
      }
      return answer;
    },
    reload: (actor) => engine.reload(actor).then(admin("reload", actor)),
    rollback: (actor) => engine.rollback(actor).then(admin("rollback", actor)),
    async recentGaps(days: number): Promise<GapGroup[]> {
      // Unreadable lines are logged by the log that found them.
      return engine.gaps((await readGapRecords(state)).records, { days, now: now() });
    },
  };
}
