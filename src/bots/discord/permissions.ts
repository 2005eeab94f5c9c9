// Who may administer the knowledge base from Discord. The /kb command carries
// default_member_permissions = ManageGuild, but server admins can change a command's
// permissions, so the handler checks again here.
import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";

export interface MemberAccess {
  /** The member's permissions in the channel, as Discord computed them (null outside a guild). */
  permissions: Readonly<PermissionsBitField> | null;
  roleIds: readonly string[];
}

/** True for members with Manage Server (or Administrator), or one of the configured admin roles. */
export function isKbAdmin(access: MemberAccess, adminRoleIds: readonly string[]): boolean {
  if (access.permissions?.has(PermissionFlagsBits.ManageGuild, true)) return true;
  return access.roleIds.some((id) => adminRoleIds.includes(id));
}

/** Role ids of an interaction member, whether discord.js cached it (GuildMember) or not (raw API member). */
export function memberRoleIds(member: { roles: readonly string[] | { cache: { keys(): Iterable<string> } } } | null): string[] {
  if (!member) return [];
  const roles = member.roles;
  if (Array.isArray(roles)) return [...(roles as readonly string[])];
  return [...(roles as { cache: { keys(): Iterable<string> } }).cache.keys()];
}
