/**
 * A word list from knowledge/, matched against annotated tokens: a one-word entry matches a token's
 * lemma or its word ("kick" matches kicked, kicking); a longer entry matches word by word, each
 * position by lemma or word ("right now", "break in", "locked in").
 */
import type { Token } from './annotator';
import { irregularLemma } from './irregularVerbs';

export interface LexiconMatch {
  /** Index of the first token matched. */
  start: number;
  /** Number of tokens matched. */
  length: number;
  /** The entry that matched, as written in knowledge/. */
  entry: string;
}

export class Lexicon {
  private readonly singles = new Set<string>();
  /** Phrases by their first word, longest first. */
  private readonly phrases = new Map<string, { entry: string; words: string[] }[]>();
  /** By first word, the second words of its phrases. */
  private readonly secondWords = new Map<string, Set<string>>();
  /** This list's flag in the start index (lists that can start an entry at the same words share it): its number and bit. */
  private readonly flagWord: number;
  private readonly flagBit: number;

  /**
   * `byLemma` false: match the words as written only ("help me" must not match "helped me"). True: also
   * the lemma, and when the tagger's lemma misses a form ("gettin" corrected to "getting", a noun read as
   * a verb), the word's regular stems (kicking -> kick, stabbed -> stab, bleeds -> bleed).
   */
  constructor(
    entries: readonly string[],
    private readonly byLemma = true,
  ) {
    for (const entry of entries) {
      const words = entry.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) continue;
      if (words.length === 1) {
        this.singles.add(words[0]!);
        continue;
      }
      const list = this.phrases.get(words[0]!) ?? [];
      list.push({ entry, words });
      list.sort((a, b) => b.words.length - a.words.length);
      this.phrases.set(words[0]!, list);
      const seconds = this.secondWords.get(words[0]!) ?? new Set<string>();
      this.secondWords.set(words[0]!, seconds.add(words[1]!));
    }
    const id = STARTS.register([...this.singles, ...this.phrases.keys()], byLemma);
    this.flagWord = id >> 5;
    this.flagBit = 1 << (id & 31);
  }

  /** Every word the list uses (the typo corrector's targets). */
  words(): string[] {
    return [...this.singles, ...[...this.phrases.values()].flatMap((l) => l.flatMap((p) => p.words))];
  }

  /** The longest entry starting at token `i`, if any. */
  matchAt(tokens: readonly Token[], i: number): LexiconMatch | undefined {
    const t = tokens[i];
    // (past the end: nothing starts there; callers look a few words ahead of a match)
    if (t === undefined) return undefined;
    // Called for every token by every list on every message: most tokens start no entry of most lists,
    // which one look at the token's start flags tells (no allocation unless something matches).
    if ((STARTS.flags(t)[this.flagWord]! & this.flagBit) === 0) return undefined;
    if (!this.byLemma) return this.matchKeyAt(tokens, i, t.word) ?? (this.singles.has(t.word) ? { start: i, length: 1, entry: t.word } : undefined);
    const keys = forms(t);
    for (const key of keys) {
      const m = this.matchKeyAt(tokens, i, key);
      if (m) return m;
    }
    for (const key of keys) if (this.singles.has(key)) return { start: i, length: 1, entry: key };
    return undefined;
  }

  /**
   * The longest phrase starting with `key` that matches at token `i`. `key` is the token's word, or (matched by
   * lemma) one of its forms: the first word of every phrase looked up by it matches already.
   */
  private matchKeyAt(tokens: readonly Token[], i: number, key: string): LexiconMatch | undefined {
    const phrases = this.phrases.get(key);
    if (phrases === undefined) return undefined;
    // Common first words ("in", "i", "not") start many phrases, and most often none goes on with the next word:
    // one look at the second words tells, instead of trying every phrase.
    const next = tokens[i + 1];
    const seconds = this.secondWords.get(key)!;
    if (next === undefined || (!seconds.has(next.word) && !(this.byLemma && seconds.has(next.lemma)))) return undefined;
    for (const phrase of phrases) {
      if (this.restAt(tokens, i, phrase.words)) return { start: i, length: phrase.words.length, entry: phrase.entry };
    }
    return undefined;
  }

  /** The words after a phrase's first match the tokens after `i`, each by word or (matched by lemma) lemma. */
  private restAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
    if (i + words.length > tokens.length) return false;
    for (let k = 1; k < words.length; k++) {
      const t = tokens[i + k]!;
      const word = words[k];
      if (t.word !== word && !(this.byLemma && t.lemma === word)) return false;
    }
    return true;
  }

  /**
   * Whether an entry of this list can start anywhere in `tokens`. Most lists start nowhere in most clauses, and each
   * clause is searched by some sixty lists: for a message's own tokens and clauses, one look at their flags together
   * answers for all of them.
   */
  private mayStartIn(tokens: readonly Token[]): boolean {
    const flags = STARTS.flagsOfAll(tokens);
    return flags === undefined || (flags[this.flagWord]! & this.flagBit) !== 0;
  }

  /** Every match in the tokens, left to right, not overlapping. */
  find(tokens: readonly Token[]): LexiconMatch[] {
    if (!this.mayStartIn(tokens)) return [];
    const found: LexiconMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const m = this.matchAt(tokens, i);
      if (m) {
        found.push(m);
        i += m.length - 1;
      }
    }
    return found;
  }

  first(tokens: readonly Token[]): LexiconMatch | undefined {
    if (!this.mayStartIn(tokens)) return undefined;
    for (let i = 0; i < tokens.length; i++) {
      const m = this.matchAt(tokens, i);
      if (m) return m;
    }
    return undefined;
  }

  has(tokens: readonly Token[]): boolean {
    return this.first(tokens) !== undefined;
  }
}

/**
 * Which lists can start an entry at a token: one look-up a form of the token for all lists, instead of
 * up to two a form for every list (most tokens start nothing in most of the ~60 lists). A list's flag
 * says that the word (or, matched by lemma, one of its forms) starts one of its entries; `matchAt` then
 * matches as before. Lists with the same first words and the same way of matching share one flag, so
 * building the recognizer again adds no flags.
 */
class StartIndex {
  /** Flag ids by the first words and the way of matching of the lists that have them. */
  private readonly ids = new Map<string, number>();
  /** By word: the flag ids of the lists with an entry starting with that word. */
  private readonly byWord = new Map<string, number[]>();
  private readonly byLemma: boolean[] = [];

  register(starts: readonly string[], byLemma: boolean): number {
    const key = `${byLemma ? 'lemma' : 'word'}\n${[...new Set(starts)].sort().join('\n')}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.byLemma.length;
    this.ids.set(key, id);
    this.byLemma.push(byLemma);
    for (const word of new Set(starts)) {
      const lists = this.byWord.get(word);
      if (lists) lists.push(id);
      else this.byWord.set(word, [id]);
    }
    return id;
  }

  /**
   * The token's flags, worked out on first use: list `id` is bit `id % 32` of number `id / 32` (set: an
   * entry can start here); the last number is how many lists there were, so a list added since is seen.
   * Plain numbers: a typed array of one byte a list took longer to allocate than all the look-ups.
   */
  flags(t: Token): number[] {
    const known = t.starts;
    const count = this.byLemma.length;
    if (known !== undefined && known[known.length - 1] === count) return known;
    const flags: number[] = [];
    for (let word = 0; word <= count >> 5; word++) flags.push(0);
    flags.push(count);
    for (const form of t.forms) {
      const lists = this.byWord.get(form);
      if (lists === undefined) continue;
      // A list matched on the words as written starts only at the word itself.
      for (const id of lists) if (form === t.word || this.byLemma[id]) flags[id >> 5]! |= 1 << (id & 31);
    }
    t.starts = flags;
    return flags;
  }

  /** A message's tokens and its clauses (never changed once annotated), with their tokens' flags together once known. */
  private readonly fixed = new WeakMap<readonly Token[], number[] | null>();

  /** `tokens` will not change: their flags together may be kept. */
  fix(tokens: readonly Token[]): void {
    this.fixed.set(tokens, null);
  }

  /**
   * For tokens that do not change (see `fix`), every flag any of them has, laid out as a token's are (the last number
   * how many lists there were); undefined for any other tokens, which must be looked at one by one.
   */
  flagsOfAll(tokens: readonly Token[]): number[] | undefined {
    const known = this.fixed.get(tokens);
    if (known === undefined) return undefined;
    const count = this.byLemma.length;
    if (known !== null && known[known.length - 1] === count) return known;
    const all: number[] = [];
    const words = (count >> 5) + 1;
    for (let word = 0; word < words; word++) all.push(0);
    for (const t of tokens) {
      const flags = this.flags(t);
      for (let word = 0; word < words; word++) all[word]! |= flags[word]!;
    }
    all.push(count);
    this.fixed.set(tokens, all);
    return all;
  }
}

const STARTS = new StartIndex();

/** A message's tokens, or one of its clauses, as the annotator made them: never changed after (see `StartIndex.fix`). */
export function fixTokens(tokens: readonly Token[]): void {
  STARTS.fix(tokens);
}

/** A token's forms, worked out once when it is annotated. */
function forms(t: Token): readonly string[] {
  return t.forms;
}

/** Forms already worked out, by word and then lemma: most words of a message have been seen before. */
const knownForms = new Map<string, Map<string, readonly string[]>>();
/** Words are unbounded (typos, names): so is this memory, then, unless it is kept bounded. */
const KNOWN_FORMS_MAX = 20_000;

/** The word, its lemma and its regular stems: what a lemma-matching list compares. */
export function formsOf(word: string, lemma: string): readonly string[] {
  const byLemma = knownForms.get(word);
  const known = byLemma?.get(lemma);
  if (known !== undefined) return known;
  const forms = formsOfWord(word, lemma);
  if (byLemma !== undefined) byLemma.set(lemma, forms);
  else {
    if (knownForms.size >= KNOWN_FORMS_MAX) knownForms.clear();
    knownForms.set(word, new Map([[lemma, forms]]));
  }
  return forms;
}

function formsOfWord(word: string, lemma: string): string[] {
  const out = new Set([word, lemma]);
  const w = word;
  const irregular = irregularLemma(w);
  if (irregular) out.add(irregular);
  const undouble = (x: string) => (/([bdgklmnprt])\1$/.test(x) ? x.slice(0, -1) : x);
  if (w.length > 4 && w.endsWith('ing')) {
    const stem = w.slice(0, -3);
    out.add(stem).add(`${stem}e`).add(undouble(stem));
  } else if (w.length > 3 && w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    out.add(stem).add(w.slice(0, -1)).add(undouble(stem));
    if (stem.endsWith('i')) out.add(`${stem.slice(0, -1)}y`);
  } else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) {
    out.add(w.slice(0, -1));
    if (w.endsWith('es')) out.add(w.slice(0, -2));
  }
  return [...out];
}
