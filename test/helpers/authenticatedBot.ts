import type { App } from '../../src/app.js';
import { buildApp } from './buildApp.js';

/** The app id the authentication tests sign tokens for. */
export const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
// the replies come back in the response body (expectReplies): a valid token needs no outbound call to answer
export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** A bot with an app id that takes its signing keys from a local OpenID issuer (`metadata`), not from Microsoft. */
export function authenticatedBot(metadata: string, env: Record<string, string> = {}): Promise<App> {
  return buildApp({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-offline',
    ToBotFromChannelOpenIdMetadataUrl: metadata,
    ToBotFromEmulatorOpenIdMetadataUrl: metadata,
    ...env,
  });
}

/** A Teams question in a personal chat, answered in the response body. */
export function teamsQuestion(conversationId: string) {
  return {
    type: 'message',
    id: `${conversationId}-1`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    deliveryMode: 'expectReplies',
    from: { id: '29:user' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: conversationId, conversationType: 'personal' },
    text: 'How many hospitals are there in Germany?',
  };
}
