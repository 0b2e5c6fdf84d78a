import { randomBytes } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { anonymize } from '../src/operations/anonymize.js';
import { IN_LEAD_FLOW } from './leadCapture.js';
import type { ConversationMemory, RecentAnswer } from './memory.js';

/** How many answers back a vote can still be matched to its passage and question. */
const VOTABLE_ANSWERS = 10;

/** Channels running the stock Web Chat, which draws thumbs under a message that offers Like/Dislike actions. */
const WEB_CHAT = new Set(['webchat', 'directline']);

/** The action id Web Chat sends back with a vote, naming the answer. */
export const ANSWER_ACTION_PREFIX = 'urn:investor-bot:answer:';

/**
 * Sends an answer with thumbs up/down where the channel draws them (Web Chat: schema.org Like/Dislike actions on
 * the message; Teams: its feedback buttons), and remembers which passage and question a later vote is about.
 */
export async function sendAnswer(
  context: TurnContext,
  memory: ConversationMemory,
  reply: Partial<Activity>,
  answer: { passageId: string; question: string },
): Promise<void> {
  const channel = context.activity.channelId ?? '';
  let key: string | undefined;
  let activity = reply;
  if (WEB_CHAT.has(channel)) {
    key = randomBytes(6).toString('base64url');
    activity = { ...reply, entities: [...(reply.entities ?? []), voteEntity(key)] };
  } else if (channel === 'msteams') {
    activity = { ...reply, channelData: { ...(reply.channelData ?? {}), feedbackLoopEnabled: true } };
  }
  const sent = await context.sendActivity(activity);
  // Teams names the message voted on by its id (the vote's replyToId)
  if (channel === 'msteams') key = sent?.id;
  if (!key) return;
  // a vote on an answer given in the lead flow is logged without its question (docs/security.md 46)
  const question = context.turnState.get(IN_LEAD_FLOW) ? null : anonymize(answer.question);
  const entry: RecentAnswer = { key, passageId: answer.passageId, question };
  memory.recentAnswers = [...(memory.recentAnswers ?? []), entry].slice(-VOTABLE_ANSWERS);
}

/** The message's own schema.org entity (`@id: ''`), offering a vote; Web Chat posts the chosen action back. */
function voteEntity(key: string) {
  return {
    type: 'https://schema.org/Message',
    '@context': 'https://schema.org',
    '@id': '',
    '@type': 'Message',
    potentialAction: [
      { '@type': 'LikeAction', '@id': `${ANSWER_ACTION_PREFIX}${key}` },
      { '@type': 'DislikeAction', '@id': `${ANSWER_ACTION_PREFIX}${key}` },
    ],
  };
}
