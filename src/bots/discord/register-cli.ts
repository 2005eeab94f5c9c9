// `npm run discord:register`: registers the slash commands for the configured application.
// Reads the same DISCORD_* variables as the bot; exits 1 with every problem listed.
import { parseDiscordConfig } from "./config.ts";
import { registerCommands } from "./register.ts";

async function main(): Promise<number> {
  const parsed = parseDiscordConfig(process.env);
  if (!parsed.enabled) {
    process.stderr.write("discord: not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README, Run it in Discord)\n");
    return 1;
  }
  if ("problems" in parsed) {
    process.stderr.write(`discord: invalid configuration:\n${parsed.problems.map((p) => `  - ${p}\n`).join("")}`);
    return 1;
  }
  const result = await registerCommands({ config: parsed.config });
  const where =
    result.scope === "guild"
      ? `in guild ${parsed.config.guildId} (available now)`
      : "globally";
  // Slash commands are lower-case names; a message command's name ("Ask Chokepoint") is shown as is.
  const names = result.registered.map((n) => (/^[\p{Ll}\p{N}_-]+$/u.test(n) ? `/${n}` : `“${n}”`));
  process.stdout.write(`Registered ${result.registered.length} commands ${where}: ${names.join(", ")}\n`);
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
