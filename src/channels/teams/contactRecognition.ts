import { type Activity, TeamsInfo, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ContactDirectory } from '../../contacts/contactDirectory.js';
import type { TeamsConversationStore } from '../../storage/teamsConversations.js';
import { isServiceUrlAllowed } from '../http/serviceUrlPolicy.js';

export interface ContactRecognitionDeps {
  contacts: ContactDirectory;
  conversations: TeamsConversationStore;
  /** Channels the bot may send to (`null`: any); a contact's chat is kept only on one of them. */
  allowedServiceUrls: readonly string[] | null;
  logger: Logger;
}

/**
 * Keeps the personal Teams chat of a contact named in `contacts.yaml` (by AAD object id, or by user principal name
 * looked up once at install), so their leads can be posted there; forgets it when they uninstall the app. Never
 * fails the turn: a contact who is not recognised still gets the bot as anyone does.
 */
export async function recogniseContact(context: TurnContext, deps: ContactRecognitionDeps): Promise<void> {
  const { activity } = context;
  if (activity.channelId !== 'msteams' || (activity.conversation?.conversationType ?? 'personal') !== 'personal') {
    return;
  }
  // a lead notice is later POSTed to this serviceUrl: only a real, allowed Teams channel may become a contact's chat
  // (a reply-in-body request has no channel of its own to send to)
  if (activity.deliveryMode === 'expectReplies' || !isServiceUrlAllowed(activity.serviceUrl, deps.allowedServiceUrls)) {
    return;
  }
  const installing = isInstall(activity);
  const removing = activity.type === 'installationUpdate' && String(activity.action ?? '').startsWith('remove');
  if (!installing && !removing && activity.type !== 'message') return;
  try {
    const contact = await identify(context, installing, deps);
    if (!contact) return;
    if (removing) {
      await deps.conversations.remove(contact.id);
      deps.logger.info({ contactId: contact.id }, 'teams: contact removed the app');
    } else {
      await deps.conversations.save(contact.id, TurnContext.getConversationReference(activity), Date.now());
      if (installing) deps.logger.info({ contactId: contact.id }, 'teams: contact chat kept for lead notices');
    }
  } catch (error) {
    deps.logger.warn({ err: { message: (error as Error).message } }, 'teams: could not recognise the contact');
  }
}

async function identify(context: TurnContext, installing: boolean, deps: ContactRecognitionDeps) {
  const from = context.activity.from;
  const byId = deps.contacts.byTeamsUser({ aadObjectId: from?.aadObjectId });
  if (byId || !installing || !deps.contacts.hasTeamsNamesOnly || !from?.id) return byId;
  // the UPN is not in the activity: ask Teams, once, when the app is installed
  const member = await TeamsInfo.getMember(context, from.id);
  return deps.contacts.byTeamsUser({ aadObjectId: member.aadObjectId, userPrincipalName: member.userPrincipalName });
}

function isInstall(activity: Activity): boolean {
  if (activity.type === 'installationUpdate') return String(activity.action ?? '').startsWith('add');
  if (activity.type !== 'conversationUpdate') return false;
  return (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
}
