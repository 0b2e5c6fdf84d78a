import { ActivityTypes, MessageFactory } from 'botbuilder';
import type { Ambiguous, AnswerExtract } from '../answers/answerer.js';
import type { ClusterResult } from '../clusters/clusterFinder.js';
import type { Contact, RoutedContact } from '../contacts/contactDirectory.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import { LOST_FIGURE } from '../knowledge/types.js';
import type { Language } from '../text/languages.js';
import { clusterCard, contactCard } from './cards.js';
import { citation } from './citation.js';
import { clusterText } from './clusterText.js';
import { contactModel } from './contactModel.js';
import { type Reply, withActions } from './reply.js';
import type { TemplateName, TemplateSet } from './templates.js';

/**
 * Builds the conversation's replies from the templates: text (Markdown), cards and suggested actions. The handoff's
 * replies (consent, the lead form, its prompts and confirmation) are {@link LeadReplies} (leadReplies.ts).
 */
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

  simple(language: Language, name: Extract<TemplateName, 'thanks' | 'cancel' | 'slowDown' | 'memoryLost'>): Reply {
    return MessageFactory.text(this.text(language, name));
  }

  /** "Tell me more" at the end of a section: says so, and offers the sections beside it (buttons). */
  nothingMore(language: Language, neighbours: readonly string[]): Reply {
    const labels = this.templates.labels(language);
    const text = this.templates.render(language, 'nothingMore', { neighbours });
    return withActions(
      MessageFactory.text(text),
      neighbours.map((t) => labels.askAbout.replace('{topic}', t)),
    );
  }

  /** An extract with its source; a missing figure is said plainly. */
  /** An extract with its source; `routed`: the person to offer after an answer that is only near the question. */
  answer(language: Language, extract: AnswerExtract, routed?: RoutedContact): Reply {
    const labels = this.templates.labels(language);
    const text = this.templates.render(language, 'answer', {
      // an honest partial answer says first what the documents do not give
      intro: extract.partial ? labels[extract.partial === 'noFigure' ? 'partialNoFigure' : 'partialTopic'] : null,
      ...this.extractModel(language, extract),
      contact: routed ? contactModel(routed.contact) : null,
    });
    return withActions(MessageFactory.text(text), [labels.tellMeMore, labels.talkToPerson]);
  }

  /** The lines and source of an extract, as the answer and the "I don't know" templates show them. */
  private extractModel(language: Language, extract: AnswerExtract) {
    const labels = this.templates.labels(language);
    return {
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
    };
  }

  /** The source line of an extract, in the conversation's language. */
  source(language: Language, document: KnowledgeDocument, headings: readonly string[]): string {
    return citation(this.templates.labels(language), document, headings);
  }

  /** "I don't know" with the contact who can help. */
  unknown(language: Language, routed: RoutedContact, nearest?: AnswerExtract): Reply {
    const text = this.templates.render(language, 'unknown', {
      contact: contactModel(routed.contact),
      // what the documents do say on the topic, after saying plainly that they do not answer it
      nearest: nearest ? this.extractModel(language, nearest) : null,
    });
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
    const full = clusterText(this.templates, language, result, source, false);
    const reply = withCard
      ? MessageFactory.attachment(
          clusterCard(result.rows, labels, full),
          clusterText(this.templates, language, result, source, true),
        )
      : MessageFactory.text(full);
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

/** How a reply may be presented on the turn's channel. */
export interface PresentationOptions {
  /** The channel renders Adaptive Cards. */
  cards: boolean;
  /** The lead form may be offered (not in group chats and channels); default true. */
  offerLead?: boolean;
}
