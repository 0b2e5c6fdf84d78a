import { randomBytes } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AnswerVote } from '../../../dialogs/conversation.js';
import type { Reply } from '../../replies/reply.js';
import { BasicChannel } from '../channel.js';

/** Web Chat's event when thumbs up/down is pressed under a message: the chosen schema.org action. */
export const WEB_CHAT_VOTE_EVENT = 'webchat:activity-status/feedback';

/** The action id Web Chat sends back with a vote, naming the answer. */
export const ANSWER_ACTION_PREFIX = 'urn:investor-bot:answer:';

const WebChatVoteSchema = z.object({
  entities: z
    .array(
      z.looseObject({
        '@type': z.enum(['LikeAction', 'DislikeAction']),
        '@id': z.string().max(100).startsWith(ANSWER_ACTION_PREFIX),
      }),
    )
    .min(1),
});

/**
 * The stock Web Chat (`webchat`, and the built-in Direct Line's `directline`): cards, and thumbs up/down under an
 * answer, which Web Chat draws for a message offering schema.org Like/Dislike actions.
 */
export class WebChatChannel extends BasicChannel {
  constructor() {
    super(true);
  }

  override voteOf(activity: Partial<Activity>): AnswerVote | null {
    if (activity.type !== 'event' || activity.name !== WEB_CHAT_VOTE_EVENT) return null;
    const parsed = WebChatVoteSchema.safeParse(activity);
    if (!parsed.success) return null;
    const action = parsed.data.entities[0]!;
    return {
      vote: action['@type'] === 'LikeAction' ? 'up' : 'down',
      key: action['@id'].slice(ANSWER_ACTION_PREFIX.length),
    };
  }

  override async sendVotable(context: TurnContext, reply: Reply): Promise<string | undefined> {
    const key = voteKey();
    await context.sendActivity({ ...reply, entities: [...(reply.entities ?? []), voteEntity(key)] });
    return key;
  }
}

// Random bytes for vote keys, drawn from the system a few thousand at a time (one call per key cost 20 µs a turn).
const KEY_BYTES = 6;
const POOL_KEYS = 1024;
let pool = Buffer.alloc(0);
let pooled = 0;

/** A new random key naming an answer for its vote: 6 random bytes, as 8 base64url characters. */
function voteKey(): string {
  if (pooled + KEY_BYTES > pool.length) {
    pool = randomBytes(KEY_BYTES * POOL_KEYS);
    pooled = 0;
  }
  const key = pool.toString('base64url', pooled, pooled + KEY_BYTES);
  pooled += KEY_BYTES;
  return key;
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
