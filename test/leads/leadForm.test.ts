import { expect } from 'chai';
import { checkField, checkSubmission, isLeadSubmission } from '../../src/leads/leadForm.js';
import { LEAD_FORM } from '../fixtures/leads.js';

function problemsOf(raw: unknown) {
  const checked = checkSubmission(raw);
  expect(checked.ok, 'the submission should be refused').to.equal(false);
  return checked.ok ? [] : checked.problems;
}

describe('Lead form checks', () => {
  it('accepts the form as the card sends it, with empty optional fields as none', () => {
    const checked = checkSubmission({ ...LEAD_FORM, phone: '', country: '' });
    expect(checked).to.deep.include({ ok: true });
    expect(checked.ok && checked.submission).to.include({ name: 'Ana Lima', phone: null, country: null });
  });

  for (const consent of [undefined, 'false', 'on', 'TRUE', true, 1]) {
    it(`refuses consent ${JSON.stringify(consent)}: only the toggle's on-value "true" is consent`, () => {
      const raw: Record<string, unknown> = { ...LEAD_FORM, consent };
      if (consent === undefined) delete raw.consent;
      expect(problemsOf(raw)).to.deep.include({ field: 'consent', problem: 'consent' });
    });
  }

  for (const [email, why] of [
    ['ana@', 'incomplete'],
    ['ana@lima.example\r\nBcc: all@example.org', 'CR/LF'],
    [`${'a'.repeat(50_000)}@lima.example`, '50 KB'],
    ['', 'empty'],
  ] as const) {
    it(`refuses an e-mail address that is ${why}, address quickly`, () => {
      const started = performance.now();
      const problems = problemsOf({ ...LEAD_FORM, email });
      expect(performance.now() - started).to.be.below(50);
      expect(problems.map((p) => p.field)).to.deep.equal(['email']);
    });
  }

  it('refuses fields the form has not got (status, assignedTo)', () => {
    expect(problemsOf({ ...LEAD_FORM, status: 'won', assignedTo: 'me' })).to.deep.include({
      field: 'form',
      problem: 'unknownFields',
      fields: ['status', 'assignedTo'],
    });
  });

  it('refuses an oversized message and keeps what was typed for the form', () => {
    const checked = checkSubmission({ ...LEAD_FORM, message: 'x'.repeat(2_500) });
    expect(checked.ok).to.equal(false);
    if (checked.ok) return;
    expect(checked.problems).to.deep.equal([{ field: 'message', problem: 'tooLong' }]);
    expect(checked.values.name).to.equal('Ana Lima');
    expect(checked.values.message).to.have.length(2_500);
  });

  it('refuses a name of only invisible characters, and strips them from a real one', () => {
    expect(problemsOf({ ...LEAD_FORM, name: '\u200b\u202e \u0000' })).to.deep.include({
      field: 'name',
      problem: 'required',
    });
    const checked = checkSubmission({ ...LEAD_FORM, name: 'Ana\u202e Lima\u0007', company: 'Cafe\u0301' });
    expect(checked.ok && checked.submission).to.include({ name: 'Ana Lima', company: 'Café' });
  });

  it('keeps the line breaks of the enquiry', () => {
    const checked = checkSubmission({ ...LEAD_FORM, message: 'Line one\r\nLine two' });
    expect(checked.ok && checked.submission.message).to.equal('Line one\nLine two');
  });

  it('refuses a phone number with letters', () => {
    expect(problemsOf({ ...LEAD_FORM, phone: 'call me maybe' })).to.deep.include({
      field: 'phone',
      problem: 'invalidPhone',
    });
  });

  it('tells a submitted form from any other card data, and from a message with none', () => {
    const verdicts = [undefined, null, 'submitLead', 1, [], ['submitLead'], {}, { action: 'ask' }, LEAD_FORM].map(
      (value) => isLeadSubmission(value),
    );
    expect(verdicts).to.deep.equal([false, false, false, false, false, false, false, false, true]);
  });

  // every message turn asks whether it carries a submitted form (src/leads/leadForm.ts): one without card data must
  // not pay for a schema's failed parse (3 % of a turn); timed against the parse a submission needs, in one loop
  it('answers at once for a message without card data', () => {
    const timed = (value: unknown) => {
      const started = performance.now();
      for (let i = 0; i < 50_000; i++) isLeadSubmission(value);
      return performance.now() - started;
    };
    timed(LEAD_FORM);
    timed(undefined);
    const plain = timed(undefined);
    const form = timed(LEAD_FORM);
    expect(plain, `${plain.toFixed(1)} ms against ${form.toFixed(1)} ms`).to.be.below(form / 3);
  });

  it('refuses what is not a form at all', () => {
    for (const raw of [null, 'text', [], 42]) expect(checkSubmission(raw).ok).to.equal(false);
  });

  it('checks a single typed answer with the same rules (text channels)', () => {
    expect(checkField('email', ' ana@lima.example ')).to.deep.equal({ ok: true, value: 'ana@lima.example' });
    expect(checkField('email', 'ana@')).to.deep.equal({ ok: false, problem: 'invalidEmail' });
    expect(checkField('country', '')).to.deep.equal({ ok: true, value: null });
  });
});
