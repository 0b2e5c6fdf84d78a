import { messageActivity } from './activityFeed.js';
import type { ChildHandle } from './childProcess.js';
import { CHECK_PREFIX, type TargetKind } from './ipc.js';
import { CHECK_QUESTION } from './questions.js';

/**
 * One turn by hand before the load: the target answers 200 and, for the bots, the capture server got the reply and
 * it is the right one (the echo, or the bot's answer with its figure), not an error reply. Throws otherwise, since
 * figures for a bot that only fails would mean nothing.
 */
export async function checkFirstTurn(kind: TargetKind, target: ChildHandle, capture: ChildHandle): Promise<string> {
  const conversationId = `${CHECK_PREFIX}${kind}-${Date.now()}`;
  const activity = messageActivity({
    id: `${conversationId}-1`,
    conversationId,
    userId: `${conversationId}-user`,
    serviceUrl: `${capture.url}/${kind}`,
    text: CHECK_QUESTION.text,
  });
  const response = await fetch(`${target.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`bench: ${kind} answered the first turn with HTTP ${response.status}`);
  if (kind === 'bare') return 'HTTP 200';
  // the turn sends its reply before the HTTP response ends, so it is there already
  const texts = await capture.request({ type: 'texts', conversationId });
  const expected = kind === 'echo' || kind === 'dialog' ? CHECK_QUESTION.text : CHECK_QUESTION.answerContains;
  const reply = texts.join('\n');
  if (!reply.includes(expected)) {
    throw new Error(
      `bench: ${kind} did not answer the first turn as expected ("${expected}"); it sent: ${reply || '(nothing)'}`,
    );
  }
  return `HTTP 200, reply: ${JSON.stringify(oneLine(reply, 90))}`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
