import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { marked } from 'marked';
import { escapeMarkdown, safeLink } from '../../src/replies/markdown.js';
import { TEMPLATE_NAMES, TemplateError, type TemplateName, TemplateSet } from '../../src/replies/templates.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const barbara = {
  name: 'Barbara Weigert',
  role: 'Investor Services',
  team: 'Saxony life sciences team',
  phone: '+49 351 2138-153',
  fax: null,
  email: null,
  address: null,
};
const tina = { ...barbara, name: 'Tina Jaehnig', role: 'Industry, Innovation & Marketing', phone: '+49 351 2138-138' };

/** A model for every template, and a text each rendering must show. */
const MODELS: Record<TemplateName, { model: object; shows: string[] }> = {
  welcome: { model: {}, shows: ['Welcome!'] },
  greeting: { model: {}, shows: ['Hello!'] },
  help: { model: {}, shows: ['Facts and figures'] },
  thanks: { model: {}, shows: ["You're welcome!"] },
  cancel: { model: {}, shows: ["let's start over"] },
  slowDown: { model: {}, shows: ['faster than I can answer', 'wait a few seconds'] },
  memoryLost: { model: {}, shows: ['follow-up question may lose its context'] },
  answer: {
    model: {
      intro: null,
      lines: [
        { text: 'With 1,894 hospitals, Germany has the largest hospital sector in Europe.', isListItem: false },
        { text: 'Market entry analysis', isListItem: true },
      ],
      lostFigure: true,
      source: 'Medical Technology Clusters in Germany, October 2024',
    },
    shows: [
      'With 1,894 hospitals',
      '- Market entry analysis',
      'missing from my source',
      '_Source: Medical Technology Clusters in Germany, October 2024_',
    ],
  },
  unknown: {
    model: {
      contact: barbara,
      nearest: {
        lines: [{ text: 'Germany has 1,894 hospitals.', isListItem: false, breakBefore: false }],
        lostFigure: false,
        source: 'S',
      },
    },
    shows: [
      "I can't answer exactly that",
      'What they do say on the topic:',
      'Germany has 1,894 hospitals.',
      '**Barbara Weigert**',
    ],
  },
  didYouMean: { model: { options: ['Industry structure', 'SaxoCell'] }, shows: ['- Industry structure', '- SaxoCell'] },
  contact: {
    model: { isNamed: false, contact: barbara, alternative: tina },
    shows: ['**Barbara Weigert**', 'Investor Services', '- Phone: +49 351 2138-153', '**Tina Jaehnig**'],
  },
  nothingMore: {
    model: { neighbours: ['SaxoCell', 'health.textil', 'DIANA alliance'] },
    shows: ['That is all my documents say on this. Beside it they cover SaxoCell, health.textil and DIANA alliance.'],
  },
  error: { model: { contact: barbara }, shows: ['something went wrong', '**Barbara Weigert**'] },
  clusterSelect: {
    model: {
      source: 'GTAI Cluster Survey 2024',
      total: 17,
      clusters: ['BIOPRO', 'biosaxony'],
      all: ['Robotics'],
      any: [],
      none: ['Dental'],
      count: true,
      followUp: false,
    },
    shows: [
      '**2** of the 17 clusters',
      'Robotics',
      'but not Dental',
      '- BIOPRO',
      '- biosaxony',
      '_Source: GTAI Cluster Survey 2024_',
    ],
  },
  clusterProfile: {
    model: { source: 'S', total: 19, cluster: 'BioLAGO', areas: ['Digital health', 'Robotics'] },
    shows: ['**BioLAGO** names 2 of the 19 areas', '- Robotics'],
  },
  clusterMembership: {
    model: { source: 'S', total: 17, cluster: 'OptoNet e.V.', yes: ['Dental'], no: [], areas: ['Dental', 'Robotics'] },
    shows: ['Yes. **OptoNet e.V.** names Dental', 'Dental, Robotics'],
  },
  clusterCompare: {
    model: {
      source: 'S',
      total: 17,
      first: 'A',
      second: 'B',
      shared: ['Dental'],
      onlyFirst: [],
      onlySecond: ['Robotics'],
      firstCount: 1,
      secondCount: 2,
      areaCount: 19,
    },
    shows: [
      '**A** (1 of 19 areas of activity) and **B** (2 of 19)',
      '- Both: Dental',
      '- Only A: none',
      '- Only B: Robotics',
    ],
  },
  clusterExtreme: {
    model: {
      source: 'S',
      total: 19,
      clusters: ['Medizin.NRW'],
      isAll: true,
      isMost: false,
      single: true,
      areaCount: 19,
      ordinal: '',
    },
    shows: ['**Medizin.NRW** names all 19 areas'],
  },
  clusterTotal: {
    model: { source: 'S', total: 17, clusters: ['A', 'B'], areas: [] },
    shows: ['The table lists **2** MedTech clusters', '- A'],
  },
  clusterAreaExtreme: {
    model: { source: 'S', areas: ['Hearing aids'], clusterCount: 3, totalClusters: 17, single: true },
    shows: ['**Hearing aids** is named by the fewest clusters: 3 of 17.'],
  },
  consent: {
    model: { contact: barbara, withdraw: barbara, retentionDays: 180 },
    shows: ['passed to Barbara Weigert (Saxony life sciences team)', 'answering this enquiry', '180 days', 'withdraw'],
  },
  leadIntro: {
    model: { contact: barbara, isText: false, submit: 'Send enquiry' },
    shows: ['**Barbara Weigert**', 'nothing is sent until you agree and press "Send enquiry"'],
  },
  leadConfirmed: {
    model: {
      name: 'Ana',
      reference: 'INV-7K3Q2',
      contact: barbara,
      hours: 'Monday to Friday, 09:00–17:00 (Berlin time)',
      openNow: false,
      today: false,
      day: 'Monday',
      date: '2026-11-23',
      time: '09:00',
      replyWithin: 2,
      oneDay: false,
    },
    shows: [
      'INV-7K3Q2',
      'will read your enquiry on Monday 23 November 2026, when work starts at 09:00',
      'within 2 working days',
      'confidential',
    ],
  },
  leadProblems: {
    model: { problems: ['E-mail: this is not a valid e-mail address.'], single: true, showsForm: true },
    shows: ['not stored anything', '- E-mail: this is not a valid e-mail address.', 'still in the form'],
  },
  leadFailed: { model: { contact: barbara, showsForm: true }, shows: ['nothing has been sent', 'try again'] },
  leadPrompt: {
    model: { problem: 'E-mail: this is not a valid e-mail address.', typed: 'ana@' },
    shows: ['not a valid e-mail address', 'You typed: "ana@"'],
  },
  leadCancelled: {
    model: { contact: barbara, declined: true },
    shows: ['without your consent', 'nothing has been stored'],
  },
  leadPrivate: {
    model: { contact: barbara, channel: true, hasLink: true },
    shows: ['**Barbara Weigert**', 'everyone in this channel would see', 'the button below opens it'],
  },
};

/** The TemplateError that loading `dir` must throw. */
async function loadError(dir: string): Promise<TemplateError> {
  try {
    await TemplateSet.load(dir, ['en']);
  } catch (error) {
    expect(error).to.be.instanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error(`TemplateSet.load(${dir}) succeeded, but the templates are broken`);
}

/** The HTML a Markdown renderer (GFM) makes of a text. */
function html(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

describe('TemplateSet', () => {
  describe('with the real templates', () => {
    let templates: TemplateSet;

    before(async () => {
      templates = await TemplateSet.load(TEMPLATES_DIR, ['en']);
    });

    for (const name of TEMPLATE_NAMES) {
      it(`renders "${name}"`, () => {
        const { model, shows } = MODELS[name];
        const text = templates.render('en', name, model);
        for (const fragment of shows) expect(text).to.include(fragment);
        expect(text).to.not.include('{{');
        expect(text).to.not.match(/\n{3,}/);
      });
    }

    it('loads the labels', () => {
      expect(templates.labels('en').askAbout).to.include('{topic}');
      expect(templates.labels('en').suggestions).to.include('How many hospitals are there in Germany?');
    });

    describe('when a value the template needs is missing (strict mode)', () => {
      it('throws rather than rendering "unknown" without a contact', () => {
        expect(() => templates.render('en', 'unknown', {})).to.throw();
      });
    });

    describe('when a value holds template syntax', () => {
      it('renders it literally, escaped, and never evaluates it', () => {
        const text = templates.render('en', 'unknown', {
          secret: 'LEAKED',
          contact: { ...barbara, name: '{{secret}}', role: '{{#each this}}x{{/each}}' },
        });
        expect(text).to.include('**\\{\\{secret\\}\\}**');
        expect(text).to.include('(\\{\\{#each this\\}\\}x\\{\\{/each\\}\\})');
        expect(text).to.not.include('LEAKED');
      });
    });

    describe('when a value holds Markdown or HTML', () => {
      it('shows it inert inside the reply', () => {
        const text = templates.render('en', 'unknown', {
          contact: { ...barbara, name: '[click](javascript:alert(1))', role: '<img src=x onerror=alert(1)>' },
        });
        expect(text).to.not.include('<');
        expect(html(text)).to.not.match(/<a |<img/);
      });
    });
  });

  describe('with a broken copy of the templates', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'templates-test-'));
      await cp(TEMPLATES_DIR, dir, { recursive: true });
    });

    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads the unchanged copy (the broken cases below differ only in what they break)', async () => {
      const templates = await TemplateSet.load(dir, ['en']);
      expect(templates.render('en', 'thanks')).to.include("You're welcome!");
    });

    describe('when a template has a syntax error', () => {
      it('stops loading with TemplateError naming the file', async () => {
        const file = join(dir, 'en', 'unknown.hbs');
        await writeFile(file, 'Call {{#if contact.phone}}{{md contact.phone}} now.\n');
        const error = await loadError(dir);
        expect(error.message).to.include(file);
      });
    });

    describe('when a template is missing', () => {
      it('stops loading with TemplateError naming the file', async () => {
        const file = join(dir, 'en', 'help.hbs');
        await rm(file);
        const error = await loadError(dir);
        expect(error.message).to.include(file).and.include('missing');
      });
    });

    describe('when labels.yaml is invalid', () => {
      it('stops loading with TemplateError naming the file', async () => {
        const file = join(dir, 'en', 'labels.yaml');
        await writeFile(file, 'suggestions: []\n');
        const error = await loadError(dir);
        expect(error.message).to.include(file);
      });
    });

    describe('when a language folder is missing', () => {
      it('stops loading with TemplateError naming the folder', async () => {
        await rm(join(dir, 'en'), { recursive: true });
        const error = await loadError(dir);
        expect(error.message).to.include(join(dir, 'en')).and.include('missing');
      });
    });
  });
});

describe('escapeMarkdown', () => {
  describe('when text holds a link', () => {
    it('escapes the brackets so that no link is made', () => {
      const escaped = escapeMarkdown('[x](javascript:alert(1))');
      expect(escaped).to.equal('\\[x\\](javascript:alert(1))');
      expect(html(escaped)).to.not.include('<a');
    });
  });

  describe('when text holds HTML', () => {
    for (const input of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>']) {
      it(`leaves no "<" in ${input}`, () => {
        const escaped = escapeMarkdown(input);
        expect(escaped).to.not.include('<');
        expect(html(escaped)).to.not.match(/<script|<img/);
      });
    }
  });

  describe('when text holds Markdown marks', () => {
    it('escapes backticks so that no code is made', () => {
      const escaped = escapeMarkdown('run `rm -rf /` now');
      expect(escaped).to.equal('run \\`rm -rf /\\` now');
      expect(html(escaped)).to.not.include('<code>');
    });

    it('escapes asterisks so that no emphasis is made', () => {
      const escaped = escapeMarkdown('**bold** and *italic*');
      expect(escaped).to.equal('\\*\\*bold\\*\\* and \\*italic\\*');
      expect(html(escaped)).to.not.match(/<strong>|<em>/);
    });

    it('escapes "#" at the start of a line so that no heading is made', () => {
      expect(escapeMarkdown('# heading')).to.equal('\\# heading');
      expect(escapeMarkdown('first line\n# heading')).to.equal('first line\n\\# heading');
      for (const input of ['# heading', 'first line\n# heading']) {
        expect(html(escapeMarkdown(input)), input).to.not.match(/<h\d/);
      }
    });

    it('escapes "-" at the start of a line so that no list is made', () => {
      const escaped = escapeMarkdown('- item');
      expect(escaped).to.equal('\\- item');
      expect(html(escaped)).to.not.include('<li>');
    });

    it('leaves plain text as it is', () => {
      expect(escapeMarkdown('With 1,894 hospitals, Germany leads (EUR 102 billion).')).to.equal(
        'With 1,894 hospitals, Germany leads (EUR 102 billion).',
      );
    });
  });
});

describe('safeLink', () => {
  describe('when the link is https, tel or mailto', () => {
    for (const url of ['https://www.gtai.de/medtech', 'tel:+493512138153', 'mailto:invest@gtai.de']) {
      it(`allows ${url}`, () => {
        expect(safeLink(url)).to.equal(url);
      });
    }
  });

  describe('when the link has another scheme or is malformed', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'http://www.gtai.de',
      'data:text/html,<script>alert(1)</script>',
      'https://x.example" onclick="alert(1)',
      ' https://x.example',
      'tel:call-me',
      'mailto:a@b@c',
    ]) {
      it(`rejects ${url}`, () => {
        expect(safeLink(url)).to.equal(undefined);
      });
    }
  });
});

describe('escapeMarkdown, block syntax at the start of a line', () => {
  const cases: [string, string][] = [
    ['## heading', '\\## heading'],
    ['### h', '\\### h'],
    ['1. one', '1\\. one'],
  ];
  for (const [input, expected] of cases) {
    it(`shows "${input}" literally`, () => {
      expect(escapeMarkdown(input)).to.equal(expected);
    });
  }

  it('turns a rule line and an indented code block into plain text', () => {
    const html = marked.parse(escapeMarkdown('a\n---\n\n    code\n\n> quote'), { async: false });
    expect(html).not.to.match(/<h2|<hr|<pre|<code|<blockquote/);
  });
});

describe('TemplateSet strictness through the md helper', () => {
  it('fails loudly when a template refers to a value the reply did not provide', async () => {
    const templates = await TemplateSet.load('templates', ['en']);
    expect(() => templates.render('en', 'answer', { intro: null, lines: [], lostFigure: false })).to.throw(
      TemplateError,
    );
  });
});
