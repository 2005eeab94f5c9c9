// `/kb status`, `/kb reload`, `/kb rollback` and `/kb gaps [days]`, for the admins named in
// SLACK_ADMIN_USER_IDS. Anyone else gets a short refusal and nothing happens. A reload or
// rollback is acknowledged at once ("reloading…") and its report (or why it failed while the
// old knowledge base keeps serving) follows; one asked while another runs, on any platform
// of this process, is told so at once. Every reply goes to the admin only.
import type { App } from "@slack/bolt";
import { reloadBusyText, reloadStartedText } from "../../../shared/reload-gate.ts";
import {
  KB_USAGE_TEXT,
  NOT_ADMIN_TEXT,
  formatApology,
  formatGaps,
  formatPlain,
  formatReloadReport,
  formatStatus,
} from "../../format.ts";
import type { SlackDeps } from "../../deps.ts";

export function register(app: App, deps: SlackDeps): void {
  app.command("/kb", async ({ command, ack, respond }) => {
    await ack();
    const log = deps.logger.child({ command: "/kb", channel: command.channel_id, user: command.user_id });
    const reply = (message: ReturnType<typeof formatPlain>) => respond({ response_type: "ephemeral", ...message });

    if (!deps.adminUserIds.has(command.user_id)) {
      log.warn("slack: /kb refused: user is not an admin", { text: command.text.slice(0, 100) });
      await reply(formatPlain(NOT_ADMIN_TEXT));
      return;
    }

    const [sub = "", arg] = command.text.trim().toLowerCase().split(/\s+/u);
    try {
      if (sub === "reload" || sub === "rollback") {
        const actor = `slack:${command.user_id}`;
        const claim = deps.reloadGate.tryStart(sub, actor, () => (sub === "reload" ? deps.engine.reload(actor) : deps.engine.rollback(actor)));
        if (!claim.ok) {
          log.info(`slack: knowledge base ${sub} refused: one is running`, { running: claim.running.action, by: claim.running.actor });
          await reply(formatPlain(reloadBusyText(claim.running, "en")));
          return;
        }
        log.info(`slack: knowledge base ${sub} requested`);
        // Handled before the first await, so a failed acknowledgement cannot leave it unhandled.
        const outcome = claim.report.then(
          (report) => ({ report }),
          (error: unknown) => ({ error }),
        );
        await reply(formatPlain(reloadStartedText(sub, "en"))).catch((e: unknown) => log.warn("slack: could not acknowledge the reload", { err: e }));
        const settled = await outcome;
        if ("error" in settled) throw settled.error;
        const { report } = settled;
        (report.ok ? log.info : log.warn)(`slack: knowledge base ${sub} finished`, {
          ok: report.ok,
          version: report.version,
          errors: report.errors.length,
          ms: report.durationMs,
        });
        await reply(formatReloadReport(report, sub));
      } else if (sub === "gaps") {
        const days = Math.min(365, Math.max(1, Number(arg) || 7));
        if (!deps.engine.recentGaps) await reply(formatPlain("Unanswered questions are not recorded by this deployment."));
        else await reply(formatGaps(await deps.engine.recentGaps(days), days));
      } else if (sub === "status" || sub === "") {
        await reply(formatStatus(deps.engine.status()));
      } else {
        await reply(formatPlain(KB_USAGE_TEXT));
      }
    } catch (err) {
      log.error("slack: /kb failed", { err, sub });
      await reply(formatApology("en")).catch((e: unknown) => log.warn("slack: could not send the apology", { err: e }));
    }
  });
}
