import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { KnowledgeError } from '../../src/knowledge/knowledgeError.js';
import { type KnowledgeBase, loadKnowledge, MAX_KNOWLEDGE_FILE_BYTES } from '../../src/knowledge/loader.js';
import { parseBody } from '../../src/knowledge/markdown.js';
import { splitSentences } from '../../src/knowledge/sentences.js';
import { LOST_FIGURE, type MarkTable, type Passage } from '../../src/knowledge/types.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

const ALL_AREAS = [
  'Implants',
  'Minimally invasive technologies',
  'Digital health',
  'Medical imaging',
  'Diagnostics',
  'Surgical instruments',
  'Cardiology',
  'Robotics',
  'Hygiene management',
  'Hearing aids',
  'Ophthalmal',
  'Plasma medicine',
  'Bone healing',
  'Dental',
  'Orthopedics',
  'Endoprosthetics',
  'Home care',
  'Rehabilitation',
  'Assistive technologies',
];

/** The passage whose text contains `fragment`; fails the test when there is none. */
function passageWith(passages: readonly Passage[], fragment: string): Passage {
  const found = passages.find((p) => p.text.includes(fragment));
  if (!found) throw new Error(`no passage contains "${fragment}"`);
  return found;
}

/** Whether the cluster table marks `row` for `column`; fails the test when either is not in the table. */
function mark(table: MarkTable, row: string, column: string): boolean {
  const r = table.rows.indexOf(row);
  const c = table.columns.indexOf(column);
  if (r < 0 || c < 0) throw new Error(`no cell ${row} × ${column}`);
  return table.cells[r]![c]!;
}

/** The KnowledgeError that loading `dir` must throw. */
async function loadError(dir: string): Promise<KnowledgeError> {
  try {
    await loadKnowledge(dir);
  } catch (error) {
    expect(error).to.be.instanceOf(KnowledgeError);
    return error as KnowledgeError;
  }
  throw new Error(`loadKnowledge(${dir}) succeeded, but the knowledge is broken`);
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing: the test no longer breaks the file`);
  await writeFile(file, after);
}

describe('Loader', () => {
  describe('with the real knowledge folder', () => {
    let kb: KnowledgeBase;

    before(async () => {
      kb = await loadKnowledge(KNOWLEDGE_DIR);
    });

    it('loads the three documents, and not the README', () => {
      expect(kb.documents.map((d) => d.id)).to.deep.equal([
        'gtai-medtech-clusters',
        'saxony-focus-on-health',
        'saxony-life-sciences',
      ]);
      expect(kb.documents.map((d) => d.file)).to.not.include(join(KNOWLEDGE_DIR, 'README.md'));
    });

    it('keeps the front matter the citation needs', () => {
      const gtai = kb.documents.find((d) => d.id === 'gtai-medtech-clusters')!;
      expect(gtai.title).to.equal('Medical Technology Clusters in Germany, issue 2025/2026');
      expect(gtai.publisher).to.equal('Germany Trade & Invest (GTAI)');
      expect(gtai.published).to.equal('2024-10');
      expect(gtai.scope).to.equal('germany');
    });

    it('gives every document passages, each under its heading path', () => {
      for (const document of kb.documents) {
        const own = kb.passages.filter((p) => p.documentId === document.id);
        expect(own, document.id).to.not.be.empty;
        for (const p of own) expect(p.headings[0], p.id).to.equal(own[0]!.headings[0]);
      }
      expect(passageWith(kb.passages, '1,894 hospitals').headings).to.deep.equal([
        'Medical Technology Clusters in Germany',
        "Innovations and Germany's MedTech Industry",
        "Europe's largest hospital sector",
      ]);
      expect(passageWith(kb.passages, 'SaxoCell - the precision therapy cluster').headings).to.deep.equal([
        'Focus on Health',
        'Life Sciences Networks',
        'SaxoCell',
      ]);
    });

    it('keeps a list with the paragraph that introduces it', () => {
      const services = passageWith(kb.passages, 'Services include:');
      expect(services.sentences.filter((s) => s.isListItem).map((s) => s.text)).to.deep.equal([
        'Market and industry reports',
        'Market entry analysis',
        'Business and tax law information',
        'Funding and financing information',
      ]);
    });

    it('keeps the lost-figure marker where the source lost a figure', () => {
      const facts = passageWith(kb.passages, 'Life sciences stakeholders:');
      expect(facts.sentences[0]!.text).to.include(LOST_FIGURE);
    });

    it('does not turn the cluster table into passages', () => {
      expect(kb.passages.some((p) => p.text.includes('●'))).to.equal(false);
    });

    it('parses the cluster table as 17 clusters × 19 areas', () => {
      expect(kb.tables).to.have.length(1);
      const table = kb.tables[0]!;
      expect(table.rowHeader).to.equal('Cluster');
      expect(table.source).to.equal('GTAI Cluster Survey 2024');
      expect(table.rows).to.have.length(17);
      expect(table.rows[0]).to.equal('5-HT Chemistry & Health');
      expect(table.rows.at(-1)).to.equal('Technologieland Hessen');
      expect(table.columns).to.deep.equal(ALL_AREAS);
      expect(table.cells).to.have.length(17);
      for (const row of table.cells) expect(row).to.have.length(19);
    });

    it('marks the right cells: biosaxony does Robotics but not Dental', () => {
      const table = kb.tables[0]!;
      expect(mark(table, 'biosaxony', 'Robotics')).to.equal(true);
      expect(mark(table, 'biosaxony', 'Dental')).to.equal(false);
      expect(mark(table, 'microTEC Südwest', 'Hearing aids')).to.equal(true);
      expect(mark(table, 'Technologieland Hessen', 'Robotics')).to.equal(false);
    });

    it('marks all 19 areas for Medizin.NRW', () => {
      const table = kb.tables[0]!;
      expect(table.cells[table.rows.indexOf('Medizin.NRW')]).to.deep.equal(ALL_AREAS.map(() => true));
    });

    it('validates the contacts, each citing a loaded document', () => {
      expect(kb.contacts.defaultContact).to.equal('barbara-weigert');
      expect(kb.contacts.contacts.map((c) => c.id)).to.include.members(['andrea-schluetter', 'gabriel-flemming']);
      const documentIds = kb.documents.map((d) => d.id);
      for (const c of kb.contacts.contacts) expect(documentIds).to.include.members(c.sources);
    });

    it('validates the glossary', () => {
      const medtech = kb.glossary.entries.find((e) => e.term === 'medical technology');
      expect(medtech?.variants).to.include('medtech');
    });
  });

  describe('with a broken copy of the knowledge folder', () => {
    let dir: string;
    const file = (name: string) => join(dir, name);

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'knowledge-test-'));
      await cp(KNOWLEDGE_DIR, dir, { recursive: true });
    });

    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads the unchanged copy (the broken cases below differ only in what they break)', async () => {
      const kb = await loadKnowledge(dir);
      expect(kb.documents).to.have.length(3);
    });

    describe('when a document has no front matter', () => {
      it('stops with the file name and the reason', async () => {
        await edit(file('saxony-life-sciences.md'), (t) => t.replace(/^---\n[\s\S]*?\n---\n/, ''));
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.message).to.include(file('saxony-life-sciences.md')).and.include('missing front matter');
      });
    });

    describe('when the front matter is invalid YAML', () => {
      it('stops with the file name and the reason', async () => {
        await edit(file('saxony-life-sciences.md'), (t) => t.replace('kind: web page', 'kind: [web page'));
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.message).to.include(file('saxony-life-sciences.md')).and.include('invalid YAML');
      });
    });

    describe('when the front matter has an unknown key', () => {
      it('stops with the file name and the key', async () => {
        await edit(file('saxony-life-sciences.md'), (t) => t.replace('kind: web page', 'kind: web page\nauthor: Jane'));
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.message).to.include(file('saxony-life-sciences.md')).and.include('"author"');
      });
    });

    describe('when a front matter field is missing', () => {
      it('stops with the file name and the field', async () => {
        await edit(file('saxony-life-sciences.md'), (t) => t.replace('language: en\n', ''));
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.reason).to.match(/^language: /);
      });
    });

    describe('when `published` is not YYYY, YYYY-MM or YYYY-MM-DD', () => {
      it('stops with the file name and the expected format', async () => {
        await edit(file('gtai-medtech-clusters.md'), (t) =>
          t.replace('published: "2024-10"', 'published: "October 2024"'),
        );
        const error = await loadError(dir);
        expect(error.file).to.equal(file('gtai-medtech-clusters.md'));
        expect(error.message).to.include('published: YYYY, YYYY-MM or YYYY-MM-DD');
      });
    });

    describe('when two documents have the same id', () => {
      it('stops with the second file and the duplicate id', async () => {
        await edit(file('saxony-life-sciences.md'), (t) =>
          t.replace('id: saxony-life-sciences', 'id: saxony-focus-on-health'),
        );
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.message).to.include('duplicate document id "saxony-focus-on-health"');
      });
    });

    describe('when a document has front matter but no text', () => {
      it('stops with the file name and the reason', async () => {
        await writeFile(
          file('saxony-life-sciences.md'),
          '---\nid: empty\ntitle: Empty\nlanguage: en\nkind: report\norigin: nowhere\n---\n\n# Only a heading\n',
        );
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.reason).to.equal('the document has no text');
      });
    });

    describe('when a contact cites an unknown document', () => {
      it('stops with contacts.yaml, the contact and the document', async () => {
        await edit(file('contacts.yaml'), (t) =>
          t.replace(
            'sources: [gtai-medtech-clusters]\n    covers:\n      regions: [germany, german,',
            'sources: [gtai-annual-report]\n    covers:\n      regions: [germany, german,',
          ),
        );
        const error = await loadError(dir);
        expect(error.file).to.equal(file('contacts.yaml'));
        expect(error.message).to.include('contact "gabriel-flemming" cites unknown document "gtai-annual-report"');
      });
    });

    describe('when a contact is an alternative to a contact that does not exist', () => {
      it('stops with contacts.yaml and both ids, instead of silently dropping the contact from routing', async () => {
        await edit(file('contacts.yaml'), (t) =>
          t.replace('alternativeTo: andrea-schluetter', 'alternativeTo: andrea-schlutter'),
        );
        const error = await loadError(dir);
        expect(error.file).to.equal(file('contacts.yaml'));
        expect(error.message).to.include(
          'contact "tina-jaehnig" is an alternative to unknown contact "andrea-schlutter"',
        );
      });
    });

    describe('when a contact has a bad e-mail address', () => {
      it('stops with contacts.yaml and the field', async () => {
        await edit(file('contacts.yaml'), (t) => t.replace('gabriel.flemming@gtai.de', 'gabriel.flemming(at)gtai.de'));
        const error = await loadError(dir);
        expect(error.file).to.equal(file('contacts.yaml'));
        expect(error.message).to.include(file('contacts.yaml'));
        expect(error.reason).to.match(/^contacts\.\d+\.email: /);
      });
    });

    describe('when contacts.yaml is missing', () => {
      it('stops with contacts.yaml and the reason', async () => {
        await rm(file('contacts.yaml'));
        const error = await loadError(dir);
        expect(error.file).to.equal(file('contacts.yaml'));
        expect(error.reason).to.include('cannot read the file');
      });
    });

    describe('when a glossary entry has an unknown key', () => {
      it('stops with glossary.yaml and the key', async () => {
        await edit(file('glossary.yaml'), (t) =>
          t.replace('  - term: SMEs\n', '  - term: SMEs\n    note: small firms\n'),
        );
        const error = await loadError(dir);
        expect(error.file).to.equal(file('glossary.yaml'));
        expect(error.message).to.include('"note"');
      });
    });

    describe('when a document is not UTF-8', () => {
      it('stops with the file name and the reason', async () => {
        const latin1 = Buffer.from(await readFile(file('saxony-life-sciences.md'), 'utf8'), 'latin1');
        await writeFile(file('saxony-life-sciences.md'), latin1);
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.message).to.include('not valid UTF-8');
      });
    });

    describe('when a document is larger than the limit', () => {
      it('stops with the file name and the reason', async () => {
        await writeFile(file('saxony-life-sciences.md'), 'x'.repeat(MAX_KNOWLEDGE_FILE_BYTES + 1));
        const error = await loadError(dir);
        expect(error.file).to.equal(file('saxony-life-sciences.md'));
        expect(error.reason).to.include('larger than 2 MB');
      });
    });
  });

  describe('when the folder holds no documents', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'knowledge-empty-'));
    });

    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('stops with the folder and the reason', async () => {
      const error = await loadError(dir);
      expect(error.file).to.equal(dir);
      expect(error.message).to.include(dir).and.include('no documents');
    });
  });

  describe('when the folder does not exist', () => {
    it('stops with the folder and the reason', async () => {
      const missing = join(tmpdir(), 'knowledge-that-does-not-exist-8f3a1c');
      const error = await loadError(missing);
      expect(error.file).to.equal(missing);
      expect(error.reason).to.include('cannot read the folder');
    });
  });
});

describe('Sentences', () => {
  describe('when a paragraph holds abbreviations', () => {
    it('keeps "Prof. Dr. Frank Buchholz" inside one sentence', () => {
      expect(
        splitSentences('Prof. Dr. Frank Buchholz, Professorship for Medical Systems Biology. The faculty is young.'),
      ).to.deep.equal([
        'Prof. Dr. Frank Buchholz, Professorship for Medical Systems Biology.',
        'The faculty is young.',
      ]);
    });

    it('keeps "e.g." inside one sentence', () => {
      expect(
        splitSentences('They focus on regenerative medicine (e.g. tissue engineering) and diagnostics. More follows.'),
      ).to.deep.equal([
        'They focus on regenerative medicine (e.g. tissue engineering) and diagnostics.',
        'More follows.',
      ]);
    });

    it('keeps "GRAVOmer e. V." inside one sentence', () => {
      expect(
        splitSentences('As a cross-industry network, GRAVOmer e. V. has been linking expertise since 2020. It grows.'),
      ).to.deep.equal([
        'As a cross-industry network, GRAVOmer e. V. has been linking expertise since 2020.',
        'It grows.',
      ]);
    });
  });

  describe('when a paragraph holds plain sentences', () => {
    it('splits them and trims the spaces', () => {
      expect(splitSentences('  Saxony is dynamic.  Dresden is in Saxony!  Is Leipzig too? ')).to.deep.equal([
        'Saxony is dynamic.',
        'Dresden is in Saxony!',
        'Is Leipzig too?',
      ]);
    });

    it('gives nothing for empty text', () => {
      expect(splitSentences('')).to.deep.equal([]);
    });
  });
});

describe('Markdown', () => {
  describe('when a paragraph ending in ":" introduces a list', () => {
    it('joins the list to that paragraph’s passage', () => {
      const { passages } = parseBody('doc', '# Title\n\nServices include:\n\n- reports\n- analysis\n');
      expect(passages).to.have.length(1);
      expect(passages[0]!.sentences).to.deep.equal([
        { text: 'Services include:', isListItem: false },
        { text: 'reports', isListItem: true },
        { text: 'analysis', isListItem: true },
      ]);
      expect(passages[0]!.text).to.equal('Services include: reports analysis');
    });
  });

  describe('when a list follows a paragraph that does not end in ":"', () => {
    it('makes the list a passage of its own', () => {
      const { passages } = parseBody('doc', '# Title\n\nSome facts.\n\n- one\n- two\n');
      expect(passages.map((p) => p.text)).to.deep.equal(['Some facts.', 'one two']);
      expect(passages[1]!.sentences.every((s) => s.isListItem)).to.equal(true);
    });
  });

  describe('when passages sit under headings', () => {
    it('keeps the heading path of each passage', () => {
      const { passages } = parseBody('doc', '# A\n\nFirst.\n\n## B\n\nSecond.\n\n### C\n\nThird.\n\n## D\n\nFourth.\n');
      expect(passages.map((p) => [p.id, p.headings])).to.deep.equal([
        ['doc#1', ['A']],
        ['doc#2', ['A', 'B']],
        ['doc#3', ['A', 'B', 'C']],
        ['doc#4', ['A', 'D']],
      ]);
    });

    it('keeps the path dense when a heading level is skipped', () => {
      const { passages } = parseBody('doc', '# A\n\n### C\n\nText.\n');
      expect(passages[0]!.headings).to.deep.equal(['A', '', 'C']);
    });

    it('drops link targets and emphasis marks from the text', () => {
      const { passages } = parseBody('doc', 'See **our** [site](https://example.com) &amp; more.\n');
      expect(passages[0]!.text).to.equal('See our site & more.');
    });
  });

  describe('when a table holds ● marks', () => {
    it('becomes a MarkTable under its heading path', () => {
      const body =
        '# A\n\n## Clusters\n\n| No. | Cluster | X | Y |\n|---|---|---|---|\n| 1 | One | ● |  |\n| 2 | Two |  | ● |\n';
      const { tables, passages } = parseBody('doc', body);
      expect(passages).to.deep.equal([]);
      expect(tables).to.deep.equal([
        {
          id: 'doc#table-1',
          documentId: 'doc',
          headings: ['A', 'Clusters'],
          rowHeader: 'Cluster',
          source: null,
          rows: ['One', 'Two'],
          rowLabels: ['1', '2'],
          columns: ['X', 'Y'],
          cells: [
            [true, false],
            [false, true],
          ],
        },
      ]);
    });
  });

  describe('when a table holds no marks', () => {
    it('does not become a MarkTable', () => {
      const { tables } = parseBody('doc', '# A\n\n| Year | Figure |\n|---|---|\n| 2023 | 1,400 |\n| 2024 | x |\n');
      expect(tables).to.deep.equal([]);
    });
  });
});
