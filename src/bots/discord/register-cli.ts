// `npm run discord:register [-- --guild ID | --global]`: registers the slash commands for the
// configured application. Reads `.env` and the DISCORD_* variables exactly as `npm start`
// does; registers in DISCORD_GUILD_ID's server, or globally when it is unset (`--guild` and
// `--global` override it), clears the other scope, and says what it did. Exits 1 with every
// problem listed.
import { loadDotEnv } from "../../env-file.ts";
import { parseDiscordConfig, type DiscordConfig } from "./config.ts";
import { registerCommands, type RegisterResult } from "./register.ts";

const USAGE = "usage: npm run discord:register [-- --guild <server id> | --global]";

/** The scope asked for on the command line: a guild id, null for global, or undefined for the configured one. */
function parseScopeArgs(args: readonly string[]): { guildId?: string | null } | { problem: string } {
  if (args.length === 0) return {};
  if (args.length === 1 && args[0] === "--global") return { guildId: null };
  if (args.length === 2 && args[0] === "--guild") {
    const id = args[1] ?? "";
    return /^\d{1,20}$/.test(id) ? { guildId: id } : { problem: `--guild: must be a snowflake (a numeric server id), got ${JSON.stringify(id)}` };
  }
  return { problem: `unexpected arguments: ${args.join(" ")}` };
}

/** What the registration did, one line per step. */
function describeRegistration(result: RegisterResult, config: Pick<DiscordConfig, "guildId">): string {
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? "" : "s"}`;
  const where = result.scope === "guild" ? `in guild ${config.guildId} (available now)` : "globally";
  // Slash commands are lower-case names; a message command's name ("Ask Chokepoint") is shown as is.
  const names = result.registered.map((name) => (/^[\p{Ll}\p{N}_-]+$/u.test(name) ? `/${name}` : `“${name}”`));
  const lines = [`Registered ${n(result.registered.length, "command")} ${where}: ${names.join(", ")}`];
  if (result.scope === "guild") {
    lines.push(result.cleared.length > 0 ? `Cleared ${n(result.cleared[0]!.count, "global command")}.` : "No global commands to clear.");
  } else if (result.cleared.length === 0) {
    lines.push(`No guild commands to clear (checked ${n(result.checked, "server")}).`);
  } else {
    for (const c of result.cleared) lines.push(`Cleared ${n(c.count, "command")} registered in guild ${c.guildId}.`);
  }
  return lines.join("\n") + "\n";
}

async function main(): Promise<number> {
  const scope = parseScopeArgs(process.argv.slice(2));
  if ("problem" in scope) {
    process.stderr.write(`discord: ${scope.problem}\n${USAGE}\n`);
    return 1;
  }
  loadDotEnv();
  const parsed = parseDiscordConfig(process.env);
  if (!parsed.enabled) {
    process.stderr.write("discord: not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README, Run it in Discord)\n");
    return 1;
  }
  if ("problems" in parsed) {
    process.stderr.write(`discord: invalid configuration:\n${parsed.problems.map((p) => `  - ${p}\n`).join("")}`);
    return 1;
  }
  const config = scope.guildId === undefined ? parsed.config : { ...parsed.config, guildId: scope.guildId };
  const result = await registerCommands({ config });
  process.stdout.write(describeRegistration(result, config));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
