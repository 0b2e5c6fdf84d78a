import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';
import { postActivity } from '../helpers/postActivity.js';
import { waitUntil } from '../helpers/waitUntil.js';

describe('The reply to a turn that fails inside the bot', () => {
  let app: App;
  let url: string;
  let capture: CaptureServer;
  let serviceUrl: string;

  before(async () => {
    capture = new CaptureServer();
    serviceUrl = await capture.start();
    app = await buildApp();
    url = await app.listen();
    // every question fails, as a bug in search would make it
    app.answerer.answer = () => {
      throw new Error('search broke');
    };
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  async function replyTo(id: string, text: string, locale: string): Promise<string> {
    const activity = {
      type: 'message',
      id,
      channelId: 'webchat',
      serviceUrl,
      locale,
      text,
      from: { id: 'investor' },
      recipient: { id: 'bot' },
      conversation: { id },
    };
    expect((await postActivity(url, activity)).status).to.be.lessThan(300);
    const reply = await waitUntil(() => capture.activities.find((a) => a.conversationId === id));
    return String(reply.activity.text ?? '');
  }

  it('apologises in the language of the message, with a contact to call', async () => {
    expect(await replyTo('fail-de', 'Wie viele Krankenhäuser gibt es in Deutschland?', 'en-US')).to.match(
      /^Entschuldigung, bei mir ist gerade etwas schiefgegangen\..*\*\*Barbara Weigert\*\*/s,
    );
    expect(await replyTo('fail-en', 'How many hospitals are there in Germany?', 'de-DE')).to.match(
      /^Sorry, something went wrong on my side\./,
    );
    // a text that does not tell: the client's locale
    expect(await replyTo('fail-locale', 'Robotik', 'de-DE')).to.match(/^Entschuldigung/);
  });
});
