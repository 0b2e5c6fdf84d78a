import { type Activity, ActivityTypes, type CardAction, MessageFactory } from 'botbuilder';
import type { Ambiguous, AnswerExtract } from '../answers/answerer.js';
import type { ClusterResult } from '../clusters/clusterFinder.js';
import type { Contact, RoutedContact } from '../contacts/contactDirectory.js';
import type { NextOpening } from '../contacts/workingHours.js';
import type { WorkingHours } from '../knowledge/schema.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import { LOST_FIGURE } from '../knowledge/types.js';
import { FIELD_MAX, type FieldProblem, type LeadField, type LeadValues, OPTIONAL_FIELDS } from '../leads/leadForm.js';
import type { ConsentText } from '../leads/leadIntake.js';
import type { Lead } from '../storage/leadStore.js';
import { cleanText } from '../text/fold.js';
import type { Language } from '../text/languages.js';
import { choiceMadeCard, clusterCard, contactCard, openUrlCard } from './cards.js';
import { fieldName, leadFormCard, leadSentCard } from './leadCards.js';
import { leadNoticeCard } from './leadNoticeCard.js';
import type { Labels, TemplateName, TemplateSet } from './templates.js';

/** What the bot sends: one or more activities for one turn. */
export type Reply = Partial<Activity>;

const MONTH_YEAR: Intl.DateTimeFormatOptions = { month: 'long', year: 'numeric', timeZone: 'UTC' };

/** Builds every reply from the templates: text (Markdown), cards and suggested actions. */
export class Replies {
  constructor(private readonly templates: TemplateSet) {}

  welcome(language: Language): Reply {
    return this.withSuggestions(language, this.text(language, 'welcome'));
  }

  greeting(language: Language): Reply {
    return this.withSuggestions(language, this.text(language, 'greeting'));
  }

  help(language: Language): Reply {
    return this.withSuggestions(language, this.text(language, 'help'));
  }

  simple(
    language: Language,
    name: Extract<TemplateName, 'thanks' | 'cancel' | 'nothingMore' | 'slowDown' | 'memoryLost'>,
  ): Reply {
    return MessageFactory.text(this.text(language, name));
  }

  /** An extract with its source; a missing figure is said plainly. */
  answer(language: Language, extract: AnswerExtract): Reply {
    const labels = this.templates.labels(language);
    const text = this.templates.render(language, 'answer', {
      // an honest partial answer says first what the documents do not give
      intro: extract.partial ? labels[extract.partial === 'noFigure' ? 'partialNoFigure' : 'partialTopic'] : null,
      // an extract in another language than the conversation's is quoted as it is, and introduced as a quote
      quoted: extract.document.language !== language,
      lines: extract.sentences.map((s, i) => ({
        text: s.text.replaceAll(LOST_FIGURE, labels.figureNotAvailable),
        isListItem: s.isListItem,
        // a blank line where a list starts or ends: otherwise Teams runs the list into the sentence around it
        breakBefore: i > 0 && s.isListItem !== extract.sentences[i - 1]!.isListItem,
      })),
      lostFigure: extract.hasLostFigure,
      source: citation(labels, extract.document, extract.passage.headings),
    });
    return withActions(MessageFactory.text(text), [labels.tellMeMore, labels.talkToPerson]);
  }

  /** The source line of an extract, in the conversation's language. */
  source(language: Language, document: KnowledgeDocument, headings: readonly string[]): string {
    return citation(this.templates.labels(language), document, headings);
  }

  /** "I don't know" with the contact who can help. */
  unknown(language: Language, routed: RoutedContact): Reply {
    const text = this.templates.render(language, 'unknown', { contact: contactModel(routed.contact) });
    const labels = this.templates.labels(language);
    return withActions(MessageFactory.text(text), [labels.talkToPerson, labels.whatCanIAsk]);
  }

  /** "Did you mean …?" with one button per section. */
  didYouMean(language: Language, ambiguous: Ambiguous): Reply {
    const labels = this.templates.labels(language);
    const topics = ambiguous.options.map((o) => o.passage.headings.at(-1) ?? o.document.title);
    const text = this.templates.render(language, 'didYouMean', { options: topics });
    return withActions(
      MessageFactory.text(text),
      topics.map((t) => labels.askAbout.replace('{topic}', t)),
    );
  }

  /**
   * The contact, presented once: on card channels a short text above the card, which holds the details and the
   * "Send my enquiry" button (the full text is its fallback); elsewhere the full text with the offer as a button.
   * `isNamed`: the investor asked for this person by name. `offer`: false where the form may not be shown.
   */
  contact(language: Language, routed: RoutedContact, isNamed: boolean, options: PresentationOptions): Reply {
    const labels = this.templates.labels(language);
    const model = {
      isNamed,
      otherRoles: routed.contact.otherRoles?.join('; ') ?? null,
      contact: contactModel(routed.contact),
      alternative: routed.alternative ? contactModel(routed.alternative) : null,
    };
    const text = this.templates.render(language, 'contact', { ...model, inCard: false });
    const offer = labels.sendEnquiryTo.replace('{name}', routed.contact.name);
    const canOffer = options.offerLead !== false;
    if (!options.cards) return canOffer ? withActions(MessageFactory.text(text), [offer]) : MessageFactory.text(text);
    const startLead = canOffer ? { title: offer, contactId: routed.contact.id } : undefined;
    const card = contactCard(routed.contact, labels, text, startLead);
    const intro = this.templates.render(language, 'contact', { ...model, inCard: true });
    return { ...MessageFactory.attachment(card, intro), type: ActivityTypes.Message };
  }

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

  /** The card that replaces a submitted form (Teams Action.Execute). */
  /** The message a contact receives in Teams for a new lead (in the contact's language, English for now). */
  leadNotice(lead: Lead): Partial<Activity> {
    const card = leadNoticeCard(lead, this.templates.labels('en'));
    return { type: ActivityTypes.Message, attachments: [card] };
  }

  /** Replaces a card of choice buttons once one was pressed: the choice, as plain text (it may echo user text). */
  choiceMadeCard(language: Language, question: string) {
    const labels = this.templates.labels(language);
    return choiceMadeCard(labels.youAsked, question);
  }

  leadSentCard(language: Language, reference: string, text: string) {
    return leadSentCard(reference, this.templates.labels(language), text);
  }

  /** Storing failed: nothing was sent, try again (the form comes back filled in, where there is one). */
  leadFailed(language: Language, contact: Contact, showsForm: boolean): string {
    return this.templates.render(language, 'leadFailed', { contact: contactModel(contact), showsForm });
  }

  /**
   * Why the form is not shown in a group chat or channel, and a button to the investor's personal chat with the
   * bot (Teams' deep link, when the bot's id is known: `28:<app id>`).
   */
  leadPrivate(language: Language, contact: Contact, where: { channel: boolean; botId: string | null }): Reply {
    const url = where.botId ? `https://teams.microsoft.com/l/chat/0/0?users=${where.botId}` : null;
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

  /**
   * An exact table answer, presented once: on card channels the answer's sentence and source above a card with
   * each cluster's areas (the text with the list is the card's fallback); elsewhere the text with the list.
   */
  clusters(language: Language, result: ClusterResult, options: PresentationOptions): Reply {
    const { table, document } = result;
    const labels = this.templates.labels(language);
    const documentSource = citation(labels, document, []);
    const source = table.source
      ? labels.tableSource.replace('{table}', () => table.source!).replace('{document}', () => documentSource)
      : documentSource;
    const withCard = options.cards && result.rows.length > 0;
    const full = this.clusterText(language, result, source, false);
    const reply = withCard
      ? MessageFactory.attachment(
          clusterCard(result.rows, labels, full),
          this.clusterText(language, result, source, true),
        )
      : MessageFactory.text(full);
    return withActions(reply, [labels.partnering]);
  }

  private clusterText(language: Language, result: ClusterResult, source: string, inCard: boolean): string {
    const { answer, table } = result;
    const total = answer.kind === 'profile' || answer.kind === 'extreme' ? table.columns.length : table.rows.length;
    const base = { source, total, inCard };
    let text: string;
    switch (answer.kind) {
      case 'select':
        text = this.templates.render(language, 'clusterSelect', {
          ...base,
          ...answer,
          followUp: answer.within !== null,
        });
        break;
      case 'profile':
        text = this.templates.render(language, 'clusterProfile', { ...base, ...answer, total: table.columns.length });
        break;
      case 'membership':
        text = this.templates.render(language, 'clusterMembership', { ...base, ...answer });
        break;
      case 'compare':
        text = this.templates.render(language, 'clusterCompare', {
          ...base,
          ...answer,
          first: answer.clusters[0],
          second: answer.clusters[1],
        });
        break;
      case 'extreme':
        text = this.templates.render(language, 'clusterExtreme', {
          ...base,
          ...answer,
          isAll: answer.which === 'all',
          isMost: answer.which === 'most',
          single: answer.clusters.length === 1,
          total: answer.totalAreas,
        });
        break;
      case 'total':
        text = this.templates.render(language, 'clusterTotal', { ...base, ...answer });
        break;
    }
    return text;
  }

  error(language: Language, contact: Contact): Reply {
    return MessageFactory.text(this.templates.render(language, 'error', { contact: contactModel(contact) }));
  }

  private text(language: Language, name: TemplateName): string {
    return this.templates.render(language, name, {});
  }

  private withSuggestions(language: Language, text: string): Reply {
    const labels = this.templates.labels(language);
    return withActions(MessageFactory.text(text), [...labels.suggestions, labels.talkToPerson]);
  }
}

/** How a reply may be presented on the turn's channel. */
export interface PresentationOptions {
  /** The channel renders Adaptive Cards. */
  cards: boolean;
  /** The lead form may be offered (not in group chats and channels); default true. */
  offerLead?: boolean;
}

/** The lead form to show: for whom, with which consent, filled in with what was typed, with the problems found. */
export interface LeadFormReply {
  contact: Contact;
  consent: ConsentText;
  values: LeadValues;
  problems: { field: LeadField | 'form'; problem: FieldProblem; fields?: string[] }[];
}

/** The source line: title, publisher, month and year, section (in the labels' language). */
export function citation(labels: Labels, document: KnowledgeDocument, headings: readonly string[]): string {
  const date = document.published ? formatPublished(labels.locale, document.published) : undefined;
  const section = headings.length > 1 ? headings.at(-1) : undefined;
  const parts = [document.title, document.publisher ?? `${document.kind}`, date].filter(Boolean).join(', ');
  return section ? `${parts}, ${labels.section.replace('{section}', () => section)}` : parts;
}

// building a DateTimeFormat costs more than the rest of an answer's rendering: one per locale
const monthYear = new Map<string, Intl.DateTimeFormat>();

function formatPublished(locale: string, published: string): string {
  const [year, month] = published.split('-');
  if (!month) return year!;
  let format = monthYear.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, MONTH_YEAR);
    monthYear.set(locale, format);
  }
  return format.format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
}

function contactModel(contact: Contact) {
  // "Chemicals & Healthcare Team, Germany Trade & Invest" already names its team
  const teamName = contact.team.replace(/\s*\(.*\)$/, '');
  return {
    name: contact.name,
    role: contact.role,
    team: contact.role.includes(teamName) ? null : contact.team,
    phone: contact.phone ?? null,
    fax: contact.fax ?? null,
    email: contact.email ?? null,
    address: contact.address ?? null,
  };
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

function withActions(reply: Reply, titles: readonly string[]): Reply {
  const actions: CardAction[] = titles.map((title) => ({ type: 'imBack', title, value: title }));
  return { ...reply, type: ActivityTypes.Message, suggestedActions: { actions, to: [] } };
}
