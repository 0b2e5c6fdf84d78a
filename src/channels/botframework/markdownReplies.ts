import type { TurnContext } from 'botbuilder';
import { terminalText } from '../../replies/terminalText.js';

/**
 * Every text the bot writes is Markdown (its templates, values escaped): say so. Teams renders a message's text as
 * Markdown only when told, once it carries a card or buttons, and showed `**` and `_` literally.
 * `plainWithSuggestions`: a message with suggested actions is written as plain text instead (Teams clients show it
 * plain, and the Agents Playground drops its textFormat: written plain, it reads right everywhere).
 */
export function markdownReplies(context: TurnContext, plainWithSuggestions = false): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) {
      if (a.type !== 'message' || !a.text || a.textFormat) continue;
      if (plainWithSuggestions && (a.suggestedActions?.actions.length ?? 0) > 0) {
        a.text = terminalText(a.text, false);
        a.textFormat = 'plain';
      } else a.textFormat = 'markdown';
    }
    return next();
  });
}
