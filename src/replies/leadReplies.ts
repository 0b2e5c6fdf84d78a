import { ActivityTypes, MessageFactory } from 'botbuilder';
import type { Contact } from '../contacts/contactDirectory.js';
import type { NextOpening } from '../contacts/workingHours.js';
import type { WorkingHours } from '../knowledge/schema.js';
import { FIELD_MAX, type FieldProblem, type LeadField, type LeadValues, OPTIONAL_FIELDS } from '../leads/leadForm.js';
import type { ConsentText } from '../leads/leadIntake.js';
import type { Lead } from '../storage/leadStore.js';
import { cleanText } from '../text/fold.js';
import type { Language } from '../text/languages.js';
import { openUrlCard } from './cards.js';
import { contactModel } from './contactModel.js';
import { fieldName, leadFormCard } from './leadCards.js';
import { type Reply, withActions } from './reply.js';
import type { Labels, TemplateSet } from './templates.js';

/** The lead form to show: for whom, with which consent, filled in with what was typed, with the problems found. */
export interface LeadFormReply {
  contact: Contact;
  consent: ConsentText;
  values: LeadValues;
  problems: { field: LeadField | 'form'; problem: FieldProblem; fields?: string[] }[];
}

/** The replies of the handoff: consent, the lead form or its text prompts, the confirmation, refusals. */
export class LeadReplies {
  constructor(private readonly templates: TemplateSet) {}

  /** The consent wording for passing an enquiry to this contact, and its version. */
  consent(language: Language, contact: Contact, retentionDays: number): ConsentText {
    const text = this.templates.render(language, 'consent', {
      contact: contactModel(contact),
      withdraw: contactModel(contact),
      retentionDays,
    });
    return { text, version: this.templates.version(language, 'consent') };
  }

  /** The lead form (card channels), with what was typed and the problems found, if it comes back. */
  leadForm(language: Language, form: LeadFormReply): Reply {
    const labels = this.templates.labels(language);
    const intro =
      form.problems.length > 0
        ? this.leadProblemsText(language, form.problems, true)
        : this.leadIntroText(language, form.contact, false);
    const problems: Partial<Record<LeadField, string>> = {};
    for (const p of form.problems)
      if (p.field !== 'form') problems[p.field] = this.fieldProblem(language, p.field, p.problem);
    const card = leadFormCard(
      { contact: form.contact, consentText: form.consent.text, values: form.values, problems, fallbackText: intro },
      labels,
    );
    return MessageFactory.attachment(card, intro);
  }

  /** The first words of the text-only lead conversation. */
  leadIntroText(language: Language, contact: Contact, isText: boolean): string {
    const labels = this.templates.labels(language);
    return this.templates.render(language, 'leadIntro', {
      contact: contactModel(contact),
      isText,
      submit: labels.leadForm.submit,
    });
  }

  /** One problem with one field, in words ("E-mail: this is not a valid e-mail address."). */
  fieldProblem(language: Language, field: LeadField | 'form', problem: FieldProblem, fields: string[] = []): string {
    const labels = this.templates.labels(language);
    const template = labels.fieldProblems[problem];
    const name = field === 'form' ? fields.join(', ') : fieldName(labels, field);
    const max = field === 'form' || field === 'consent' ? '' : String(FIELD_MAX[field]);
    return template.replace('{field}', name).replace('{max}', max);
  }

  /** A text question for one field of the lead, with the problem of the last answer if there was one. */
  leadPrompt(
    language: Language,
    field: LeadField,
    problem?: { problem: FieldProblem; typed: string },
    consentText?: string,
  ): Reply {
    const labels = this.templates.labels(language);
    const question =
      field === 'consent' ? `${consentText ?? ''}\n\n${labels.leadQuestions.consent}` : labels.leadQuestions[field];
    const text = this.templates.render(language, 'leadPrompt', {
      problem: problem ? this.fieldProblem(language, field, problem.problem) : null,
      // quoted back cleaned (no controls, bidi overrides or half an emoji), and short
      typed: problem && problem.typed.length > 0 ? Array.from(cleanText(problem.typed)).slice(0, 200).join('') : null,
    });
    // the question is ours (labels and the rendered consent wording), so it follows the escaped problem as it is
    const full = text.length > 0 ? `${text}\n\n${question}` : question;
    const actions =
      field === 'consent' ? [labels.yes, labels.no] : OPTIONAL_FIELDS.includes(field) ? [labels.skip] : [];
    return actions.length > 0 ? withActions(MessageFactory.text(full), actions) : MessageFactory.text(full);
  }

  /** The confirmation after the commit: reference, who answers, when, and confidentiality. */
  leadConfirmedText(language: Language, lead: Lead, hours: WorkingHours, opening: NextOpening): string {
    const labels = this.templates.labels(language);
    return this.templates.render(language, 'leadConfirmed', {
      name: lead.investor.name,
      reference: lead.reference,
      contact: { name: lead.contact.name, role: lead.contact.role },
      hours: describeHours(hours, labels),
      openNow: opening.openNow,
      today: !opening.openNow && opening.today,
      day: opening.openNow ? '' : labels.weekdays[opening.day],
      date: opening.openNow ? '' : opening.date,
      time: opening.openNow ? '' : opening.time,
      replyWithin: hours.replyWithinWorkingDays,
      oneDay: hours.replyWithinWorkingDays === 1,
    });
  }

  /** Storing failed: nothing was sent, try again (the form comes back filled in, where there is one). */
  leadFailed(language: Language, contact: Contact, showsForm: boolean): string {
    return this.templates.render(language, 'leadFailed', { contact: contactModel(contact), showsForm });
  }

  /**
   * Why the form is not shown in a group chat or channel, and a button to the investor's personal chat with the
   * bot (the channel's link to it, where it has one).
   */
  leadPrivate(language: Language, contact: Contact, where: { channel: boolean; link: string | null }): Reply {
    const url = where.link;
    const text = this.templates.render(language, 'leadPrivate', {
      contact: contactModel(contact),
      channel: where.channel,
      hasLink: url !== null,
    });
    const card = url ? openUrlCard(this.templates.labels(language).openPersonalChat, url, text) : undefined;
    return card ? { ...MessageFactory.attachment(card, text), type: ActivityTypes.Message } : MessageFactory.text(text);
  }

  leadCancelled(language: Language, contact: Contact, declined: boolean): Reply {
    return MessageFactory.text(
      this.templates.render(language, 'leadCancelled', { contact: contactModel(contact), declined }),
    );
  }

  private leadProblemsText(language: Language, problems: LeadFormReply['problems'], showsForm: boolean): string {
    const lines = problems.map((p) => this.fieldProblem(language, p.field, p.problem, p.fields));
    return this.templates.render(language, 'leadProblems', { problems: lines, single: lines.length === 1, showsForm });
  }
}

// "Monday to Friday, 09:00–17:00 (Europe/Berlin)"
function describeHours(hours: WorkingHours, labels: Labels): string {
  const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const indexes = hours.days.map((d) => order.indexOf(d)).sort((a, b) => a - b);
  const consecutive = indexes.every((d, i) => i === 0 || d === indexes[i - 1]! + 1);
  const names = indexes.map((i) => labels.weekdays[order[i]!]);
  const days =
    consecutive && names.length > 2
      ? labels.dayRange.replace('{first}', () => names[0]!).replace('{last}', () => names.at(-1)!)
      : names.join(', ');
  return labels.hours
    .replace('{days}', () => days)
    .replace('{from}', () => hours.from)
    .replace('{to}', () => hours.to)
    .replace('{zone}', () => hours.timeZone.replace(/^.*\//, '').replaceAll('_', ' '));
}
