/**
 * Annotates a normalised message once, with wink-nlp's English model: every token's lemma, part of
 * speech and negation, clause by clause. Everything that reads a message (danger, topic, answers,
 * slots) reads these annotations, not the string, so "stabbed", "stabbing" and "stabs" are one word
 * ("stab") and "isn't moving" is a negated "move".
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { fixTokens, formsOf } from './lexicon';
import type { NormalizedText } from './textNormalizer';

export interface Token {
  /** The word as normalised (lower case, contractions expanded, typos corrected). */
  word: string;
  lemma: string;
  /** Universal part of speech: VERB, AUX, NOUN, PRON, ADJ, ADV, ADP, PART, DET, ... */
  pos: string;
  /** In the scope of a negation ("not", "never", "no one"...), by wink-nlp. */
  negated: boolean;
  /** The word, its lemma and its regular stems ("kicking": kick), for word lists matched by lemma. */
  forms: readonly string[];
  /** Which word lists can start an entry here, one bit a list (see lexicon.ts): worked out on first use. */
  starts?: number[];
}

export interface Annotated {
  normalized: NormalizedText;
  /** Tokens clause by clause (the normaliser's clauses: punctuation and words such as "but"). */
  clauses: Token[][];
  tokens: Token[];
}

export class Annotator {
  private readonly nlp: WinkMethods;

  constructor() {
    this.nlp = winkNLP(model, ['sbd', 'pos', 'negation']);
  }

  annotate(normalized: NormalizedText): Annotated {
    const clauses: Token[][] = [];
    if (normalized.clauses.length === 0) return { normalized, clauses, tokens: [] };
    // One document for the whole message (one call is cheaper than one per clause); the full stop
    // between clauses makes each clause a sentence of its own.
    const doc = this.nlp.readDoc(normalized.clauses.map((c) => c.join(' ')).join(' . '));
    // wink-nlp's "its" helpers are plain functions it documents passing around; its types call them methods.
    /* eslint-disable @typescript-eslint/unbound-method */
    const its = this.nlp.its;
    // its.value, not its.normal: "normal" turns British spellings American ("neighbour" -> "neighbor").
    const all = doc.tokens();
    const words = all.out(its.value);
    const lemmas = all.out(its.lemma as unknown as typeof its.value);
    const pos = all.out(its.pos);
    const negated = all.out(its.negationFlag) as unknown as boolean[];
    /* eslint-enable @typescript-eslint/unbound-method */
    let clause: Token[] = [];
    // All tokens in order, gathered as they go into their clauses (Array.prototype.flat is ten times slower).
    const tokens: Token[] = [];
    for (let i = 0; i < words.length; i++) {
      if (pos[i] === 'PUNCT') {
        if (clause.length > 0) clauses.push(clause);
        clause = [];
        continue;
      }
      const token: Token = { word: words[i]!, lemma: lemmas[i]!, pos: pos[i]!, negated: negated[i] === true, forms: formsOf(words[i]!, lemmas[i]!), starts: undefined };
      clause.push(token);
      tokens.push(token);
    }
    if (clause.length > 0) clauses.push(clause);
    // The word lists search these again and again: they may keep what they learn of them (lexicon.ts).
    fixTokens(tokens);
    for (const c of clauses) fixTokens(c);
    return { normalized, clauses, tokens };
  }
}
