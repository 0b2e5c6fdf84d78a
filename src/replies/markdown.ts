/**
 * Makes text safe to place in a Markdown reply: it is shown literally in Teams and Web Chat, never as a link,
 * emphasis, code or HTML. Every value inserted into a template goes through this (the `md` helper).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]{}|~]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)(#{1,6}|[+-]|>)(\s|$)/gm, '$1\\$2$3')
    .replace(/^(\s*\d+)([.)])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(-{3,}|={3,})\s*$/gm, (_m, indent: string, rule: string) => indent + rule.replace(/./g, '\\$&'))
    .replace(/^ {4,}/gm, ' ');
}

/**
 * {@link escapeMarkdown} for what an investor typed, which may also hold a bare address: Web Chat and GFM turn
 * `https://…`, `www.…` and `name@host.tld` into live links by themselves, so the `:` before `//` and each `.` or
 * `@` inside a word is escaped too. Not used for document text, whose addresses the bot may show as links.
 */
export function escapeUserText(text: string): string {
  return escapeMarkdown(text)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/([\p{L}\p{N}_-])([.@])(?=[\p{L}\p{N}])/gu, '$1\\$2');
}

const SAFE_LINK = /^(https:\/\/[^\s<>"'`]+|tel:\+?[\d\s()-]+|mailto:[^\s<>"'`@]+@[^\s<>"'`@]+)$/;

/** Only https:, tel: and mailto: links are ever written; anything else gives `undefined`. */
export function safeLink(url: string): string | undefined {
  return SAFE_LINK.test(url) ? url : undefined;
}

/** A phone number as a tel: link target ("+49 351 2138-153" -> "tel:+493512138153"). */
export function telLink(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
