import { expect } from 'chai';
import { type ClusterAnswer, ClusterFinder } from '../../src/clusters/clusterFinder.js';
import { ClusterTable } from '../../src/clusters/clusterTable.js';
import { type KnowledgeBase, loadKnowledge } from '../../src/knowledge/loader.js';

describe('ClusterFinder', () => {
  let kb: KnowledgeBase;
  let finder: ClusterFinder;
  let table: ClusterTable;

  before(async () => {
    kb = await loadKnowledge('knowledge');
    const markTable = kb.tables[0]!;
    table = new ClusterTable(markTable);
    finder = new ClusterFinder(
      markTable,
      kb.documents.find((d) => d.id === markTable.documentId)!,
      kb.glossary.entries,
    );
  });

  const ask = (text: string, previous: string[] | null = null): ClusterAnswer => {
    const result = finder.answer(text, previous);
    if (!result) throw new Error(`not understood as a table question: ${text}`);
    return result.answer;
  };
  const clustersOf = (answer: ClusterAnswer) => ('clusters' in answer ? answer.clusters : []);

  describe('for every area (property)', () => {
    it('lists exactly the clusters the table marks', () => {
      for (const area of table.columns) {
        expect(clustersOf(ask(`Which clusters work on ${area.toLowerCase()}?`)), area).to.deep.equal(
          table.select([area]),
        );
      }
    });
  });

  describe('for every pair of areas (171 pairs, property)', () => {
    const pairs = () => table.columns.flatMap((a, i) => table.columns.slice(i + 1).map((b) => [a, b] as const));

    it('has 171 pairs', () => {
      expect(pairs()).to.have.length(171);
    });

    it('"A and B" lists exactly the clusters with both', () => {
      for (const [a, b] of pairs()) {
        const answer = ask(`Which clusters cover both ${a.toLowerCase()} and ${b.toLowerCase()}?`);
        expect(clustersOf(answer), `${a} + ${b}`).to.deep.equal(table.select([a, b]));
      }
    });

    it('"A but not B" lists exactly the clusters with A and without B, both ways round', () => {
      for (const [a, b] of pairs()) {
        expect(clustersOf(ask(`Which clusters cover ${a} but not ${b}?`)), `${a} - ${b}`).to.deep.equal(
          table.select([a], [b]),
        );
        expect(clustersOf(ask(`Which clusters cover ${b} but not ${a}?`)), `${b} - ${a}`).to.deep.equal(
          table.select([b], [a]),
        );
      }
    });
  });

  describe('with synonyms, German names and typos from the glossary', () => {
    const cases: [string, string[]][] = [
      ['Which clusters work on ophthalmology?', ['Ophthalmal']],
      ['Which clusters are active in dentistry?', ['Dental']],
      ['which clusters do orthopaedics', ['Orthopedics']],
      ['Which networks cover audiology?', ['Hearing aids']],
      ['which clusters do minimally invasive surgery', ['Minimally invasive technologies']],
      ['Which clusters work on robtics?', ['Robotics']],
      ['Welche Cluster sind in der Zahnmedizin aktiv?', ['Dental']],
    ];
    for (const [question, areas] of cases) {
      it(`understands "${question}"`, () => {
        expect(clustersOf(ask(question))).to.deep.equal(table.select(areas));
      });
    }

    it('knows a cluster by a variant of its name', () => {
      expect(ask('What does Bayern Innovativ focus on?')).to.include({
        kind: 'profile',
        cluster: 'Innovationsnetzwerk Gesundheit Bayern Innovativ',
      });
      expect(ask('What does microTEC Suedwest cover?')).to.include({ cluster: 'microTEC Südwest' });
      expect(ask('What areas is BioCon Valley active in?')).to.include({ cluster: 'BioCon Valley®' });
    });
  });

  describe('other kinds of table question', () => {
    it('answers "what does X not cover?" with exactly the areas its row leaves blank', () => {
      const answer = ask("Is there anything biosaxony doesn't cover?");
      const missing = table.columns.filter((c) => !table.columnsOf('biosaxony').includes(c));
      expect(answer).to.deep.include({ kind: 'profile', cluster: 'biosaxony', complement: true, missing });
      expect(missing).to.have.length.greaterThan(0);
    });

    it('excludes an area both named and excluded: "cardiac devices: which clusters do not cover cardiology?"', () => {
      const answer = ask('We make cardiac devices. Which clusters do not cover cardiology?');
      expect(clustersOf(answer)).to.deep.equal(table.select([], ['Cardiology']));
      expect(clustersOf(answer)).to.have.length.greaterThan(0);
    });

    it('reads a contracted negation as exclusion: "don\'t", "aren\'t", "arent"', () => {
      const without = table.select([], ['Implants']);
      expect(without).to.have.length.greaterThan(0);
      expect(clustersOf(ask("Which clusters don't work on implants?"))).to.deep.equal(without);
      expect(clustersOf(ask("which clusters aren't doing implants"))).to.deep.equal(without);
      expect(clustersOf(ask('which clusters arent doing implants'))).to.deep.equal(without);
    });

    it('answers "all areas with the exception of X" with the clusters that name every other area', () => {
      const others = table.columns.filter((c) => c !== 'Dental');
      const expected = table.select(others);
      expect(expected).to.have.length.greaterThan(0);
      const answer = ask('Which cluster is covering all areas of activity with the exception of dental?');
      expect(clustersOf(answer)).to.deep.equal(expected);
    });

    it('answers ranks below the first: "which cluster comes second in number of areas covered?"', () => {
      const counts = [...new Set(table.rows.map((r) => table.columnsOf(r).length))].sort((a, b) => b - a);
      const answer = ask('Which cluster comes second in number of areas covered?');
      expect(answer).to.deep.include({ kind: 'extreme', which: 'most', rank: 2, areaCount: counts[1] });
      expect(clustersOf(answer)).to.deep.equal(table.rows.filter((r) => table.columnsOf(r).length === counts[1]));
    });

    it('reads "less" as the fewest, and "every single cluster" of areas', () => {
      expect(ask('Which cluster have the less focus areas in the table?')).to.deep.include({ which: 'fewest' });
      expect(ask('Are there areas of activity that every single cluster in the table covers?')).to.deep.include({
        kind: 'areaExtreme',
        which: 'all',
      });
    });

    it("counts the table's clusters or its areas, with the table word misspelt", () => {
      expect(ask('how many clusters are in the gtai tabel')).to.deep.include({ kind: 'total', of: 'clusters' });
      expect(ask('How many areas of activity does the cluster table have as columns?')).to.deep.include({
        kind: 'total',
        of: 'areas',
        areas: table.columns,
      });
    });

    it('reads German "sämtliche" as all and "fehlt" as what a cluster does not cover', () => {
      expect(ask('Welcher Cluster deckt in der GTAI-Tabelle sämtliche Bereiche ab?')).to.deep.include({
        kind: 'extreme',
        which: 'all',
      });
      expect(ask('Welcher Bereich fehlt bei biosaxony in der Cluster-Tabelle?')).to.deep.include({
        kind: 'profile',
        complement: true,
      });
    });

    it('takes a misspelt "clusters" as a table question', () => {
      expect(clustersOf(ask('clustrs w/ dental?'))).to.deep.equal(table.select(['Dental']));
      expect(clustersOf(ask('which clustres do hygiene management'))).to.deep.equal(
        table.select(['Hygiene management']),
      );
    });

    it('finds a cluster by its number in the table', () => {
      const third = table.table.rows[table.table.rowLabels.indexOf('3')]!;
      expect(table.table.rowLabels.slice(0, 3)).to.deep.equal(['1', '2', '3']);
      for (const question of ['Which areas does cluster number 3 cover?', 'cluster #3?', 'what is cluster no. 3']) {
        expect(ask(question), question).to.deep.include({ kind: 'profile', cluster: third });
      }
    });

    it('finds the one cluster whose name holds a place the question names', () => {
      expect(ask('Which cluster in the table is the one from Berlin?')).to.deep.include({
        kind: 'profile',
        cluster: 'HealthCapital Berlin Brandenburg',
      });
      expect(ask('Which cluster of the table is based in Saxony?')).to.deep.include({ cluster: 'biosaxony' });
    });

    it('finds the areas named by the fewest, the most and by every cluster', () => {
      const counts = table.columns.map((c) => table.select([c]).length);
      const fewest = ask('Which area of activity do the fewest clusters name?');
      expect(fewest).to.deep.include({
        kind: 'areaExtreme',
        areas: table.columns.filter((_, i) => counts[i] === Math.min(...counts)),
        clusterCount: Math.min(...counts),
      });
      expect(ask('Which field is covered by the most clusters?')).to.deep.include({
        kind: 'areaExtreme',
        clusterCount: Math.max(...counts),
      });
      expect(ask('Is there any area that every cluster in the table covers?')).to.deep.include({
        kind: 'areaExtreme',
        areas: table.columns.filter((_, i) => counts[i] === table.rows.length),
      });
    });

    it('answers "is OptoNet active in dental?" with yes and the row', () => {
      expect(ask('is OptoNet active in dental?')).to.deep.include({
        kind: 'membership',
        cluster: 'OptoNet e.V.',
        yes: ['Dental'],
        no: [],
      });
      expect(ask('Is BioLAGO active in dental?')).to.deep.include({ yes: [], no: ['Dental'] });
    });

    it('counts the clusters of an area and of the whole table', () => {
      expect(ask('How many clusters cover home care?')).to.include({ kind: 'select', count: true });
      expect(clustersOf(ask('How many clusters are in the table?'))).to.have.length(17);
    });

    it('finds the clusters with all, the most and the fewest areas', () => {
      expect(ask('Which cluster covers all areas?')).to.deep.include({ clusters: ['Medizin.NRW'], areaCount: 19 });
      const fewest = ask('Which cluster covers the fewest areas?') as Extract<ClusterAnswer, { kind: 'extreme' }>;
      const least = Math.min(...table.rows.map((r) => table.columnsOf(r).length));
      expect(fewest.areaCount).to.equal(least);
      expect(fewest.clusters).to.deep.equal(table.rows.filter((r) => table.columnsOf(r).length === least));
    });

    it('compares two clusters by shared areas and areas only one has', () => {
      const answer = ask('compare biosaxony and BIOPRO') as Extract<ClusterAnswer, { kind: 'compare' }>;
      expect(answer.shared).to.include('Robotics');
      expect(answer.onlyFirst).to.include('Hearing aids');
      expect(answer.onlySecond).to.deep.equal(['Dental']);
    });

    it('narrows the previous result on a follow-up', () => {
      const cardiology = clustersOf(ask('Which clusters cover cardiology?'));
      const both = clustersOf(ask('Which of those also do robotics?', cardiology));
      expect(both).to.deep.equal(table.select(['Cardiology', 'Robotics']));
    });

    it('asks "and hearing aids?" afresh, naming the overlap with the previous result', () => {
      const cardiology = clustersOf(ask('Which clusters cover cardiology?'));
      const answer = ask('and hearing aids?', cardiology);
      expect(clustersOf(answer)).to.deep.equal(table.select(['Hearing aids']));
      expect(answer).to.deep.include({ overlap: table.select(['Cardiology', 'Hearing aids']), within: null });
    });

    it('reads a follow-up that does not say "cluster" against the previous table answer', () => {
      const most = ask('Which cluster covers the most areas?');
      expect(ask('and the fewest?', clustersOf(most))).to.deep.include({ kind: 'extreme', which: 'fewest' });
      expect(ask('And medways?', ['Medical Valley EMN'])).to.deep.include({ kind: 'profile', cluster: 'medways' });
      for (const question of ['areas not covered', "And is there anything it doesn't cover?"]) {
        expect(ask(question, ['BioLAGO']), question).to.deep.include({
          kind: 'profile',
          cluster: 'BioLAGO',
          complement: true,
        });
      }
    });

    it('says plainly when no cluster matches', () => {
      expect(clustersOf(ask('Which clusters cover hearing aids but not robotics?'))).to.deep.equal(
        table.select(['Hearing aids'], ['Robotics']),
      );
    });
  });

  describe('when the question is not about the table', () => {
    for (const question of [
      'What is biosaxony?',
      'How many MedTech cluster networks are there in Germany?',
      'What role do hospitals play in medtech clusters?',
      'How many hospitals are there in Germany?',
    ]) {
      it(`leaves "${question}" to the knowledge answer`, () => {
        expect(finder.answer(question, null)).to.equal(null);
      });
    }
  });
});
