import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { Replies } from '../../src/replies/replies.js';
import { TemplateSet } from '../../src/replies/templates.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { LEAD_FORM } from '../fixtures/leads.js';
import { buildApp } from '../helpers/buildApp.js';
import { postActivity } from '../helpers/postActivity.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

const APP_ID = '4b59da0c-e43f-456f-9e14-094975bd7000';
const BOT = { id: `28:${APP_ID}`, name: 'InvestorBot' };
const MENTION = { type: 'mention', text: '<at>InvestorBot</at>', mentioned: BOT };
type Sent = Record<string, unknown> & {
  text?: string;
  textFormat?: string;
  attachments?: { content?: unknown }[];
  suggestedActions?: { actions: { title: string }[] };
};

const WHERE = {
  personal: { conversationType: 'personal' },
  group: { conversationType: 'groupChat', isGroup: true },
  channel: { conversationType: 'channel', isGroup: true },
} as const;

describe('Teams: Markdown, one presentation per reply, and no lead form in shared chats', function () {
  this.timeout(30_000);
  const capture = new CaptureServer();
  let serviceUrl: string;
  let temp: ReturnType<typeof tempDatabase>;
  let app: App;
  let url: string;
  let sequence = 0;

  before(async () => {
    serviceUrl = await capture.start();
    temp = tempDatabase();
    app = await buildApp({ DATABASE_URL: temp.url });
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await capture.stop();
    temp.remove();
  });

  /** One message (text, or a card's value) in a conversation of this kind; resolves to what the bot sent. */
  async function say(where: keyof typeof WHERE, conversation: string, fields: { text?: string; value?: unknown }) {
    const before = capture.activities.length;
    const shared = where !== 'personal';
    const text = fields.text && shared ? `<at>InvestorBot</at> ${fields.text}` : fields.text;
    const response = await postActivity(url, {
      type: 'message',
      id: `m-${++sequence}`,
      channelId: 'msteams',
      serviceUrl,
      from: { id: '29:investor', aadObjectId: '00000000-0000-0000-0000-000000000009' },
      recipient: BOT,
      conversation: { id: conversation, ...WHERE[where] },
      channelData: {
        tenant: { id: 'tenant-1' },
        ...(where === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: conversation } } : {}),
      },
      ...fields,
      ...(text !== undefined ? { text } : {}),
      ...(text && shared ? { entities: [MENTION] } : {}),
    });
    expect(response.status).to.be.below(300);
    return capture.activities.slice(before).map((a) => a.activity as Sent);
  }

  const json = (replies: Sent[]) => JSON.stringify(replies);
  const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

  describe('in a channel and a group chat', () => {
    for (const where of ['channel', 'group'] as const) {
      it(`never shows the lead form in a ${where}: says why and links the personal chat with the bot`, async () => {
        const replies = await say(where, `19:${where}-handoff@thread.tacv2`, { text: 'please pass on my enquiry' });
        expect(json(replies)).to.not.match(/Input\.(Text|Toggle)|"email"/);
        const text = replies.map((r) => r.text).join('\n');
        expect(text).to.include(`everyone in this ${where === 'channel' ? 'channel' : 'chat'} would see`);
        expect(json(replies)).to.include(
          JSON.stringify(`https://teams.microsoft.com/l/chat/0/0?users=28:${APP_ID}`).slice(1, -1),
        );
      });
    }

    it('offers no "Send my enquiry" on the contact card there, and the button pressed anyway brings no form', async () => {
      const conversation = '19:contact-in-channel@thread.tacv2';
      const contact = await say('channel', conversation, {
        text: 'Who can I talk to about a production site in Saxony?',
      });
      expect(json(contact)).to.include('Barbara Weigert');
      expect(json(contact)).to.not.include('startLead');
      const pressed = await say('channel', conversation, {
        value: { action: 'startLead', contactId: 'barbara-weigert' },
      });
      expect(json(pressed)).to.not.match(/Input\.Text/);
    });

    it('stores no lead form sent from a group chat and shows none back', async () => {
      const replies = await say('group', '19:group-submit@thread.v2', { value: LEAD_FORM });
      expect(json(replies)).to.not.match(/INV-[0-9A-Z]{5}|Input\.Text/);
      expect(await app.leads.list()).to.deep.equal([]);
    });

    it('still answers a question in a channel', async () => {
      const replies = await say('channel', '19:question@thread.tacv2', {
        text: 'How many hospitals are there in Germany?',
      });
      expect(replies.map((r) => r.text).join('\n')).to.include('1,894 hospitals');
    });
  });

  describe('in a personal chat', () => {
    it('marks each reply text as Markdown, or writes it plain where Teams would drop the Markdown (buttons)', async () => {
      const conversation = 'a:markdown';
      const replies = [
        ...(await say('personal', conversation, { text: 'How many hospitals are there in Germany?' })),
        ...(await say('personal', conversation, { text: 'Who can I talk to about a production site in Saxony?' })),
        ...(await say('personal', conversation, { text: 'Which clusters are active in dental and robotics?' })),
      ];
      const texts = replies.filter((r) => r.type === 'message' && r.text);
      expect(texts.length).to.be.greaterThan(2);
      // with suggested actions Teams clients show the text plain: it is written plain, without Markdown marks
      for (const r of texts) {
        const buttons = (r.suggestedActions?.actions.length ?? 0) > 0;
        expect(r.textFormat).to.equal(buttons ? 'plain' : 'markdown');
        if (buttons) expect(r.text).to.not.match(/\*\*|(^|\s)_\S/);
      }
    });

    it('shows a contact once: the phone and "Send my enquiry" only in the card, the form still one press away', async () => {
      const conversation = 'a:contact-once';
      const [reply, ...more] = await say('personal', conversation, {
        text: 'Who can I talk to about a production site in Saxony?',
      });
      expect(more).to.deep.equal([]);
      const card = JSON.stringify(reply!.attachments);
      expect(reply!.text).to.include('Barbara Weigert');
      expect(reply!.text).to.not.include('2138-153');
      expect(reply!.suggestedActions?.actions ?? []).to.deep.equal([]);
      expect(count(json([reply!]), '+49 351 2138-153')).to.equal(2); // the card's fact and its text fallback
      expect(count(card, '"title":"Send my enquiry to Barbara Weigert"')).to.equal(1);
      const form = await say('personal', conversation, {
        value: { action: 'startLead', contactId: 'barbara-weigert' },
      });
      expect(json(form)).to.include('Input.Text');
    });

    it('lists clusters once: in the card, not again in the text above it', async () => {
      const [reply] = await say('personal', 'a:clusters-once', {
        text: 'Which clusters are active in dental and robotics?',
      });
      const card = reply!.attachments?.[0]?.content as { body: { text?: string }[] };
      const names = card.body
        .slice(1)
        .filter((_, i) => i % 2 === 0)
        .map((b) => b.text!);
      expect(names.length).to.be.greaterThan(0);
      for (const name of names) expect(reply!.text).to.not.include(`- ${name}`);
      expect(reply!.text).to.match(/Source:/);
    });
  });
});

describe('Answer Markdown: list items on their own lines', () => {
  it('puts a blank line where a list starts and ends, so no renderer runs it into the sentences', async () => {
    const replies = new Replies(await TemplateSet.load('templates', ['en', 'de']));
    const document = { language: 'en', title: 'T', publisher: 'P', published: '2024-10', kind: 'report' };
    const reply = replies.answer('en', {
      sentences: [
        { text: 'GTAI offers:', isListItem: false },
        { text: 'Market analysis', isListItem: true },
        { text: 'Site search', isListItem: true },
        { text: 'All of it is free.', isListItem: false },
      ],
      document,
      passage: { headings: ['A'] },
      hasLostFigure: false,
    } as never);
    expect(reply.text).to.include('GTAI offers:\n\n- Market analysis\n- Site search\n\nAll of it is free.\n');
  });
});
