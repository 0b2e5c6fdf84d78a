import type { Activity, TurnContext } from 'botbuilder';
import { anonymize } from '../src/operations/anonymize.js';
import { IN_LEAD_FLOW } from './leadCapture.js';
import type { ConversationMemory, RecentAnswer } from './memory.js';
import { channelOf } from './turnChannel.js';

/** How many answers back a vote can still be matched to its passage and question. */
const VOTABLE_ANSWERS = 10;

/**
 * Sends an answer with thumbs up/down where the channel draws them (the channel's own buttons: see its
 * `sendVotable`), and remembers which passage and question a later vote is about.
 */
export async function sendAnswer(
  context: TurnContext,
  memory: ConversationMemory,
  reply: Partial<Activity>,
  answer: { passageId: string; question: string },
): Promise<void> {
  const key = await channelOf(context).sendVotable(context, reply);
  if (!key) return;
  // a vote on an answer given in the lead flow is logged without its question (docs/security.md 46)
  const question = context.turnState.get(IN_LEAD_FLOW) ? null : anonymize(answer.question);
  const entry: RecentAnswer = { key, passageId: answer.passageId, question };
  memory.recentAnswers = [...(memory.recentAnswers ?? []), entry].slice(-VOTABLE_ANSWERS);
}
