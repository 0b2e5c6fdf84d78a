import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';
import { postgresDatabase } from '../helpers/embeddedPostgres.js';
import { postActivity } from '../helpers/postActivity.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

const BOT = { id: '28:bot', name: 'InvestorBot' };
let sequence = 0;

/** The two events Teams sends when the app is added: `installationUpdate` and `conversationUpdate`. */
function installEvents(serviceUrl: string, conversation: Record<string, unknown>) {
  const common = {
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:installer' },
    recipient: BOT,
    conversation,
    locale: 'en-US',
    channelData: { tenant: { id: 'tenant-1' } },
  };
  return [
    { ...common, type: 'installationUpdate', id: `install-${++sequence}`, action: 'add' },
    { ...common, type: 'conversationUpdate', id: `update-${++sequence}`, membersAdded: [BOT] },
  ];
}

const welcomes = (capture: CaptureServer, conversationId: string) =>
  capture.textsOf(conversationId).filter((t) => t.startsWith('Welcome!')).length;

describe('Teams welcome: exactly one per conversation', function () {
  this.timeout(60_000);
  const capture = new CaptureServer();
  let serviceUrl: string;
  before(async () => {
    serviceUrl = await capture.start();
  });
  after(() => capture.stop());

  describe('one instance (SQLite file)', () => {
    let temp: ReturnType<typeof tempDatabase>;
    let app: App;
    let url: string;
    before(async () => {
      temp = tempDatabase();
      app = await buildApp({ DATABASE_URL: temp.url });
      url = await app.listen();
    });
    after(async () => {
      await app.close();
      temp.remove();
    });

    it('welcomes a personal chat once when the install and the conversation update race', async () => {
      const conversation = { id: 'a:personal-race', conversationType: 'personal' };
      const responses = await Promise.all(installEvents(serviceUrl, conversation).map((a) => postActivity(url, a)));
      expect(responses.map((r) => r.status)).to.deep.equal([200, 200]);
      expect(welcomes(capture, conversation.id)).to.equal(1);
    });

    it('welcomes a team channel once, whichever thread the events name, also when they come again', async () => {
      const channel = '19:general@thread.tacv2';
      const events = [
        ...installEvents(serviceUrl, { id: channel, conversationType: 'channel', isGroup: true }),
        ...installEvents(serviceUrl, { id: `${channel};messageid=1`, conversationType: 'channel', isGroup: true }),
      ];
      await Promise.all(events.map((a) => postActivity(url, a)));
      const sent = capture.activities.filter((a) => a.conversationId.startsWith(channel));
      expect(sent.filter((a) => String(a.activity.text).startsWith('Welcome!'))).to.have.length(1);
    });
  });

  describe('two instances on one PostgreSQL', () => {
    let apps: App[];
    let urls: string[];
    before(async function () {
      this.timeout(60_000);
      const databaseUrl = await postgresDatabase();
      apps = [await buildApp({ DATABASE_URL: databaseUrl }), await buildApp({ DATABASE_URL: databaseUrl })];
      urls = await Promise.all(apps.map((a) => a.listen()));
    });
    after(async () => {
      for (const app of apps ?? []) await app.close();
    });

    it('welcomes once when the install reaches one instance and the conversation update the other', async () => {
      for (let round = 0; round < 5; round++) {
        const conversation = { id: `a:two-instances-${round}`, conversationType: 'personal' };
        await Promise.all(installEvents(serviceUrl, conversation).map((a, i) => postActivity(urls[i]!, a)));
        expect(welcomes(capture, conversation.id), `round ${round}`).to.equal(1);
      }
    });
  });
});
