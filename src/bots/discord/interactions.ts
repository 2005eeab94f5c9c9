// Dispatches slash commands to their { data, execute } objects (other interactions: see
// other-interactions.ts). A command that throws is
// logged with its cause and answered with an ephemeral apology; nothing escapes to the
// Client (whose unhandled listener errors would become `error` events).
import { MessageFlags, type Interaction } from "discord.js";
import type { Command, CommandContext } from "./commands/types.ts";
import { noMentions, sendApology } from "./respond.ts";
import { langFromLocale, stringsFor } from "./strings.ts";
import { handleOtherInteraction } from "./other-interactions.ts";

export function createInteractionHandler(
  commands: readonly Command[],
  ctx: CommandContext,
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  return async (interaction) => {
    if (!interaction.isChatInputCommand()) {
      await handleOtherInteraction(interaction, byName, ctx);
      return;
    }
    const started = Date.now();
    const logger = ctx.logger.child({
      interaction: interaction.id,
      command: interaction.commandName,
      user: interaction.user.id,
      guild: interaction.guildId,
    });
    const s = stringsFor(langFromLocale(interaction.locale));
    const command = byName.get(interaction.commandName);
    try {
      if (!command) {
        logger.warn("discord: unknown command");
        await interaction.reply({ content: s.unknownCommand, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
        return;
      }
      await command.execute(interaction, { ...ctx, logger });
      logger.debug("discord: command done", { ms: Date.now() - started });
    } catch (error) {
      logger.error("discord: command failed", { error, ms: Date.now() - started });
      try {
        await sendApology(interaction, s.apology);
      } catch (apologyError) {
        logger.error("discord: could not send the apology", { error: apologyError });
      }
    }
  };
}
