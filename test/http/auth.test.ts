import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { OpenIdIssuer } from '../fakes/openIdIssuer.js';
import { APP_ID, authenticatedBot, SERVICE_URL, teamsQuestion } from '../helpers/authenticatedBot.js';

describe('Bot Framework authentication (with an app id)', () => {
  const issuer = new OpenIdIssuer();
  let app: App;
  let url: string;

  before(async () => {
    const metadata = await issuer.start();
    app = await authenticatedBot(metadata);
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await issuer.stop();
  });

  const question = teamsQuestion;
  const post = (body: object, authorization?: string) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
      body: JSON.stringify(body),
    });

  it('accepts a token signed with a published key for this app id, and answers', async () => {
    const response = await post(
      question('auth-ok'),
      `Bearer ${issuer.token({ appId: APP_ID, serviceurl: SERVICE_URL })}`,
    );
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { activities: { text?: string }[] };
    expect(body.activities.map((a) => a.text ?? '').join('\n')).to.contain('1,894');
  });

  const rejected: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    [
      'a token for another app id',
      () => `Bearer ${issuer.token({ appId: APP_ID, aud: 'someone-else', serviceurl: SERVICE_URL })}`,
    ],
    ['an expired token', () => `Bearer ${issuer.token({ appId: APP_ID, serviceurl: SERVICE_URL, expiresIn: -3600 })}`],
    [
      'a token signed with an unknown key',
      () => `Bearer ${issuer.token({ appId: APP_ID, serviceurl: SERVICE_URL }, { unknownKey: true })}`,
    ],
    [
      'an HS256 token keyed with the public key',
      () => `Bearer ${issuer.hmacToken({ appId: APP_ID, serviceurl: SERVICE_URL })}`,
    ],
    [
      'an unsigned token (alg=none)',
      () => `Bearer ${issuer.unsignedToken({ appId: APP_ID, serviceurl: SERVICE_URL })}`,
    ],
    [
      'a token from another issuer',
      () => `Bearer ${issuer.token({ appId: APP_ID, serviceurl: SERVICE_URL, iss: 'https://evil.example' })}`,
    ],
    [
      'a token for another serviceUrl',
      () => `Bearer ${issuer.token({ appId: APP_ID, serviceurl: 'https://elsewhere.example/' })}`,
    ],
    ['a token without a serviceurl claim', () => `Bearer ${issuer.token({ appId: APP_ID })}`],
    ['a malformed token', () => 'Bearer not.a.jwt'],
    ['a scheme other than Bearer', () => 'Basic dXNlcjpwYXNz'],
  ];
  for (const [what, authorization] of rejected) {
    it(`rejects ${what} with 401 and a generic body`, async () => {
      const response = await post(question(`auth-${what.replace(/\W+/g, '-')}`), authorization());
      expect(response.status).to.equal(401);
      expect(await response.json()).to.deep.equal({ error: 'Unauthorized' });
    });
  }
});
