// /kb reload | rollback | gaps | status — knowledge-base administration. Registered with
// default_member_permissions = ManageGuild and checked again here, since server admins can
// change who sees a command. Replies are ephemeral; reload always defers (it reads disk).
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from "discord.js";
import { formatGapsEmbed, formatReloadEmbed, formatStatusEmbed } from "../format.ts";
import { isKbAdmin, memberRoleIds } from "../permissions.ts";
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
  { engine, logger }: CommandContext,
  action: "reload" | "rollback",
): Promise<void> {
  const lang = langFromLocale(interaction.locale);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const actor = reloadActor(interaction);
  const report = action === "reload" ? await engine.reload(actor) : await engine.rollback(actor);
  logger.info(`discord: /kb ${action}`, {
    ok: report.ok,
    actor,
    version: report.version,
    previousVersion: report.previousVersion,
    errors: report.errors.length,
  });
  await interaction.editReply({ embeds: [formatReloadEmbed(report, lang, action)], allowedMentions: noMentions() });
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

export const kbCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("kb")
    .setDescription("Knowledge base administration (server managers)")
    .setDescriptionLocalizations({ ko: "지식 베이스 관리 (서버 관리자)" })
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName("reload")
        .setDescription("Reload the knowledge base from disk and report what changed")
        .setDescriptionLocalizations({ ko: "지식 베이스를 디스크에서 다시 읽고 변경 내용을 보고합니다" }),
    )
    .addSubcommand((sub) =>
      sub
        .setName("rollback")
        .setDescription("Restore the knowledge base that served before the last reload")
        .setDescriptionLocalizations({ ko: "마지막으로 다시 읽기 전의 지식 베이스로 되돌립니다" }),
    )
    .addSubcommand((sub) =>
      sub
        .setName("gaps")
        .setDescription("The most frequent unanswered questions of the last days")
        .setDescriptionLocalizations({ ko: "최근 답하지 못한 질문을 많은 순서로 봅니다" })
        .addIntegerOption((o) =>
          o
            .setName("days")
            .setDescription("How many days back (default 7)")
            .setDescriptionLocalizations({ ko: "며칠 전까지 (기본 7일)" })
            .setMinValue(1)
            .setMaxValue(365),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName("status")
        .setDescription("Show the knowledge base version and size")
        .setDescriptionLocalizations({ ko: "지식 베이스 버전과 규모를 봅니다" }),
    ),

  async execute(interaction, ctx) {
    const s = stringsFor(langFromLocale(interaction.locale));
    if (!interaction.inGuild()) {
      await refuse(interaction, s.guildOnly);
      return;
    }
    const access = { permissions: interaction.memberPermissions, roleIds: memberRoleIds(interaction.member) };
    if (!isKbAdmin(access, ctx.config.adminRoleIds)) {
      ctx.logger.warn("discord: /kb refused: not an admin", { subcommand: interaction.options.getSubcommand(false) });
      await refuse(interaction, s.notAdmin);
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
