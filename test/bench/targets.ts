import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { type ChildRequest, memoryFigures, serveParent, TARGET_KINDS, type TargetKind, usageFigures } from './ipc.js';
import type { Target } from './target.js';

// Child entry: `targets.ts <kind>` starts one server under test and answers the bench over IPC. Each kind is
// imported on its own, so the bare route's memory holds restify only, not the Bot Framework.
const starters: Record<TargetKind, () => Promise<Target>> = {
  bare: async () => (await import('./bareTarget.js')).startBareTarget(),
  echo: async () => (await import('./echoTarget.js')).startEchoTarget(),
  dialog: async () => (await import('./dialogTarget.js')).startDialogTarget(),
  bot: async () => (await import('./botTarget.js')).startBotTarget(),
};

/** The inspector's CPU profiler, started and stopped around the measured load only (not start-up or warm-up). */
async function profile(session: Session, request: Extract<ChildRequest, { type: 'profile' }>): Promise<null> {
  if (request.start) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return null;
  }
  const { profile: taken } = await session.post('Profiler.stop');
  await writeFile(request.file, JSON.stringify(taken));
  session.disconnect();
  return null;
}

const kind = process.argv[2] as TargetKind;
if (!TARGET_KINDS.includes(kind)) {
  process.stderr.write(`bench: unknown target "${kind}" (one of ${TARGET_KINDS.join(', ')})\n`);
  process.exit(2);
}
const target = await starters[kind]();
const profiler = new Session();
serveParent(
  target.url,
  async (request) => {
    if (request.type === 'memory') return memoryFigures(request.gc);
    if (request.type === 'usage') return usageFigures();
    if (request.type === 'profile') return profile(profiler, request);
    if (request.type === 'stop') return target.close().then(() => null);
    throw new Error(`a target does not answer "${request.type}"`);
  },
  target.close,
);
