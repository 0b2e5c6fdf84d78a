import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { ANSWER_ACTION_PREFIX } from '../../../dialogs/answerFeedback.js';
import type { Vote } from '../../storage/insightLog.js';

/** Web Chat's event when thumbs up/down is pressed under a message: the chosen schema.org action. */
export const WEB_CHAT_VOTE_EVENT = 'webchat:activity-status/feedback';

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

/** Teams' `message/submitAction` invoke from its feedback buttons (the comment, if any, is not kept). */
const TeamsVoteSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.looseObject({ reaction: z.enum(['like', 'dislike']) }),
});

/** A vote, naming the answer by the key the bot gave it (dialogs/answerFeedback.ts); null if it is none. */
export function voteOf(activity: Partial<Activity>): { vote: Vote; key: string | null } | null {
  if (activity.type === 'event' && activity.name === WEB_CHAT_VOTE_EVENT) {
    const parsed = WebChatVoteSchema.safeParse(activity);
    if (!parsed.success) return null;
    const action = parsed.data.entities[0]!;
    return {
      vote: action['@type'] === 'LikeAction' ? 'up' : 'down',
      key: action['@id'].slice(ANSWER_ACTION_PREFIX.length),
    };
  }
  if (activity.type === 'invoke' && activity.name === 'message/submitAction') {
    const parsed = TeamsVoteSchema.safeParse(activity.value);
    if (!parsed.success) return null;
    return {
      vote: parsed.data.actionValue.reaction === 'like' ? 'up' : 'down',
      key: typeof activity.replyToId === 'string' ? activity.replyToId : null,
    };
  }
  return null;
}
