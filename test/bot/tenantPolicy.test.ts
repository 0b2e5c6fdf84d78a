import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';
import { capturingLogger } from '../helpers/logCapture.js';

describe('Teams tenant allow-list (TEAMS_ALLOWED_TENANTS)', () => {
  let app: App;
  let url: string;
  const capture = new CaptureServer();
  let serviceUrl: string;
  const log = capturingLogger();

  before(async () => {
    serviceUrl = await capture.start();
    app = await buildApp({ TEAMS_ALLOWED_TENANTS: 'Agency-Tenant, second-tenant' }, { logger: log.logger });
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  const fromTenant = (tenant: string, conversation: string, fields: Record<string, unknown>) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `${conversation}-1`,
        channelId: 'msteams',
        serviceUrl,
        from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-000000000009' },
        recipient: { id: '28:bot' },
        conversation: { id: conversation, conversationType: 'personal', tenantId: tenant },
        channelData: { tenant: { id: tenant } },
        ...fields,
      }),
    });

  it('answers an allowed tenant (ids compared without case)', async () => {
    await fromTenant('agency-tenant', 'allowed-1', { text: 'How many hospitals are there in Germany?' });
    expect(capture.textsOf('allowed-1').join('\n')).to.include('1,894');
  });

  it('gives another tenant no answer, stores no lead, and logs it', async () => {
    const response = await fromTenant('other-tenant', 'stranger-1', {
      value: {
        action: 'submitLead',
        name: 'Eve',
        company: 'Elsewhere',
        email: 'eve@elsewhere.example',
        message: 'Hello',
        consent: 'true',
      },
    });
    expect(response.status).to.be.below(500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(capture.textsOf('stranger-1')).to.deep.equal([]);
    expect(await app.leads.list()).to.deep.equal([]);
    expect(log.lines.some((l) => l.msg === 'tenant not allowed')).to.equal(true);
  });
});
