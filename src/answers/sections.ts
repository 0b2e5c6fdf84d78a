import type { Passage } from '../knowledge/types.js';
import { termsOf } from '../search/miniSearchIndex.js';

/**
 * The documents' own outline: which sections a section holds ("Life Sciences Networks": biosaxony, HEALTHY SAXONY,
 * …). A question that names a section ("which life sciences networks are there?") is answered with its members.
 */
export class Sections {
  static readonly none = new Sections([]);
  private readonly members = new Map<string, string[]>();
  private readonly next = new Map<string, Passage>();

  constructor(passages: readonly Passage[]) {
    passages.forEach((passage, i) => {
      const before = passages[i - 1];
      if (
        before &&
        sectionKey(before.documentId, before.headings) === sectionKey(passage.documentId, passage.headings)
      ) {
        this.next.set(before.id, passage);
      }
    });
    for (const passage of passages) {
      // a document's title holds its chapters, not members of one kind
      for (let depth = 2; depth < passage.headings.length; depth++) {
        const key = sectionKey(passage.documentId, passage.headings.slice(0, depth));
        const list = this.members.get(key) ?? [];
        const member = passage.headings[depth]!;
        if (!list.includes(member)) list.push(member);
        this.members.set(key, list);
      }
    }
  }

  /**
   * The sections beside this passage's own: the other members of the section that holds it ("HEALTHY SAXONY" ->
   * biosaxony, SaxoCell, …), at most `limit`, the ones after it first; none at a document's top level.
   */
  neighbours(passage: Passage, limit = 3): string[] {
    const own = passage.headings.at(-1);
    const siblings = this.members.get(sectionKey(passage.documentId, passage.headings.slice(0, -1))) ?? [];
    const at = siblings.indexOf(own ?? '');
    if (at < 0) return [];
    return [...siblings.slice(at + 1), ...siblings.slice(0, at)].slice(0, limit);
  }

  /** The passage after this one in its section (same document, same headings), if the section goes on. */
  nextInSection(passageId: string): Passage | undefined {
    return this.next.get(passageId);
  }

  /**
   * The members of the passage's section when the question names the section by every word of its heading and
   * asks which there are; else none.
   */
  membersAsked(passage: Passage, question: string): string[] {
    const members = this.members.get(sectionKey(passage.documentId, passage.headings)) ?? [];
    if (members.length < 2 || !ASKS_WHICH.test(question)) return [];
    const asked = termsOf(question);
    const heading = termsOf(passage.headings.at(-1) ?? '');
    return [...heading].every((t) => asked.has(t)) ? members : [];
  }
}

// "which … are there", "what … exist", "list the …", "name all …" (and German)
const ASKS_WHICH = /\b(which|what|list|name|are there|welche|gibt es|nenne|nennen sie)\b/i;

function sectionKey(documentId: string, headings: readonly string[]): string {
  return `${documentId}\u0000${headings.join('\u0000')}`;
}
