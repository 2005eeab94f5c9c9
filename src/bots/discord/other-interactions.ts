// Interactions other than slash commands: autocomplete of a command's option, the "Ask
// Chokepoint" message command, and clicks on follow-up buttons. Failures are logged and, where
// the interaction can still be answered, apologized for; nothing escapes to the Client.
import type { Interaction } from "discord.js";
import { askAboutMessageCommand } from "./commands/ask-about-message.ts";
import type { Command, CommandContext } from "./commands/types.ts";
import { answerFollowUpClick } from "./follow-up-click.ts";
import { followUpQuestion } from "./follow-up-components.ts";
import { sendApology } from "./respond.ts";
import { langFromLocale, stringsFor } from "./strings.ts";

export async function handleOtherInteraction(interaction: Interaction, commands: ReadonlyMap<string, Command>, ctx: CommandContext): Promise<void> {
  const logger = ctx.logger.child({ interaction: interaction.id, kind: interaction.type, user: interaction.user.id, guild: interaction.guildId });
  if (interaction.isAutocomplete()) {
    try {
      await commands.get(interaction.commandName)?.autocomplete?.(interaction, { ...ctx, logger });
    } catch (error) {
      // Nothing to apologize with: the user just sees no suggestions.
      logger.warn("discord: autocomplete failed", { command: interaction.commandName, error });
    }
    return;
  }
  try {
    if (interaction.isMessageContextMenuCommand() && interaction.commandName === askAboutMessageCommand.data.name) {
      await askAboutMessageCommand.execute(interaction, { ...ctx, logger });
    } else if (interaction.isButton()) {
      const question = followUpQuestion(interaction.customId);
      if (question !== null) await answerFollowUpClick(interaction, question, { ...ctx, logger });
    }
  } catch (error) {
    logger.error("discord: interaction failed", { error });
    if (!interaction.isRepliable()) return;
    try {
      await sendApology(interaction, stringsFor(langFromLocale(interaction.locale)).apology);
    } catch (apologyError) {
      logger.error("discord: could not send the apology", { error: apologyError });
    }
  }
}
