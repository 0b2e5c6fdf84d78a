import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { closedPort } from './fakes/webhookReceiver.js';

// Start the real entry point (src/index.ts) with a bad environment: it must stop with one clear line, no stack.
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('Start-up', function () {
  this.timeout(30_000);

  it('stops with the name of a wrong variable', () => {
    const result = start({ PORT: 'abc' });
    expect(result.status).to.equal(1);
    expect(result.stderr.trim()).to.match(/^investor bot cannot start: config: PORT: /);
    expect(result.stderr).not.to.match(/\n\s+at /);
  });

  it('stops with the name of a knowledge folder it cannot read', () => {
    const result = start({ KNOWLEDGE_DIR: 'no-such-knowledge-folder' });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(/cannot start: knowledge: .*no-such-knowledge-folder: cannot read the folder/);
  });

  it('stops with the name of DATABASE_URL when the store cannot be opened', () => {
    // a "folder" that is a file: the database can be neither created nor opened
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'investor-bot-')), 'plain-file');
    writeFileSync(notAFolder, '');
    const result = start({ DATABASE_URL: `sqlite:${notAFolder}/bot.db` });
    expect(result.status).to.equal(1);
    expect(result.stderr.trim()).to.match(
      /^investor bot cannot start: DATABASE_URL: cannot open .*plain-file\/bot\.db/,
    );
  });

  it('stops with where PostgreSQL was expected, never the password, when it cannot be reached', async () => {
    const port = await closedPort();
    const result = start({ DATABASE_URL: `postgres://bot:s3cret-pw@127.0.0.1:${port}/investor` });
    expect(result.status).to.equal(1);
    expect(result.stderr.trim()).to.match(
      new RegExp(
        `^investor bot cannot start: DATABASE_URL: cannot open PostgreSQL at 127\\.0\\.0\\.1:${port}/investor: .*ECONNREFUSED`,
      ),
    );
    expect(result.stderr + result.stdout).not.to.include('s3cret-pw');
  });

  it('stops with the name of DATABASE_URL for an unsupported store', () => {
    const result = start({ DATABASE_URL: 'mysql://localhost/bot' });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(/cannot start: config: DATABASE_URL: must be sqlite:<file>/);
  });
});
