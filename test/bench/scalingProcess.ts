import { loadConfig } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import { Glossary } from '../../src/text/glossary.js';
import { measureAnswer, measureBuild, measureScale, measureStartUps } from './indexScaling.js';
import { serveParent } from './ipc.js';
import { QUESTION_MIX } from './questions.js';
import { realisticLibrary } from './realisticLibrary.js';

// Child entry: builds indexes over synthetic libraries on request, in a process of its own, so large indexes
// neither share a heap with the load generator nor linger in the bots' processes.
const knowledge = await loadKnowledge(loadConfig({}).knowledgeDir);
const glossary = new Glossary(knowledge.glossary.entries);
// what reaches the search in a running bot: everything but small talk
const questions = QUESTION_MIX.filter((q) => q.category !== 'smalltalk').map((q) => q.text);
// the search code compiled before anything is timed, on an index of its own (a running bot did this long ago)
const warm = new MiniSearchIndex(knowledge.passages, knowledge.documents, glossary);
for (let round = 0; round < 3; round++) for (const question of questions) warm.search(question);

serveParent('', async (request) => {
  if (request.type === 'scale') return measureScale(knowledge, glossary, request.copies, questions);
  if (request.type === 'realistic') {
    const library = realisticLibrary(knowledge, request.passages);
    return measureStartUps(library, glossary, questions);
  }
  if (request.type === 'build') return measureBuild(knowledge, glossary, request.passages);
  if (request.type === 'answer') return measureAnswer(knowledge, glossary, questions);
  if (request.type === 'stop') return null;
  throw new Error(`the scaling process does not answer "${request.type}"`);
});
