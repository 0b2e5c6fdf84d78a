import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';
import { buttons, conversations, textOf } from '../helpers/testConversation.js';

describe('A conversation in German', () => {
  let app: App;
  const start = conversations(() => app, 'german');
  // a new conversation from a client with this locale, on a channel with cards (test) or text only (sms)
  const conversation = (locale = 'en-US', channelId = 'test') => start({ locale, channelId });

  before(async () => {
    app = await buildApp();
  });

  it('answers a German question in German, even from an English browser, quoting the English extract as it is', async () => {
    await conversation('en-US')
      .send('Wie viele Krankenhäuser gibt es in Deutschland?')
      .assertReply((reply) => {
        const text = textOf(reply);
        expect(text).to.include('Dazu sagt die Quelle (Auszug im englischen Original):');
        // the figure exactly as the document writes it, not re-formatted
        expect(text).to.include('With 1,894 hospitals');
        expect(text).to.match(/_Quelle: Medical Technology Clusters in Germany, .*Oktober 2024, Abschnitt „/);
        expect(buttons(reply)).to.deep.equal(['Mehr dazu', 'Mit einer Person sprechen']);
      })
      .startTest();
  });

  it('follows the investor from German to English and back, turn by turn', async () => {
    await conversation('de-DE')
      .send('How many university hospitals are there in Germany?')
      .assertReply((reply) =>
        expect(textOf(reply)).to.include('36').and.to.include('_Source:').and.not.include('Quelle'),
      )
      .send('Und wie viele Betten haben die Krankenhäuser insgesamt?')
      .assertReply((reply) => expect(textOf(reply)).to.include('480,000').and.to.include('_Quelle:'))
      .startTest();
  });

  it('says plainly in German that it does not know, and names the contact', async () => {
    await conversation()
      .send('Wie hoch ist der Mindestlohn in Deutschland?')
      .assertReply((reply) => {
        expect(textOf(reply)).to.include('leider keine Informationen').and.to.include('wenden Sie sich an **');
        expect(buttons(reply)).to.deep.equal(['Mit einer Person sprechen', 'Was kann ich fragen?']);
      })
      .startTest();
  });

  it('answers a German cluster question from the table, in German', async () => {
    await conversation()
      .send('Welche Cluster haben Robotik und Zahnmedizin als Schwerpunkt?')
      .assertReply((reply) => {
        expect(textOf(reply)).to.match(/^Diese Cluster nennen Robotics und Dental als Schwerpunkt\./);
        expect(textOf(reply)).to.include('- BIOPRO');
      })
      .startTest();
  });

  it('takes the browser locale for a first message that does not tell its language', async () => {
    await conversation('de-DE')
      .send('SaxoCell')
      .assertReply((reply) => expect(textOf(reply)).to.match(/^Dazu sagt die Quelle/))
      .startTest();
    await conversation('en-US')
      .send('SaxoCell')
      .assertReply((reply) => expect(textOf(reply)).to.include('_Source:'))
      .startTest();
  });

  it('greets in German small talk, with German suggestions that the bot itself understands', async () => {
    let suggestions: string[] = [];
    await conversation()
      .send('Guten Tag')
      .assertReply((reply) => {
        expect(textOf(reply)).to.match(/^Hallo!/);
        suggestions = buttons(reply);
        expect(suggestions).to.include('Was kostet die Investorenberatung von GTAI?');
      })
      .startTest();
    for (const suggestion of suggestions) {
      await conversation('en-US')
        .send(suggestion)
        .assertReply((reply) => expect(textOf(reply)).to.not.match(/leider keine Informationen|Sorry/))
        .startTest();
    }
  });

  it('welcomes a German browser in German and an English one in English', async () => {
    const welcome = (locale: string) => ({
      type: 'conversationUpdate',
      locale,
      membersAdded: [{ id: 'bot', name: 'InvestorBot' }],
    });
    await conversation('de-DE')
      .send(welcome('de-DE') as Partial<Activity>)
      .assertReply((reply) => expect(textOf(reply)).to.match(/^Willkommen!/))
      .startTest();
    await conversation('en-US')
      .send(welcome('en-US') as Partial<Activity>)
      .assertReply((reply) => expect(textOf(reply)).to.match(/^Welcome!/))
      .startTest();
  });

  it('offers the contact in German and shows the German lead form', async () => {
    await conversation()
      .send('Wen kann ich wegen eines Produktionsstandorts in Sachsen ansprechen?')
      .assertReply((reply) => {
        expect(textOf(reply)).to.include('Die richtige Ansprechperson dafür ist **Barbara Weigert**');
        expect(textOf(reply)).to.include('- Telefon: +49 351 2138-153');
        // the offer is the card's button (one presentation: no second button below it)
        expect(buttons(reply)).to.deep.equal([]);
        expect(JSON.stringify(reply.attachments)).to.include('"title":"Meine Anfrage an Barbara Weigert senden"');
      })
      .send('Meine Anfrage an Barbara Weigert senden')
      .assertReply((reply) => {
        expect(reply.text).to.include('Bitte füllen Sie das Formular unten aus');
        const card = JSON.stringify(reply.attachments?.[0]?.content);
        for (const label of ['Ihre Anfrage weitergeben', 'Ihr Name', 'Ich bin einverstanden', 'Anfrage senden']) {
          expect(card).to.include(label);
        }
        expect(card).to.include('Ich bin damit einverstanden, dass meine Angaben');
      })
      .startTest();
  });

  it('collects a lead step by step in German, keeping German while the investor types names and English', async () => {
    const opening = /gerade im Dienst|heute ab \d\d:\d\d Uhr|am \p{L}+, \d{1,2}\. \p{L}+ \d{4}, ab \d\d:\d\d Uhr/u;
    await conversation('en-US', 'sms')
      .send('Bitte leiten Sie meine Anfrage weiter')
      .assertReply((reply) => expect(reply.text).to.include('Ich kann Ihre Anfrage an **'))
      .assertReply((reply) => expect(reply.text).to.equal('Wie ist Ihr Name?'))
      .send('Ana Lima')
      .assertReply('Welches Unternehmen vertreten Sie?')
      .send('Lima Medical Ltd')
      .assertReply('An welche E-Mail-Adresse soll die Antwort gehen?')
      .send('ana@')
      .assertReply((reply) => {
        expect(reply.text).to.include('E-Mail: Das ist keine gültige E-Mail-Adresse.');
        expect(reply.text).to.include('Sie haben eingegeben: „ana@“');
      })
      .send('ana@lima-medical.example')
      .assertReply((reply) => expect(buttons(reply)).to.deep.equal(['Überspringen']))
      .send('überspringen')
      .assertReply((reply) => expect(reply.text).to.match(/^Aus welchem Land/))
      .send('Brazil')
      .assertReply((reply) => expect(reply.text).to.match(/^Worum geht es/))
      .send('We are looking for a production site near Dresden and would like to talk about funding.')
      .assertReply((reply) => {
        expect(reply.text)
          .to.match(/^Ich bin damit einverstanden/)
          .and.to.include('Sind Sie einverstanden? (ja oder nein)');
        expect(buttons(reply)).to.deep.equal(['Ja', 'Nein']);
      })
      .send('ja')
      .assertReply((reply) => {
        expect(reply.text).to.match(/^Vielen Dank, Ana Lima\. Ihre Anfrage ist gespeichert/);
        expect(reply.text).to.match(/Ihre Referenznummer: \*\*INV-[0-9A-Z]{5}\*\*/);
        expect(reply.text).to.match(opening);
      })
      .startTest();
  });
});
