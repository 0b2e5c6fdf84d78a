import { type Activity, ActivityTypes, type CardAction, MessageFactory } from 'botbuilder';
import type { Ambiguous, Extract as AnswerExtract } from '../answers/answerer.js';
import type { ClusterResult } from '../clusters/clusterFinder.js';
import type { Contact, RoutedContact } from '../contacts/contactDirectory.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import { LOST_FIGURE } from '../knowledge/types.js';
import { clusterCard, contactCard } from './cards.js';
import type { Language, TemplateName, TemplateSet } from './templates.js';

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

  simple(language: Language, name: Extract<TemplateName, 'thanks' | 'cancel' | 'nothingMore'>): Reply {
    return MessageFactory.text(this.text(language, name));
  }

  /** An extract with its source; a missing figure is said plainly. */
  answer(language: Language, extract: AnswerExtract): Reply {
    const text = this.templates.render(language, 'answer', {
      intro: null,
      lines: extract.sentences.map((s) => ({
        text: s.text.replaceAll(LOST_FIGURE, '(figure not available)'),
        isListItem: s.isListItem,
      })),
      lostFigure: extract.hasLostFigure,
      source: citation(language, extract.document, extract.passage.headings),
    });
    const labels = this.templates.labels(language);
    return withActions(MessageFactory.text(text), [labels.tellMeMore, labels.talkToPerson]);
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

  /** The contact card with a text fallback. `isNamed`: the investor asked for this person by name. */
  contact(language: Language, routed: RoutedContact, isNamed: boolean): Reply {
    const labels = this.templates.labels(language);
    const text = this.templates.render(language, 'contact', {
      isNamed,
      otherRoles: routed.contact.otherRoles?.join('; ') ?? null,
      contact: contactModel(routed.contact),
      alternative: routed.alternative ? contactModel(routed.alternative) : null,
    });
    const reply = MessageFactory.attachment(contactCard(routed.contact, labels, text), text);
    return reply;
  }

  /** An exact table answer: Markdown list (the text fallback) plus a card with each cluster's areas. */
  clusters(language: Language, result: ClusterResult): Reply {
    const { answer, table, document } = result;
    const labels = this.templates.labels(language);
    const source = [table.source, citation(language, document, [])].filter(Boolean).join(', in ');
    const total = answer.kind === 'profile' || answer.kind === 'extreme' ? table.columns.length : table.rows.length;
    const base = { source, total };
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
    const reply =
      result.rows.length > 0
        ? MessageFactory.attachment(clusterCard(result.rows, labels, text), text)
        : MessageFactory.text(text);
    return withActions(reply, [labels.partnering]);
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

/** The source line: title, publisher, month and year, section. */
export function citation(language: Language, document: KnowledgeDocument, headings: readonly string[]): string {
  const date = document.published ? formatPublished(language, document.published) : undefined;
  const section = headings.length > 1 ? headings.at(-1) : undefined;
  const parts = [document.title, document.publisher ?? `${document.kind}`, date].filter(Boolean).join(', ');
  return section ? `${parts}, section "${section}"` : parts;
}

function formatPublished(language: Language, published: string): string {
  const [year, month] = published.split('-');
  if (!month) return year!;
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, MONTH_YEAR).format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
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

function withActions(reply: Reply, titles: readonly string[]): Reply {
  const actions: CardAction[] = titles.map((title) => ({ type: 'imBack', title, value: title }));
  return { ...reply, type: ActivityTypes.Message, suggestedActions: { actions, to: [] } };
}
