/**
 * Two things the bot listens for besides intent: an LGBT+ topic (so it can mention LGBT+ Liaison
 * Officers) and personal details (so it can say gently that this chat can't take them).
 */
import type { NormalizedText } from './textNormalizer';

// Patterns, not data: an email address, a UK phone number (10-11 digits, spaces allowed), a UK postcode.
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/;
const POSTCODE = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/i;
/** A word with letters masked by asterisks: "p*ki", "c***", "f****t" (a slur written so). */
export const MASKED_WORD = /[a-z]+\*+[a-z*]*/i;
export const MASKED_WORDS = new RegExp(MASKED_WORD.source, 'gi');

export class Signals {
  private readonly lgbtWords: Set<string>;
  private readonly lgbtPhrases: string[][];
  private readonly detailPhrases: string[][];

  constructor(lgbtTerms: string[], personalDetailPhrases: string[], tokenize: (s: string) => string[]) {
    const lgbt = lgbtTerms.map(tokenize).filter((t) => t.length > 0);
    this.lgbtWords = new Set(lgbt.filter((t) => t.length === 1).map((t) => t[0]!));
    this.lgbtPhrases = lgbt.filter((t) => t.length > 1);
    this.detailPhrases = personalDetailPhrases.map(tokenize).filter((t) => t.length > 0);
  }

  /** `raw`, the message as typed, for slurs masked with stars ("f****t"), which the tokens lose. */
  mentionsLgbt(text: NormalizedText, raw = ''): boolean {
    return text.tokens.some((t) => this.lgbtWords.has(t)) || this.lgbtPhrases.some((p) => containsPhrase(text.tokens, p)) || this.maskedLgbtWord(raw);
  }

  /**
   * A word masked with stars that can only be one of the LGBT+ words: as long as it, and the letters shown
   * (at least two: "f****t", "d*ke") where they are. "f**" or "d***" could be anything.
   */
  private maskedLgbtWord(raw: string): boolean {
    if (!raw.includes('*')) return false;
    for (const [masked] of raw.toLowerCase().matchAll(MASKED_WORDS)) {
      if (masked.replace(/\*/g, '').length < 2) continue;
      for (const word of this.lgbtWords) {
        if (word.length === masked.length && [...masked].every((c, i) => c === '*' || c === word[i])) return true;
      }
    }
    return false;
  }

  hasPersonalDetails(raw: string, text: NormalizedText): boolean {
    // Most messages have no "@" and fewer than two digits: no address, number or postcode can match.
    const digits = digitCount(raw);
    return (
      (raw.includes('@') && EMAIL.test(raw)) ||
      (digits >= 9 && PHONE.test(raw)) ||
      (digits >= 2 && POSTCODE.test(raw)) ||
      this.detailPhrases.some((p) => containsPhrase(text.tokens, p))
    );
  }
}

export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** ASCII digits in the text, counted up to 9 (a UK phone number has at least 9 after its "0" or "+44"). */
function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length && count < 9; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}
