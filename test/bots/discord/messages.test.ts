import { PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { classifyMessage, questionFromMessage } from "../../../src/bots/discord/messages.ts";
import { decideKbAccess, isKbAdmin, memberRoleIds } from "../../../src/bots/discord/permissions.ts";

const BOT = "1300000000000000001";
const BOT_ROLE = "1300000000000000008";

describe("classifyMessage", () => {
  it.each([
    ["a mention of the bot in a guild", { authorIsBot: false, guildId: "1", mentionedUserIds: [BOT] }, "mention"],
    ["a direct message", { authorIsBot: false, guildId: null, mentionedUserIds: [] }, "dm"],
    ["a message from a bot", { authorIsBot: true, guildId: "1", mentionedUserIds: [BOT] }, null],
    ["a DM from a bot", { authorIsBot: true, guildId: null, mentionedUserIds: [] }, null],
    ["@everyone without a mention of the bot", { authorIsBot: false, guildId: "1", mentionedUserIds: [] }, null],
    ["a mention of someone else", { authorIsBot: false, guildId: "1", mentionedUserIds: ["42"] }, null],
    ["a mention of the bot's managed role", { authorIsBot: false, guildId: "1", mentionedUserIds: [], mentionedRoleIds: [BOT_ROLE] }, "mention"],
    ["a mention of another role", { authorIsBot: false, guildId: "1", mentionedUserIds: [], mentionedRoleIds: ["77"] }, null],
    ["a bot mentioning the managed role", { authorIsBot: true, guildId: "1", mentionedUserIds: [], mentionedRoleIds: [BOT_ROLE] }, null],
  ] as const)("classifies %s", (_, facts, expected) => {
    const roles = "mentionedRoleIds" in facts ? [...facts.mentionedRoleIds] : [];
    expect(classifyMessage({ ...facts, mentionedUserIds: [...facts.mentionedUserIds], mentionedRoleIds: roles }, BOT, BOT_ROLE)).toBe(expected);
  });

  it("takes no role mention for the bot when it has no managed role in the server", () => {
    expect(classifyMessage({ authorIsBot: false, guildId: "1", mentionedUserIds: [], mentionedRoleIds: [BOT_ROLE] }, BOT, null)).toBeNull();
  });
});

describe("questionFromMessage", () => {
  it.each([
    [`<@${BOT}> H20 수출은 언제 재개됐나?`, "H20 수출은 언제 재개됐나?"],
    [`<@!${BOT}>   why\n the H20?  <@${BOT}>`, "why the H20?"],
    [`<@${BOT}>`, ""],
    [`ask <@42> about it`, "ask <@42> about it"],
    [`<@&${BOT_ROLE}> H20이 뭐야?`, "H20이 뭐야?"],
    [`<@&77> H20`, "<@&77> H20"],
  ])("turns %j into %j", (content, question) => {
    expect(questionFromMessage(content, BOT, BOT_ROLE)).toBe(question);
  });
});

describe("isKbAdmin", () => {
  const perms = (...flags: bigint[]) => new PermissionsBitField(flags);

  it.each([
    ["Manage Server", { permissions: perms(PermissionsBitField.Flags.ManageGuild), roleIds: [] }, true],
    ["Administrator", { permissions: perms(PermissionsBitField.Flags.Administrator), roleIds: [] }, true],
    ["an admin role", { permissions: perms(), roleIds: ["7"] }, true],
    ["neither", { permissions: perms(PermissionsBitField.Flags.SendMessages), roleIds: ["8"] }, false],
    ["no member (DM)", { permissions: null, roleIds: [] }, false],
  ] as const)("decides for %s", (_, access, expected) => {
    expect(isKbAdmin({ permissions: access.permissions, roleIds: [...access.roleIds] }, ["7"])).toBe(expected);
  });

  it("reads role ids from a raw API member and from a cached member", () => {
    expect(memberRoleIds({ roles: ["1", "2"] })).toEqual(["1", "2"]);
    expect(memberRoleIds({ roles: { cache: new Map([["3", {}]]) } })).toEqual(["3"]);
    expect(memberRoleIds(null)).toEqual([]);
  });
});

describe("decideKbAccess", () => {
  const perms = (...flags: bigint[]) => new PermissionsBitField(flags);
  const ADMIN_GUILD = "100";
  const STRANGER_GUILD = "200";
  const ROLE = "7";
  const rolesOf = (guildId: string) => new Set(guildId === ADMIN_GUILD ? [ROLE] : []);
  const manager = (guildId: string) => ({ guildId, permissions: perms(PermissionsBitField.Flags.ManageGuild), roleIds: [], guildRoles: rolesOf(guildId) });
  const roleHolder = (guildId: string) => ({ guildId, permissions: perms(), roleIds: [ROLE], guildRoles: rolesOf(guildId) });
  const nobody = (guildId: string) => ({ guildId, permissions: perms(), roleIds: [], guildRoles: rolesOf(guildId) });

  it.each([
    ["admin servers listed: a manager there", manager(ADMIN_GUILD), { adminGuildIds: [ADMIN_GUILD], adminRoleIds: [] }, { ok: true }],
    ["admin servers listed: a role holder there", roleHolder(ADMIN_GUILD), { adminGuildIds: [ADMIN_GUILD], adminRoleIds: [ROLE] }, { ok: true }],
    ["admin servers listed: a plain member there", nobody(ADMIN_GUILD), { adminGuildIds: [ADMIN_GUILD], adminRoleIds: [ROLE] }, { ok: false, reason: "member" }],
    ["admin servers listed: a manager elsewhere", manager(STRANGER_GUILD), { adminGuildIds: [ADMIN_GUILD], adminRoleIds: [] }, { ok: false, reason: "guild" }],
    ["admin servers listed: the role's id elsewhere", roleHolder(STRANGER_GUILD), { adminGuildIds: [ADMIN_GUILD], adminRoleIds: [ROLE] }, { ok: false, reason: "guild" }],
    ["no servers listed: a role holder in the role's server", roleHolder(ADMIN_GUILD), { adminRoleIds: [ROLE] }, { ok: true }],
    ["no servers listed: a manager in the role's server", manager(ADMIN_GUILD), { adminRoleIds: [ROLE] }, { ok: false, reason: "member" }],
    ["no servers listed: a manager elsewhere", manager(STRANGER_GUILD), { adminRoleIds: [ROLE] }, { ok: false, reason: "guild" }],
    ["no servers listed: the role's id where it does not exist", roleHolder(STRANGER_GUILD), { adminRoleIds: [ROLE] }, { ok: false, reason: "guild" }],
    ["no servers listed: the server's roles unknown", { ...roleHolder(ADMIN_GUILD), guildRoles: null }, { adminRoleIds: [ROLE] }, { ok: false, reason: "guild" }],
    ["nothing configured: a manager", manager(ADMIN_GUILD), { adminGuildIds: [], adminRoleIds: [] }, { ok: false, reason: "guild" }],
  ] as const)("decides for %s", (_, access, policy, expected) => {
    expect(decideKbAccess({ ...access, roleIds: [...access.roleIds] }, { adminRoleIds: [...policy.adminRoleIds], adminGuildIds: "adminGuildIds" in policy ? [...policy.adminGuildIds] : undefined })).toEqual(expected);
  });
});
