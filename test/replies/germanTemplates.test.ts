import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { TEMPLATE_NAMES, type TemplateName, TemplateSet } from '../../src/replies/templates.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const barbara = {
  name: 'Barbara Weigert',
  role: 'Investor Services',
  team: 'Saxony life sciences team',
  phone: '+49 351 2138-153',
  fax: null,
  email: 'barbara.weigert@smwa.sachsen.de',
  address: null,
};
const source = 'Medical Technology Clusters in Germany, Oktober 2024';

/**
 * A model for every German template, with numbers large enough to need a thousands separator, and what the reply
 * must say: German wording, German number and date formats (1.894; 23. November 2026).
 */
const MODELS: Record<TemplateName, { model: object; shows: string[] }> = {
  welcome: { model: {}, shows: ['Willkommen!', 'immer mit Quellenangabe'] },
  greeting: { model: {}, shows: ['Hallo!', 'Ansprechperson'] },
  help: { model: {}, shows: ['Zahlen und Fakten', 'Auszüge zeige ich im Original'] },
  thanks: { model: {}, shows: ['Gern geschehen!'] },
  cancel: { model: {}, shows: ['wir fangen von vorne an'] },
  slowDown: { model: {}, shows: ['schneller, als ich antworten kann'] },
  memoryLost: { model: {}, shows: ['Anschlussfrage der Zusammenhang fehlen'] },
  answer: {
    model: {
      intro: null,
      quoted: true,
      lines: [{ text: 'With 1,894 hospitals, Germany has the largest hospital sector in Europe.', isListItem: false }],
      lostFigure: true,
      source,
    },
    // the English extract exactly as it stands, introduced and sourced in German
    shows: [
      'Auszug im englischen Original',
      'With 1,894 hospitals, Germany has the largest hospital sector in Europe.',
      'Eine Zahl in diesem Auszug fehlt',
      `_Quelle: ${source}_`,
    ],
  },
  unknown: {
    model: { contact: barbara, nearest: null },
    shows: ['leider keine Informationen', 'ich rate nicht', 'Telefon +49 351'],
  },
  didYouMean: { model: { options: ['Finding partners made simple'] }, shows: ['Meinten Sie', '- Finding partners'] },
  contact: {
    model: { isNamed: false, otherRoles: null, contact: barbara, alternative: null },
    shows: ['Die richtige Ansprechperson dafür ist **Barbara Weigert**', '- Telefon: +49 351 2138-153', '- E-Mail:'],
  },
  nothingMore: {
    model: { neighbours: ['SaxoCell', 'health.textil'] },
    shows: ['Mehr sagen meine Unterlagen dazu nicht. Daneben behandeln sie SaxoCell und health.textil.'],
  },
  error: { model: { contact: barbara }, shows: ['etwas schiefgegangen', 'unter +49 351 2138-153'] },
  clusterSelect: {
    model: {
      source,
      total: 1200,
      count: true,
      clusters: ['A', 'B'],
      all: ['Robotics'],
      any: [],
      none: ['Dental'],
      followUp: false,
    },
    shows: ['**2** der 1.200 Cluster in der Tabelle nennen Robotics als Schwerpunkt, aber nicht Dental:', '_Quelle:'],
  },
  clusterProfile: {
    model: { source, total: 19, cluster: 'BioCon Valley', areas: ['Implants', 'Dental'] },
    shows: ['**BioCon Valley** nennt 2 der 19 Tätigkeitsfelder als Schwerpunkt', '- Dental'],
  },
  clusterMembership: {
    model: { source, cluster: 'innoMed', yes: ['Robotics'], no: ['Dental', 'Implants'], areas: ['Robotics'] },
    shows: ['Teilweise. **innoMed** nennt Robotics als Schwerpunkt, aber nicht Dental oder Implants.'],
  },
  clusterCompare: {
    model: {
      source,
      first: 'A',
      second: 'B',
      shared: [],
      onlyFirst: ['Dental'],
      onlySecond: [],
      firstCount: 1,
      secondCount: 0,
      areaCount: 19,
    },
    shows: [
      '**A** (1 von 19 Tätigkeitsfeldern) und **B** (0 von 19) im Vergleich',
      'kein gemeinsames',
      '- Nur B: keines',
    ],
  },
  clusterExtreme: {
    model: {
      source,
      clusters: ['biosaxony'],
      isAll: false,
      isMost: true,
      single: true,
      areaCount: 18,
      total: 19,
      ordinal: 'zweit',
    },
    shows: ['**biosaxony** nennt die zweitmeisten Tätigkeitsfelder: 18 von 19.'],
  },
  clusterTotal: {
    model: { source, total: 17, clusters: Array.from({ length: 1001 }, (_, i) => `C${i}`), areas: [] },
    shows: ['Die Tabelle nennt **1.001** MedTech-Cluster'],
  },
  clusterAreaExtreme: {
    model: { source, areas: ['Diagnostics', 'Digital health'], clusterCount: 1001, totalClusters: 1001, isAll: true },
    shows: ['Alle 1.001 Cluster nennen **Diagnostics** und **Digital health** als Schwerpunkt.'],
  },
  consent: {
    model: { contact: barbara, withdraw: barbara, retentionDays: 1000 },
    shows: ['Ich bin damit einverstanden', '1.000 Tage lang aufbewahrt', 'widerrufen'],
  },
  leadIntro: {
    model: { contact: barbara, isText: false, submit: 'Anfrage senden' },
    shows: ['weitergeben', 'auf „Anfrage senden“ klicken'],
  },
  leadConfirmed: {
    model: {
      name: 'Ana',
      reference: 'INV-7K3Q2',
      contact: barbara,
      hours: 'Montag bis Freitag, 09:00–17:00 Uhr (Zeitzone Berlin)',
      openNow: false,
      today: false,
      day: 'Montag',
      date: '2026-11-23',
      time: '09:00',
      replyWithin: 2,
      oneDay: false,
    },
    shows: [
      'Vielen Dank, Ana.',
      'Ihre Referenznummer: **INV-7K3Q2**',
      'wird daher am Montag, 23. November 2026, ab 09:00 Uhr gelesen',
      'innerhalb von 2 Arbeitstagen',
      'vertraulich',
    ],
  },
  leadProblems: {
    model: { problems: ['E-Mail: Das ist keine gültige E-Mail-Adresse.'], single: true, showsForm: true },
    shows: ['Ich habe noch nichts gespeichert', 'diesen Punkt', 'steht noch im Formular'],
  },
  leadFailed: {
    model: { contact: barbara, showsForm: true },
    shows: ['nicht speichern', 'nichts gesendet', 'oder per E-Mail an barbara.weigert@smwa.sachsen.de'],
  },
  leadPrompt: {
    model: { problem: 'E-Mail: Das ist keine gültige E-Mail-Adresse.', typed: 'ana@' },
    shows: ['Sie haben eingegeben: „ana@“'],
  },
  leadCancelled: {
    model: { contact: barbara, declined: true },
    shows: ['Ohne Ihre Einwilligung', 'nichts gespeichert'],
  },
  leadPrivate: {
    model: { contact: barbara, channel: false, hasLink: false },
    shows: ['**Barbara Weigert**', 'Alle in diesem Chat', 'persönlichen Chat'],
  },
};

describe('German reply templates', () => {
  let templates: TemplateSet;

  before(async () => {
    templates = await TemplateSet.load(TEMPLATES_DIR, ['en', 'de']);
  });

  for (const name of TEMPLATE_NAMES) {
    it(`renders "${name}" in German`, () => {
      const { model, shows } = MODELS[name];
      const text = templates.render('de', name, model);
      for (const fragment of shows) expect(text).to.include(fragment);
      expect(text).to.not.match(/\n{3,}/);
      // its own German file, not the English fallback
      expect(templates.version('de', name)).to.match(/^de-/);
    });
  }

  it('writes the numbers of the German confirmation in German, and those of the English one in English', () => {
    const model = { ...MODELS.consent.model };
    expect(templates.render('de', 'consent', model)).to.include('1.000 Tage');
    expect(templates.render('en', 'consent', model)).to.include('1,000 days');
  });

  it('labels the German lead form and its buttons in German', () => {
    const labels = templates.labels('de');
    expect(labels.locale).to.equal('de-DE');
    expect(labels.leadForm).to.include({ title: 'Ihre Anfrage weitergeben', submit: 'Anfrage senden' });
    expect(labels.yes).to.equal('Ja');
    expect(labels.weekdays.mon).to.equal('Montag');
  });
});
