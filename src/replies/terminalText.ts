/**
 * The bot's Markdown as plain text (a terminal, or a Teams message whose buttons make clients drop its Markdown): **bold** in bold (plain where the output is not a terminal), links
 * as "text (address)", italics without their underscores, and the escapes the templates add (`\*`, `&lt;`) undone,
 * so what an investor typed reads literally and never turns into emphasis.
 */
export function terminalText(markdown: string, ansi: boolean): string {
  const bold = ansi ? ['\u001b[1m', '\u001b[22m'] : ['', ''];
  let out = '';
  let inBold = false;
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]!;
    const next = markdown[i + 1];
    if (c === '\\' && next !== undefined && /[\\`*_[\]{}|~#+\-.!():@>]/.test(next)) {
      out += next;
      i++;
    } else if (c === '*' && next === '*') {
      out += inBold ? bold[1] : bold[0];
      inBold = !inBold;
      i++;
    } else if (c === '_' && isEmphasisMark(markdown, i)) {
      // _italics_: the words stay, the marks go
    } else if (c === '[') {
      const link = /^\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/.exec(markdown.slice(i));
      if (!link) {
        out += c;
        continue;
      }
      const text = terminalText(link[1]!, false);
      const target = link[2]!.replace(/^mailto:/, '');
      out += text === target ? target : `${text} (${target})`;
      i += link[0].length - 1;
    } else {
      out += c;
    }
  }
  if (inBold) out += bold[1];
  return out.replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}

// an underscore that opens or closes emphasis: at a word's edge, not inside one (snake_case stays)
function isEmphasisMark(text: string, i: number): boolean {
  const before = text[i - 1] ?? ' ';
  const after = text[i + 1] ?? ' ';
  const word = /[\p{L}\p{N}]/u;
  return !(word.test(before) && word.test(after));
}
