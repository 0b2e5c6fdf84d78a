/**
 * A vocabulary's terms, for finding the terms that start with a prefix or lie within a few typos of a word without
 * comparing the word with every term. Sorted, terms that share a prefix sit together, so a prefix is a range found
 * by binary search; in a letter tree (a trie over the sorted terms), the edit distance of a shared prefix is
 * computed once for all the terms that have it, and all of them are passed over once it is already too far.
 */
export class SortedTerms {
  private readonly terms: string[];
  // The trie, one node per distinct prefix (node 0: the empty one), as first child, next sibling, the letter that
  // leads to it, and the term it ends (-1: none).
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly letter: Uint16Array;
  private readonly termAt: Int32Array;
  private readonly longest: number;

  constructor(terms: Iterable<string>) {
    // the default order compares UTF-16 code units (as `<` does), without a call back into JS per comparison
    this.terms = [...terms].sort();
    let nodes = 1;
    for (let i = 0; i < this.terms.length; i++) {
      nodes += this.terms[i]!.length - (i > 0 ? commonPrefix(this.terms[i - 1]!, this.terms[i]!) : 0);
    }
    this.firstChild = new Int32Array(nodes).fill(-1);
    this.nextSibling = new Int32Array(nodes).fill(-1);
    this.letter = new Uint16Array(nodes);
    this.termAt = new Int32Array(nodes).fill(-1);
    const lastChild = new Int32Array(nodes).fill(-1);
    // the nodes of the previous term's prefixes, by length: a sorted term only extends or leaves that path
    const path = [0];
    let next = 1;
    let longest = 0;
    this.terms.forEach((term, index) => {
      const shared = index > 0 ? commonPrefix(this.terms[index - 1]!, term) : 0;
      path.length = shared + 1;
      for (let depth = shared; depth < term.length; depth++) {
        const parent = path[depth]!;
        const node = next++;
        this.letter[node] = term.charCodeAt(depth);
        if (lastChild[parent] === -1) this.firstChild[parent] = node;
        else this.nextSibling[lastChild[parent]!] = node;
        lastChild[parent] = node;
        path.push(node);
      }
      this.termAt[path[term.length]!] = index;
      longest = Math.max(longest, term.length);
    });
    this.longest = longest;
  }

  get size(): number {
    return this.terms.length;
  }

  /** Every term that starts with `prefix` (the prefix itself included), in sorted order. */
  withPrefix(prefix: string): string[] {
    return this.terms.slice(this.lowerBound(prefix), this.prefixEnd(prefix));
  }

  /**
   * Every term within `max` edits of `word`, where an edit inserts, deletes or replaces a letter, or swaps two
   * neighbours (optimal string alignment, as `boundedDistance` counts typos), in sorted order.
   */
  within(word: string, max: number): string[] {
    const width = word.length + 2;
    // row d: the distances after the first d letters of a term, kept within `max` of the diagonal (a cell further
    // off is more than `max` anyway); row 0 is 0..word.length
    const depths = Math.min(this.longest, word.length + max) + 1;
    const rows = new Int32Array(depths * width);
    for (let j = 0; j <= word.length; j++) rows[j] = j;
    rows[word.length + 1] = max + 1;
    const search: TrieSearch = { word, max, width, depths, rows, found: [] };
    this.visit(search, 0, 0);
    return search.found.sort((a, b) => a - b).map((index) => this.terms[index]!);
  }

  /** The children of `node` (a prefix of `depth` letters) and below, those still within reach. */
  private visit(search: TrieSearch, node: number, depth: number): void {
    const { word, max, width, depths, rows, found } = search;
    if (depth + 1 >= depths) return;
    const before = depth > 0 ? this.letter[node]! : -1;
    for (let child = this.firstChild[node]!; child !== -1; child = this.nextSibling[child]!) {
      if (fillRow(rows, width, depth, this.letter[child]!, before, word, max) > max) continue;
      const index = this.termAt[child]!;
      if (index >= 0 && Math.abs(depth + 1 - word.length) <= max && rows[(depth + 1) * width + word.length]! <= max) {
        found.push(index);
      }
      this.visit(search, child, depth + 1);
    }
  }

  /** The index of the first term not less than `key`. */
  private lowerBound(key: string): number {
    let low = 0;
    let high = this.terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.terms[middle]! < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The index after the last term that starts with `prefix`. */
  private prefixEnd(prefix: string): number {
    let low = this.lowerBound(prefix);
    let high = this.terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.terms[middle]!.startsWith(prefix)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** What one {@link SortedTerms.within} search carries down the trie. */
interface TrieSearch {
  word: string;
  max: number;
  /** Cells per row: the empty prefix, the word's letters, and one past the end (outside the band). */
  width: number;
  depths: number;
  rows: Int32Array;
  found: number[];
}

/**
 * Row `depth + 1` of the distances, for a term whose letter there is `letter` after `before` (-1: none), within
 * `max` of the diagonal; the cells just outside the band are set to `max + 1`, as the next row reads them. Returns
 * the row's least value: once it is above `max`, no longer term is within reach either.
 */
function fillRow(
  rows: Int32Array,
  width: number,
  depth: number,
  letter: number,
  before: number,
  word: string,
  max: number,
): number {
  const i = depth + 1;
  const row = i * width;
  const above = row - width;
  const twoAbove = above - width;
  const low = Math.max(0, i - max);
  const high = Math.min(word.length, i + max);
  const far = max + 1;
  let least = far;
  if (low > 0) rows[row + low - 1] = far;
  for (let j = low; j <= high; j++) {
    let value: number;
    if (j === 0) {
      value = i;
    } else {
      const cost = word.charCodeAt(j - 1) === letter ? 0 : 1;
      value = Math.min(rows[above + j]! + 1, rows[row + j - 1]! + 1, rows[above + j - 1]! + cost);
      if (
        before !== -1 &&
        j > 1 &&
        word.charCodeAt(j - 1) === before &&
        word.charCodeAt(j - 2) === letter &&
        rows[twoAbove + j - 2]! + 1 < value
      ) {
        value = rows[twoAbove + j - 2]! + 1;
      }
    }
    rows[row + j] = value;
    if (value < least) least = value;
  }
  rows[row + high + 1] = far;
  return least;
}

function commonPrefix(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let i = 0;
  while (i < shorter && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
