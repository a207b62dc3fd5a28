/**
 * Corrects a likely typo of a known word: one letter left out, one extra, two letters swapped, or one
 * letter replaced by a neighbour on the keyboard; the first letter must match. The keyboard rule is
 * why this is not plain edit distance: "breeding" is one substitution from "bleeding" but r and l are
 * not neighbours, so a real word is not turned into a safety word.
 */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function buildNeighbours(): Map<string, Set<string>> {
  const position = new Map<string, [number, number]>();
  KEYBOARD_ROWS.forEach((row, r) => [...row].forEach((ch, c) => position.set(ch, [r, c])));
  const neighbours = new Map<string, Set<string>>();
  for (const [a, [ra, ca]] of position) {
    const set = new Set<string>();
    for (const [b, [rb, cb]] of position) {
      if (a !== b && Math.abs(ra - rb) <= 1 && Math.abs(ca - cb) <= 1) set.add(b);
    }
    neighbours.set(a, set);
  }
  return neighbours;
}
const NEIGHBOURS = buildNeighbours();

/** True when `typed` is one likely slip away from `word`. */
export function isLikelyTypo(typed: string, word: string): boolean {
  if (typed === word || typed[0] !== word[0]) return false;
  const diff = typed.length - word.length;
  if (diff === 0) {
    let first = -1;
    let count = 0;
    for (let i = 0; i < word.length; i++) {
      if (typed[i] !== word[i]) {
        if (count === 0) first = i;
        count++;
        if (count > 2) return false;
      }
    }
    if (count === 1) return NEIGHBOURS.get(word[first]!)?.has(typed[first]!) ?? false;
    return count === 2 && typed[first] === word[first + 1] && typed[first + 1] === word[first];
  }
  if (Math.abs(diff) !== 1) return false;
  const [longer, shorter] = diff > 0 ? [typed, word] : [word, typed];
  let i = 0;
  while (i < shorter.length && longer[i] === shorter[i]) i++;
  return longer.slice(i + 1) === shorter.slice(i);
}

export class TypoCorrector {
  private readonly byInitial = new Map<string, { word: string; order: number }[]>();
  private readonly known: Set<string>;
  private readonly cache = new Map<string, string>();

  constructor(
    vocabulary: Iterable<string>,
    private readonly protectedWords: ReadonlySet<string>,
    private readonly minLength = 5,
    /** Names never read as another word, not even as a dropped g ("hitchin" is a town, not "hitching"). */
    private readonly names: ReadonlySet<string> = new Set(),
  ) {
    this.known = new Set(vocabulary);
    let order = 0;
    for (const word of this.known) {
      if (word.length < this.minLength - 1 || !/^[a-z]+$/.test(word)) continue;
      // By first letter and length: a typo is one letter longer or shorter at most, so three short lists are
      // searched instead of every word with that letter (the vocabulary grows with the training data).
      const key = `${word[0]!}${word.length}`;
      const list = this.byInitial.get(key) ?? [];
      list.push({ word, order: order++ });
      this.byInitial.set(key, list);
    }
  }

  /** "follow" (followin), "com(e)" (comin), "hit(t)" (hittin): a known verb the -in was added to. */
  private knownStem(stem: string): boolean {
    if (stem.length < 3) return false;
    const doubled = stem.length > 3 && stem[stem.length - 1] === stem[stem.length - 2];
    return (stem.length > 4 && this.known.has(stem)) || this.known.has(`${stem}e`) || (doubled && this.known.has(stem.slice(0, -1)));
  }

  /** Whether `word` is a word the corrector knows. */
  knows(word: string): boolean {
    return this.known.has(word);
  }

  /** The known word `token` was probably meant to be, or the token itself. */
  correct(token: string): string {
    if (token.length < this.minLength || this.names.has(token)) return token;
    // Dropped g: "gettin", "chasin", "bleedin", "followin" (even where writers of the training data kept it so).
    const dropped = token.endsWith('in');
    if (dropped && this.known.has(`${token}g`)) return `${token}g`;
    if (this.known.has(token)) return token;
    if (dropped && this.knownStem(token.slice(0, -2))) return `${token}g`;
    if (this.protectedWords.has(token)) return token;
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    // The first match in the vocabulary's order, as one list would give it.
    let match: { word: string; order: number } | undefined;
    for (let length = token.length - 1; length <= token.length + 1; length++) {
      for (const candidate of this.byInitial.get(`${token[0]!}${length}`) ?? []) {
        if (match && candidate.order > match.order) break;
        if (isLikelyTypo(token, candidate.word)) {
          match = candidate;
          break;
        }
      }
    }
    const result = match?.word ?? token;
    // Unknown words are unbounded; keep the cache bounded.
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, result);
    return result;
  }
}
