import { expect } from 'chai';
import { LEAD_FORM_OPEN_MS, leadFormOpen } from '../../dialogs/leadCapture.js';
import { type ConversationMemory, newMemory } from '../../dialogs/memory.js';

// docs/security.md 46: while the form is open, typed messages are kept out of the insight log; not for ever
describe('The lead form counts as open', () => {
  const shown = Date.parse('2025-03-01T10:00:00Z');

  it('from when it is shown until it is sent', () => {
    const memory: ConversationMemory = { ...newMemory(), leadFormShownAt: shown };
    expect(leadFormOpen(memory, shown + 60_000)).to.equal(true);
    memory.leadFormShownAt = null;
    expect(leadFormOpen(memory, shown + 60_000)).to.equal(false);
  });

  it('for 30 minutes at most, after which questions are logged again', () => {
    const memory: ConversationMemory = { ...newMemory(), leadFormShownAt: shown };
    expect(LEAD_FORM_OPEN_MS).to.equal(30 * 60_000);
    expect(leadFormOpen(memory, shown + LEAD_FORM_OPEN_MS - 1)).to.equal(true);
    expect(leadFormOpen(memory, shown + LEAD_FORM_OPEN_MS)).to.equal(false);
  });

  it('never in a conversation that had no form (state saved before the field existed)', () => {
    expect(leadFormOpen(newMemory(), shown)).to.equal(false);
  });
});
