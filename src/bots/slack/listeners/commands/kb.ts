// `/kb status`, `/kb reload`, `/kb rollback` and `/kb gaps [days]`, for the admins named in SLACK_ADMIN_USER_IDS. Anyone else
// gets a short refusal and nothing happens. The reload runs after the ack; its report (or
// why it failed while the old knowledge base keeps serving) goes to the admin only.
import type { App } from "@slack/bolt";
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
  let reloading = false;

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
        if (reloading) {
          await reply(formatPlain("A reload is already running. Try `/kb status` when it has finished."));
          return;
        }
        reloading = true;
        try {
          log.info(`slack: knowledge base ${sub} requested`);
          const actor = `slack:${command.user_id}`;
          const report = sub === "reload" ? await deps.engine.reload(actor) : await deps.engine.rollback(actor);
          (report.ok ? log.info : log.warn)(`slack: knowledge base ${sub} finished`, {
            ok: report.ok,
            version: report.version,
            errors: report.errors.length,
            ms: report.durationMs,
          });
          await reply(formatReloadReport(report, sub));
        } finally {
          reloading = false;
        }
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
