// /kb status | reload | rollback | gaps — knowledge-base administration. Registered with
// default_member_permissions = ManageGuild and decided again here, by server and by member
// (permissions.ts). Every reply is ephemeral. A reload or rollback is acknowledged at once
// ("reloading…") and the reply is edited into its report; one asked while another runs (on
// any platform of this process) is told so at once.
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from "discord.js";
import { KB_SUBCOMMANDS } from "../../shared/kb-subcommands.ts";
import { reloadBusyText, reloadStartedText, type KbAction } from "../../shared/reload-gate.ts";
import { formatGapsEmbed, formatReloadEmbed, formatStatusEmbed } from "../format.ts";
import { decideKbAccess, memberRoleIds } from "../permissions.ts";
import { noMentions } from "../respond.ts";
import { langFromLocale, stringsFor } from "../strings.ts";
import type { Command, CommandContext } from "./types.ts";

/** How a reload is attributed in the report and the logs. */
export function reloadActor(interaction: ChatInputCommandInteraction): string {
  return `discord:${interaction.user.username} (${interaction.user.id})`;
}

async function refuse(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
}

async function reload(
  interaction: ChatInputCommandInteraction,
  { engine, logger, reloadGate }: CommandContext,
  action: KbAction,
): Promise<void> {
  const lang = langFromLocale(interaction.locale);
  const actor = reloadActor(interaction);
  const claim = reloadGate.tryStart(action, actor, () => (action === "reload" ? engine.reload(actor) : engine.rollback(actor)));
  if (!claim.ok) {
    logger.info(`discord: /kb ${action} refused: one is running`, { running: claim.running.action, by: claim.running.actor });
    await refuse(interaction, reloadBusyText(claim.running, lang));
    return;
  }
  // Settled before the first await, so a failed acknowledgement cannot leave it unhandled.
  const outcome = claim.report.then(
    (report) => ({ report }),
    (error: unknown) => ({ error }),
  );
  await interaction.reply({ content: reloadStartedText(action, lang), flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
  const settled = await outcome;
  if ("error" in settled) {
    logger.error(`discord: /kb ${action} failed`, { error: settled.error, actor });
    await interaction.editReply({ content: stringsFor(lang).apology, embeds: [], allowedMentions: noMentions() });
    return;
  }
  const { report } = settled;
  logger.info(`discord: /kb ${action}`, {
    ok: report.ok,
    actor,
    version: report.version,
    previousVersion: report.previousVersion,
    errors: report.errors.length,
  });
  await interaction.editReply({ content: "", embeds: [formatReloadEmbed(report, lang, action)], allowedMentions: noMentions() });
}

async function gaps(interaction: ChatInputCommandInteraction, { engine }: CommandContext): Promise<void> {
  const lang = langFromLocale(interaction.locale);
  const days = interaction.options.getInteger("days") ?? 7;
  if (!engine.recentGaps) {
    await refuse(interaction, stringsFor(lang).gapsNotRecorded);
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const groups = await engine.recentGaps(days);
  await interaction.editReply({ embeds: [formatGapsEmbed(groups, days, lang)], allowedMentions: noMentions() });
}

const data = new SlashCommandBuilder()
  .setName("kb")
  .setDescription("Knowledge base administration (admins)")
  .setDescriptionLocalizations({ ko: "지식 베이스 관리 (관리자)" })
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);
for (const sub of KB_SUBCOMMANDS) {
  data.addSubcommand((builder) => {
    builder.setName(sub.name).setDescription(sub.description.en).setDescriptionLocalizations({ ko: sub.description.ko });
    if (sub.name === "gaps") {
      builder.addIntegerOption((o) =>
        o
          .setName("days")
          .setDescription("How many days back (default 7)")
          .setDescriptionLocalizations({ ko: "며칠 전까지 (기본 7일)" })
          .setMinValue(1)
          .setMaxValue(365),
      );
    }
    return builder;
  });
}

export const kbCommand: Command = {
  data,

  async execute(interaction, ctx) {
    const s = stringsFor(langFromLocale(interaction.locale));
    if (!interaction.inGuild()) {
      await refuse(interaction, s.guildOnly);
      return;
    }
    const decision = decideKbAccess(
      {
        guildId: interaction.guildId,
        permissions: interaction.memberPermissions,
        roleIds: memberRoleIds(interaction.member),
        guildRoles: interaction.guild?.roles.cache ?? null,
      },
      ctx.config,
    );
    if (!decision.ok) {
      ctx.logger.warn(decision.reason === "guild" ? "discord: /kb refused: not an admin server" : "discord: /kb refused: not an admin", {
        subcommand: interaction.options.getSubcommand(false),
      });
      await refuse(interaction, decision.reason === "guild" ? s.notAdminGuild : s.notAdmin);
      return;
    }
    const sub = interaction.options.getSubcommand(true);
    if (sub === "reload" || sub === "rollback") {
      await reload(interaction, ctx, sub);
    } else if (sub === "gaps") {
      await gaps(interaction, ctx);
    } else {
      await interaction.reply({
        embeds: [formatStatusEmbed(ctx.engine.status(), langFromLocale(interaction.locale))],
        flags: MessageFlags.Ephemeral,
        allowedMentions: noMentions(),
      });
    }
  },
};
