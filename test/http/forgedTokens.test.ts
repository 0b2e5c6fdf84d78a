import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { IssuerPrecheck, libraryIssuerCount } from '../../src/channels/botframework/issuerPrecheck.js';
import { OpenIdIssuer } from '../fakes/openIdIssuer.js';
import { APP_ID, authenticatedBot, SERVICE_URL, teamsQuestion } from '../helpers/authenticatedBot.js';

const TENANT = '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';

// docs/security.md 42: a token no configuration of the bot accepts is refused before botframework-connector sees it,
// whose global issuer list grew by four entries (and every later request got slower) for each new `tid`
describe('Forged tokens with fresh tenants (docs/security.md 42)', function () {
  this.timeout(120_000);
  const issuer = new OpenIdIssuer();
  let metadata: string;
  const apps: App[] = [];

  before(async () => {
    metadata = await issuer.start();
  });
  after(async () => {
    for (const app of apps) await app.close();
    await issuer.stop();
  });

  async function start(env: Record<string, string> = {}): Promise<string> {
    const app = await authenticatedBot(metadata, env);
    apps.push(app);
    return app.listen();
  }

  const question = teamsQuestion;
  const post = (url: string, token: string, conversationId = `forged-${randomUUID()}`) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(question(conversationId)),
    });

  /** Sends `count` requests, a few at a time, each with the token `forge` makes; returns every status. */
  async function flood(url: string, count: number, forge: () => string): Promise<number[]> {
    const statuses: number[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < count) {
        sent += 1;
        const response = await post(url, forge());
        await response.body?.cancel();
        statuses.push(response.status);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return statuses;
  }

  it('answers 3,000 tokens from unknown tenants with 401, and the library learns none of their issuers', async () => {
    const url = await start();
    const before = libraryIssuerCount();
    // what an Entra ID token of someone else's tenant looks like: its issuer names the fresh tenant
    const statuses = await flood(url, 3_000, () => {
      const tid = randomUUID();
      const extra = { tid, ver: '1.0', appid: APP_ID };
      return issuer.forgedToken({ appId: APP_ID, iss: `https://sts.windows.net/${tid}/`, extra });
    });
    expect(statuses).to.have.length(3_000);
    expect(new Set(statuses)).to.deep.equal(new Set([401]));
    expect(libraryIssuerCount()).to.equal(before);
  });

  it("keeps the list as it was for forged Bot Framework tokens with fresh tenants too (the tid isn't checked there)", async () => {
    const url = await start();
    const before = libraryIssuerCount();
    const statuses = await flood(url, 500, () =>
      issuer.forgedToken({ appId: APP_ID, serviceurl: SERVICE_URL, extra: { tid: randomUUID() } }),
    );
    expect(new Set(statuses)).to.deep.equal(new Set([401]));
    expect(libraryIssuerCount()).to.equal(before);
  });

  it('still answers a valid Bot Framework token, with or without a tid claim', async () => {
    const url = await start();
    const before = libraryIssuerCount();
    for (const extra of [{}, { tid: randomUUID() }]) {
      const response = await post(url, issuer.token({ appId: APP_ID, serviceurl: SERVICE_URL, extra }));
      expect(response.status).to.equal(200);
      const body = (await response.json()) as { activities: { text?: string }[] };
      expect(body.activities.map((a) => a.text ?? '').join('\n')).to.contain('1,894');
    }
    expect(libraryIssuerCount()).to.equal(before);
  });

  it("accepts a single-tenant bot's own tenant's token (as the Emulator sends), and no other tenant's", async () => {
    const url = await start({ MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT });
    const entraToken = (iss: string, tid: string) =>
      issuer.token({ appId: APP_ID, iss, extra: { tid, ver: '1.0', appid: APP_ID } });
    const own = await post(url, entraToken(`https://sts.windows.net/${TENANT}/`, TENANT));
    expect(own.status).to.equal(200);
    const other = randomUUID();
    expect((await post(url, entraToken(`https://sts.windows.net/${other}/`, other))).status).to.equal(401);
    // the tenant claim must be the issuer's own
    expect((await post(url, entraToken(`https://sts.windows.net/${TENANT}/`, other))).status).to.equal(401);
  });

  describe('the precheck itself', () => {
    const unsigned = (payload: object) =>
      `Bearer e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

    it('lets through the issuers the library ships and the bot tenant’s, and refuses others', () => {
      const precheck = new IssuerPrecheck(TENANT, []);
      const accepted = [
        'https://api.botframework.com',
        'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
        `https://sts.windows.net/${TENANT}/`,
        `https://login.microsoftonline.com/${TENANT}/v2.0`,
      ];
      for (const iss of accepted) expect(precheck.check(unsigned({ iss })), iss).to.deep.include({ ok: true });
      for (const iss of ['https://evil.example', `https://sts.windows.net/${randomUUID()}/`, 42, undefined]) {
        expect(precheck.check(unsigned({ iss })), String(iss)).to.deep.include({ ok: false });
      }
      expect(new IssuerPrecheck('', []).check(unsigned({ iss: `https://sts.windows.net/${TENANT}/` })).ok).to.equal(
        false,
      );
    });

    it('refuses what is no bearer JWT', () => {
      const precheck = new IssuerPrecheck('', []);
      for (const header of ['', 'Basic dXNlcjpwYXNz', 'Bearer not.a.jwt', 'Bearer a.b', 'Bearer e30.WzFd.x']) {
        expect(precheck.check(header).ok, header).to.equal(false);
      }
    });
  });
});
