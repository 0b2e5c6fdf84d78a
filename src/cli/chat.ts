import { createInterface } from 'node:readline/promises';
import { terminalText } from '../replies/terminalText.js';
import { LocalConversation, visibleText } from './localConversation.js';
import { createQuietApp } from './quietApp.js';

// `npm run chat`: a terminal conversation with the same bot, in this process, on the configured store (a lead it
// confirms is in `npm run leads -- list` and is delivered like any other).
const app = await createQuietApp();
const conversation = new LocalConversation(app);
const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const ansi = process.stdout.isTTY === true;
const show = (replies: Parameters<typeof visibleText>[0]) =>
  process.stdout.write(`${terminalText(visibleText(replies), ansi)}\n\n`);
terminal.setPrompt('you> ');
try {
  process.stdout.write('Investor bot (type your question; an empty line or Ctrl+D ends)\n\n');
  show(await conversation.say('hello'));
  terminal.prompt();
  for await (const line of terminal) {
    if (line.trim() === '') break;
    show(await conversation.say(line));
    terminal.prompt();
  }
} finally {
  terminal.close();
  // lets a delivery in flight finish and closes the store; what is not delivered yet stays queued for the server
  await app.close();
}
