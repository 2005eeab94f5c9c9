// Variables that look like settings but are none: a typo (SLAK_BOT_TOKEN), another tool's name
// (SLACK_TOKEN, DISCORD_BOT_TOKEN), a singular for a plural. Unread, they would leave a platform
// silently off; named at start-up with the closest real name, they are fixed in a minute.
import { SETTING_NAMES } from "./config.ts";

/** Names other tools and tutorials use for our settings. */
const ALIASES: Readonly<Record<string, string>> = {
  SLACK_TOKEN: "SLACK_BOT_TOKEN",
  SLACK_OAUTH_TOKEN: "SLACK_BOT_TOKEN",
  SLACK_BOT_OAUTH_TOKEN: "SLACK_BOT_TOKEN",
  SLACK_SECRET: "SLACK_SIGNING_SECRET",
  SLACK_APP_LEVEL_TOKEN: "SLACK_APP_TOKEN",
  SLACK_SOCKET_TOKEN: "SLACK_APP_TOKEN",
  DISCORD_BOT_TOKEN: "DISCORD_TOKEN",
  DISCORD_CLIENT_ID: "DISCORD_APPLICATION_ID",
  DISCORD_APP_ID: "DISCORD_APPLICATION_ID",
  DISCORD_SERVER_ID: "DISCORD_GUILD_ID",
  REDIS_HOST: "REDIS_URL",
};

/** Closer than this to a setting, a variable of any name is taken for a typo of it. */
const TYPO_DISTANCE = 2;
/** With one of our prefixes, a suggestion is made up to this distance. */
const SUGGEST_DISTANCE = 3;

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * One warning per variable that is set (not empty), is not a setting, and either starts with
 * one of the settings' prefixes (SLACK_, DISCORD_, DATA_, …, or CHOKEPOINT_) or is within two
 * edits of a setting; with the closest setting when there is one. PATH, HOME and the like are
 * far from every setting and never warned about.
 */
export function unknownSettingWarnings(env: Readonly<Record<string, string | undefined>>, known: readonly string[] = SETTING_NAMES): string[] {
  const names = new Set(known);
  const prefixes = new Set([...known.map((name) => name.slice(0, name.indexOf("_") + 1)).filter((p) => p !== ""), "CHOKEPOINT_"]);
  const warnings: string[] = [];
  for (const [variable, value] of Object.entries(env)) {
    if (names.has(variable) || value === undefined || value.trim() === "") continue;
    const upper = variable.toUpperCase();
    let closest: { name: string; distance: number } | null = null;
    for (const name of known) {
      const distance = editDistance(upper, name);
      if (closest === null || distance < closest.distance) closest = { name, distance };
    }
    const prefixed = [...prefixes].some((p) => upper.startsWith(p));
    const typo = closest !== null && closest.distance <= TYPO_DISTANCE;
    if (!prefixed && !typo) continue;
    const alias = ALIASES[upper];
    const suggestion = alias !== undefined && names.has(alias) ? alias : closest && closest.distance <= SUGGEST_DISTANCE ? closest.name : null;
    warnings.push(suggestion ? `${variable} is not a setting; did you mean ${suggestion}?` : `${variable} is not a setting (the settings are listed in .env.example)`);
  }
  return warnings.sort();
}
