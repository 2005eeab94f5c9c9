// Who may administer the knowledge base from Discord. The /kb command carries
// default_member_permissions = ManageGuild, but server admins can change a command's
// permissions, and a public bot can be added to any server, where a stranger has Manage
// Server: so the handler decides here, by server first and by member second.
import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";

export interface MemberAccess {
  /** The member's permissions in the channel, as Discord computed them (null outside a guild). */
  permissions: Readonly<PermissionsBitField> | null;
  roleIds: readonly string[];
}

export interface KbAccess extends MemberAccess {
  guildId: string;
  /** The roles that exist in the interaction's server (its cached roles); null when the bot does not have it cached. */
  guildRoles: { has(roleId: string): boolean } | null;
}

export interface KbPolicy {
  adminGuildIds?: readonly string[] | undefined;
  adminRoleIds: readonly string[];
}

/** Allowed, or why not: "guild" (/kb is not enabled in this server) or "member" (not an admin here). */
export type KbDecision = { ok: true } | { ok: false; reason: "guild" | "member" };

/** True for members with Manage Server (or Administrator), or one of the configured admin roles. */
export function isKbAdmin(access: MemberAccess, adminRoleIds: readonly string[]): boolean {
  if (access.permissions?.has(PermissionFlagsBits.ManageGuild, true)) return true;
  return access.roleIds.some((id) => adminRoleIds.includes(id));
}

/**
 * The rule for /kb:
 * - With DISCORD_ADMIN_GUILD_IDS: only in a listed server, to a member with Manage Server (or
 *   Administrator) or an admin role. Anywhere else it is refused, whatever the permissions.
 * - Without it: only to a member holding an admin role, in the server that role belongs to
 *   (a role id exists in one server only, so the role names its server). Manage Server alone
 *   is not enough anywhere; with no admin role either, /kb is refused everywhere.
 */
export function decideKbAccess(access: KbAccess, policy: KbPolicy): KbDecision {
  const adminGuilds = policy.adminGuildIds ?? [];
  if (adminGuilds.length > 0) {
    if (!adminGuilds.includes(access.guildId)) return { ok: false, reason: "guild" };
    return isKbAdmin(access, policy.adminRoleIds) ? { ok: true } : { ok: false, reason: "member" };
  }
  const rolesHere = policy.adminRoleIds.filter((id) => access.guildRoles?.has(id) ?? false);
  if (rolesHere.length === 0) return { ok: false, reason: "guild" };
  return access.roleIds.some((id) => rolesHere.includes(id)) ? { ok: true } : { ok: false, reason: "member" };
}

/** Role ids of an interaction member, whether discord.js cached it (GuildMember) or not (raw API member). */
export function memberRoleIds(member: { roles: readonly string[] | { cache: { keys(): Iterable<string> } } } | null): string[] {
  if (!member) return [];
  const roles = member.roles;
  if (Array.isArray(roles)) return [...(roles as readonly string[])];
  return [...(roles as { cache: { keys(): Iterable<string> } }).cache.keys()];
}
