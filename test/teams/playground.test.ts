import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';
import { tempDatabase } from '../helpers/tempDatabase.js';
import { waitUntil } from '../helpers/waitUntil.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((path) => existsSync(path));
const REQUIRED = process.env.REQUIRE_BROWSER === '1';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];
const OUTPUT = 'test-output';
const PLAYGROUND = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
// the Playground's mock tenant, with the bot's id as real Teams gives it (see the file)
const PLAYGROUND_CONFIG = fileURLToPath(new URL('../fixtures/playground/m365agentsplayground.yml', import.meta.url));

/**
 * Starts Microsoft 365 Agents Playground (Microsoft's local Teams client) against the bot, on a port the OS picks,
 * with no browser of its own and no telemetry; resolves to its URL once it listens.
 */
function startPlayground(botUrl: string, logDir: string): Promise<{ child: ChildProcess; url: string }> {
  copyFileSync(PLAYGROUND_CONFIG, join(logDir, '.m365agentsplayground.yml'));
  const child = spawn(
    process.execPath,
    [PLAYGROUND, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', '0', '--dt'],
    {
      cwd: logDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: join(logDir, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Listening on (\d+)/.exec(output)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the Playground exited (${code}): ${output.slice(-500)}`)));
  });
}

describe('Microsoft 365 Agents Playground (a real Teams client) against the bot', function () {
  this.timeout(180_000);
  let temp: ReturnType<typeof tempDatabase>;
  let logDir: string;
  let app: App;
  let playground: { child: ChildProcess; url: string } | undefined;
  let browser: Browser;
  let page: Page;
  const offline: string[] = [];

  before(async function () {
    if (!CHROMIUM) {
      if (REQUIRED) throw new Error('REQUIRE_BROWSER=1, but Chromium is not installed (apt-get install chromium)');
      process.stdout.write(
        '      pending: Chromium not found at /usr/bin/chromium (REQUIRE_BROWSER=1 makes this fail)\n',
      );
      this.skip();
    }
    temp = tempDatabase();
    logDir = mkdtempSync(join(tmpdir(), 'playground-'));
    app = await buildApp({ DATABASE_URL: temp.url });
    const botUrl = await app.listen();
    playground = await startPlayground(botUrl, logDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    // offline: the Playground's page asks a CDN for fonts and icons; nothing leaves this machine
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      offline.push(hostname);
      return route.abort();
    });
    page = await context.newPage();
    mkdirSync(OUTPUT, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    playground?.child.kill();
    await app?.close();
    temp?.remove();
    if (logDir) rmSync(logDir, { recursive: true, force: true });
  });

  const input = () => page.locator('[contenteditable="true"][role="textbox"]').first();
  async function say(text: string): Promise<void> {
    await input().click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  /** Messages on screen whose own text starts with this (not the log panel's lines, which start with a time). */
  const shown = (start: string) =>
    page.evaluate(
      (s) =>
        [...document.querySelectorAll('body *')].filter(
          (el) =>
            (el as HTMLElement).innerText?.startsWith(s) &&
            ![...el.children].some((c) => (c as HTMLElement).innerText?.startsWith(s)),
        ).length,
      start,
    );

  it('welcomes a personal chat exactly once', async () => {
    await page.goto(playground!.url);
    await page.getByText('Welcome! I answer').first().waitFor();
    // both install events have been answered by now (the Playground sends them before the page shows the chat)
    await page.waitForLoadState('networkidle');
    expect(await shown('Welcome! I answer')).to.equal(1);
  });

  it('answers a question with its source, rendered as Markdown (no literal ** or _)', async () => {
    await say('How many hospitals are there in Germany?');
    const answer = page.getByText(/With 1,894 hospitals/).first();
    await answer.waitFor();
    await page
      .getByText(/Source: Medical Technology Clusters in Germany/)
      .first()
      .waitFor();
    const chat = await page.locator('body').innerText();
    const messages = chat.split('\n').filter((line) => !/^\[\d/.test(line) && !line.includes('Microsoft 365 Agents'));
    const literal = messages.filter((l) => l.includes('**') || /(^|\s)_Source/.test(l));
    expect(literal, literal.join('\n')).to.deep.equal([]);
    await page.screenshot({ path: `${OUTPUT}/playground-answer.png` });
  });

  it('shows a cluster answer as a card', async () => {
    await say('Which clusters are active in dental and robotics?');
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'OptoNet e.V.' }).first().waitFor();
  });

  it('shows the contact card, then the form; the form sent gives a reference, and the lead is in the store', async () => {
    await say('Who can I talk to about a production site in Saxony?');
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: '+49 351 2138-153' }).last();
    await card.waitFor();
    await card.getByRole('button', { name: 'Send my enquiry to Barbara Weigert' }).click();
    const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'Pass on your enquiry' }).last();
    await form.waitFor();
    await form.getByLabel('Your name').fill('Ana Lima');
    await form.getByLabel('Company').fill('Lima Medical Ltd');
    await form.getByLabel('E-mail').fill('ana@lima-medical.example');
    await form.getByLabel('Your enquiry').fill('We look for a production site for catheters near Dresden.');
    await form.getByRole('checkbox', { name: 'I agree' }).check();
    await page.screenshot({ path: `${OUTPUT}/playground-lead-form.png` });
    await form.getByRole('button', { name: 'Send enquiry' }).click();
    const reference = page.getByText(/INV-[0-9A-Z]{5}/).first();
    await reference.waitFor();
    const shownReference = /INV-[0-9A-Z]{5}/.exec(await reference.innerText())![0];
    await page.screenshot({ path: `${OUTPUT}/playground-lead-sent.png` });
    const leads = await waitUntil(async () => {
      const all = await app.leads.list();
      return all.length > 0 ? all : undefined;
    });
    expect(leads.map((l) => [l.lead.reference, l.lead.investor.email])).to.deep.equal([
      [shownReference, 'ana@lima-medical.example'],
    ]);
  });

  /** Starts a new post in the team channel that @mentions the bot, the way a Teams user addresses it there. */
  async function postToBot(text: string): Promise<void> {
    await input().click();
    await page.keyboard.type('@');
    await page.getByRole('menuitem', { name: 'Test Bot' }).click();
    await page.keyboard.type(` ${text}`);
    await page.getByRole('button', { name: 'Post' }).click();
  }

  it('answers an @mention in a team channel, with its source', async () => {
    await page.getByRole('treeitem', { name: 'My Team - General' }).click();
    await page.getByText('Start a new post').first().waitFor();
    await postToBot('What does GTAI charge for its investor consulting?');
    await page
      .getByText(/free of charge/)
      .first()
      .waitFor();
    await page
      .getByText(/Source: /)
      .first()
      .waitFor();
  });

  it('never shows the lead form in a channel: says why and offers the personal chat', async () => {
    await postToBot('please pass on my enquiry');
    await page
      .getByText(/everyone in this channel would see/)
      .first()
      .waitFor();
    await page.screenshot({ path: `${OUTPUT}/playground-channel-lead.png` });
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Continue in a personal chat' }).last();
    await card.waitFor();
    // an Action.OpenUrl: Teams draws it as a link to the personal chat with the bot
    const link = card.getByRole('link', { name: 'Continue in a personal chat' });
    expect(await link.getAttribute('title')).to.equal(
      'https://teams.microsoft.com/l/chat/0/0?users=28:5f0c2b1e-8d3a-4c6e-9b7f-2a1d4e6c8b90',
    );
    expect(await page.getByLabel('Your name').count()).to.equal(0);
    expect(await page.getByLabel('E-mail').count()).to.equal(0);
  });

  it('made no request off this machine that the page needed to work', () => {
    // the page's CDN requests were refused (above) and everything still ran
    expect(offline.every((host) => host.endsWith('.office.net') || host.endsWith('.microsoft.com'))).to.equal(true);
  });
});
