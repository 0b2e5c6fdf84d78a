import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';
import { postActivity } from '../helpers/postActivity.js';

const RECORDINGS = fileURLToPath(new URL('../fixtures/teams-recordings/', import.meta.url));

interface Recording {
  file: string;
  activity: Record<string, unknown> & {
    type: string;
    id?: string;
    text?: string;
    name?: string;
    conversation: { id: string };
    entities?: { type: string; text?: string }[];
  };
}

function recordings(serviceUrl: string): Recording[] {
  return readdirSync(RECORDINGS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(RECORDINGS, file), 'utf8').replaceAll('__SERVICE_URL__', serviceUrl);
      const parsed = JSON.parse(raw);
      return { file, activity: parsed.body ?? parsed };
    });
}

describe('Replaying the 36 real Teams requests (test/fixtures/teams-recordings)', function () {
  this.timeout(60_000);
  let app: App;
  let url: string;
  const capture = new CaptureServer();
  let serviceUrl: string;

  before(async () => {
    serviceUrl = await capture.start();
    app = await buildApp();
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  it('answers each without a 500, every message that mentions the bot, and never repeats the mention', async () => {
    const all = recordings(serviceUrl);
    expect(all).to.have.length(36);
    const failures: string[] = [];
    for (const { file, activity } of all) {
      const before = capture.activities.length;
      const response = await postActivity(url, activity);
      await response.text();
      // 501 Not Implemented is the Bot Framework's clean answer to an invoke the bot does not offer
      const clean = response.status < 500 || (activity.type === 'invoke' && response.status === 501);
      if (!clean) failures.push(`${file}: HTTP ${response.status} for ${activity.type} ${activity.name ?? ''}`);
      const replies = capture.activities.slice(before).map((c) => JSON.stringify(c.activity));
      const mention = activity.entities?.find((e) => e.type === 'mention')?.text;
      if (activity.type === 'message' && mention) {
        if (replies.length === 0) failures.push(`${file}: a message mentioning the bot got no answer`);
        if (replies.some((r) => r.includes(mention))) failures.push(`${file}: a reply repeats the mention ${mention}`);
      }
      if (activity.type === 'invoke' && response.status !== 200 && response.status !== 501) {
        failures.push(`${file}: invoke ${activity.name} answered ${response.status}, expected 200 or 501`);
      }
    }
    expect(failures).to.deep.equal([]);
  });
});
