import { createInterface } from 'node:readline/promises';
import { LocalConversation, visibleText } from './localConversation.js';
import { createQuietApp } from './quietApp.js';

// `npm run chat`: a terminal conversation with the same bot, in this process.
const app = await createQuietApp();
const conversation = new LocalConversation(app);
const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
process.stdout.write('Investor bot (type your question; an empty line or Ctrl+D ends)\n\n');
process.stdout.write(`${visibleText(await conversation.say('hello'))}\n\n`);
for await (const line of terminal) {
  if (line.trim() === '') break;
  process.stdout.write(`${visibleText(await conversation.say(line))}\n\nyou> `);
}
terminal.close();
