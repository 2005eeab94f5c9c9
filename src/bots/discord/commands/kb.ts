// /kb reload | status — knowledge-base administration. Registered with
// default_member_permissions = ManageGuild and checked again here, since server admins can
// change who sees a command. Replies are ephemeral; reload always defers (it reads disk).
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from "discord.js";
import { formatReloadEmbed, formatStatusEmbed } from "../format.ts";
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

async function reload(interaction: ChatInputCommandInteraction, { engine, logger }: CommandContext): Promise<void> {
  const lang = langFromLocale(interaction.locale);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const actor = reloadActor(interaction);
  const report = await engine.reload(actor);
  logger.info("discord: /kb reload", {
    ok: report.ok,
    actor,
    version: report.version,
    previousVersion: report.previousVersion,
    errors: report.errors.length,
  });
  await interaction.editReply({ embeds: [formatReloadEmbed(report, lang)], allowedMentions: noMentions() });
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
    if (sub === "reload") {
      await reload(interaction, ctx);
    } else {
      await interaction.reply({
        embeds: [formatStatusEmbed(ctx.engine.status(), langFromLocale(interaction.locale))],
        flags: MessageFlags.Ephemeral,
        allowedMentions: noMentions(),
      });
    }
  },
};
