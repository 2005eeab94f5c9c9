import { PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { classifyMessage, questionFromMessage } from "../../../src/bots/discord/messages.ts";
import { isKbAdmin, memberRoleIds } from "../../../src/bots/discord/permissions.ts";

const BOT = "1300000000000000001";

describe("classifyMessage", () => {
  it.each([
    ["a mention of the bot in a guild", { authorIsBot: false, guildId: "1", mentionedUserIds: [BOT] }, "mention"],
    ["a direct message", { authorIsBot: false, guildId: null, mentionedUserIds: [] }, "dm"],
    ["a message from a bot", { authorIsBot: true, guildId: "1", mentionedUserIds: [BOT] }, null],
    ["a DM from a bot", { authorIsBot: true, guildId: null, mentionedUserIds: [] }, null],
    ["@everyone without a mention of the bot", { authorIsBot: false, guildId: "1", mentionedUserIds: [] }, null],
    ["a mention of someone else", { authorIsBot: false, guildId: "1", mentionedUserIds: ["42"] }, null],
  ] as const)("classifies %s", (_, facts, expected) => {
    expect(classifyMessage({ ...facts, mentionedUserIds: [...facts.mentionedUserIds] }, BOT)).toBe(expected);
  });
});

describe("questionFromMessage", () => {
  it.each([
    [`<@${BOT}> H20 수출은 언제 재개됐나?`, "H20 수출은 언제 재개됐나?"],
    [`<@!${BOT}>   why\n the H20?  <@${BOT}>`, "why the H20?"],
    [`<@${BOT}>`, ""],
    [`ask <@42> about it`, "ask <@42> about it"],
  ])("turns %j into %j", (content, question) => {
    expect(questionFromMessage(content, BOT)).toBe(question);
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
