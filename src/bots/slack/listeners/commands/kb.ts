// `/kb status` and `/kb reload`, for the admins named in SLACK_ADMIN_USER_IDS. Anyone else
// gets a short refusal and nothing happens. The reload runs after the ack; its report (or
// why it failed while the old knowledge base keeps serving) goes to the admin only.
import type { App } from "@slack/bolt";
import {
  KB_USAGE_TEXT,
  NOT_ADMIN_TEXT,
  formatApology,
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

    const sub = command.text.trim().toLowerCase();
    try {
      if (sub === "reload") {
        if (reloading) {
          await reply(formatPlain("A reload is already running. Try `/kb status` when it has finished."));
          return;
        }
        reloading = true;
        try {
          log.info("slack: knowledge base reload requested");
          const report = await deps.engine.reload(`slack:${command.user_id}`);
          (report.ok ? log.info : log.warn)("slack: knowledge base reload finished", {
            ok: report.ok,
            version: report.version,
            errors: report.errors.length,
            ms: report.durationMs,
          });
          await reply(formatReloadReport(report));
        } finally {
          reloading = false;
        }
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
