// Variables that look like settings but are none are named, with the closest real name; the
// settings' one list (the schemas) matches .env.example and README's configuration table.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SETTING_NAMES } from "../src/config.ts";
import { editDistance, unknownSettingWarnings } from "../src/config-warnings.ts";

const ROOT = join(import.meta.dirname, "..");

describe("editDistance", () => {
  it.each([
    ["SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN", 0],
    ["SLAK_BOT_TOKEN", "SLACK_BOT_TOKEN", 1],
    ["DISCORD_ADMIN_ROLE_ID", "DISCORD_ADMIN_ROLE_IDS", 1],
    ["LOGLEVEL", "LOG_LEVEL", 1],
    ["", "ABC", 3],
    ["KITTEN", "SITTING", 3],
  ])("counts %s to %s as %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe("unknownSettingWarnings", () => {
  it.each([
    ["SLACK_TOKEN", "SLACK_TOKEN is not a setting; did you mean SLACK_BOT_TOKEN?"],
    ["DISCORD_BOT_TOKEN", "DISCORD_BOT_TOKEN is not a setting; did you mean DISCORD_TOKEN?"],
    ["SLAK_BOT_TOKEN", "SLAK_BOT_TOKEN is not a setting; did you mean SLACK_BOT_TOKEN?"],
    ["DISCORD_ADMIN_ROLE_ID", "DISCORD_ADMIN_ROLE_ID is not a setting; did you mean DISCORD_ADMIN_ROLE_IDS?"],
    ["SLACK_SIGNING_SECRT", "SLACK_SIGNING_SECRT is not a setting; did you mean SLACK_SIGNING_SECRET?"],
    ["DATADIR", "DATADIR is not a setting; did you mean DATA_DIR?"],
    ["slack_bot_token", "slack_bot_token is not a setting; did you mean SLACK_BOT_TOKEN?"],
    ["CHOKEPOINT_DATA", "CHOKEPOINT_DATA is not a setting (the settings are listed in .env.example)"],
    ["SLACK_CLIENT_ID", "SLACK_CLIENT_ID is not a setting (the settings are listed in .env.example)"],
  ])("names %s", (variable, warning) => {
    expect(unknownSettingWarnings({ [variable]: "x" })).toEqual([warning]);
  });

  it("says nothing of the settings themselves, of empty variables, or of the system's own", () => {
    const env: Record<string, string> = Object.fromEntries(SETTING_NAMES.map((name) => [name, "x"]));
    Object.assign(env, { SLACK_TOKEN: "", PATH: "/usr/bin", HOME: "/home/a", TMPDIR: "/tmp", PWD: "/srv", LANG: "C.UTF-8", NODE_ENV: "production", NODE_OPTIONS: "--max-old-space-size=8192", HOSTNAME: "bot-1", npm_config_cache: "/c", DATABASE_URL: "postgres://" });
    expect(unknownSettingWarnings(env)).toEqual([]);
  });

  it("names several at once, in order", () => {
    expect(unknownSettingWarnings({ SLACK_TOKEN: "xoxb-1", DISCORD_BOT_TOKEN: "t", PATH: "/bin" })).toEqual([
      "DISCORD_BOT_TOKEN is not a setting; did you mean DISCORD_TOKEN?",
      "SLACK_TOKEN is not a setting; did you mean SLACK_BOT_TOKEN?",
    ]);
  });
});

describe("the settings' one list", () => {
  it("is the list of .env.example", () => {
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    const listed = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gmu)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...SETTING_NAMES].sort());
  });

  it("is in README's configuration table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const table = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gmu)].map((m) => m[1]);
    expect(SETTING_NAMES.filter((name) => !table.includes(name))).toEqual([]);
  });
});
