import { terminalText } from '../replies/terminalText.js';
import { LocalConversation, visibleText } from './localConversation.js';
import { createQuietApp } from './quietApp.js';

// `npm run ask -- "question"` prints the reply; with --json: answer, confidence, passage id and source.
const args = process.argv.slice(2);
const json = args.includes('--json');
const question = args
  .filter((a) => a !== '--json')
  .join(' ')
  .trim();
if (!question) {
  process.stderr.write('usage: npm run ask -- [--json] "your question"\n');
  process.exit(2);
}
const app = await createQuietApp();
if (json) {
  const outcome = app.answerer.answer(question);
  const result =
    outcome.kind === 'answer'
      ? {
          kind: outcome.kind,
          answer: outcome.sentences.map((s) => s.text).join(' '),
          confidence: Number(outcome.confidence.toFixed(3)),
          passageId: outcome.passage.id,
          source: app.replies.source('en', outcome.document, outcome.passage.headings),
        }
      : outcome.kind === 'ambiguous'
        ? {
            kind: outcome.kind,
            confidence: Number(outcome.confidence.toFixed(3)),
            passageIds: outcome.options.map((o) => o.passage.id),
          }
        : { kind: outcome.kind, confidence: Number(outcome.confidence.toFixed(3)) };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const replies = await new LocalConversation(app).say(question);
  process.stdout.write(`${terminalText(visibleText(replies), process.stdout.isTTY === true)}\n`);
}
await app.close();
