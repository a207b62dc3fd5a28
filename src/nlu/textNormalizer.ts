/**
 * Turns what a person typed into clauses of plain lower-case tokens: emoji to words, contractions and
 * text-speak expanded ("he's" -> "he is", "cos" -> "because"), stretched letters shortened ("heeelp"),
 * likely typos corrected, and the text split into clauses at punctuation and at words like "but".
 * Stop words are kept: "now", "still" and "was" are what tell "happening now" from "happened last week".
 */
import { MASKED_WORDS } from './signals';
import type { TypoCorrector } from './typoCorrector';

export interface NormalizedText {
  /** Tokens clause by clause. */
  clauses: string[][];
  /** All tokens in order. */
  tokens: string[];
  /** Per clause, the word that opened it ("but", "and", "so"), or "" after punctuation or at the start. */
  breaks: string[];
  /** Written in capitals (three or more letters, none lower case). */
  shouted: boolean;
  /** Has an exclamation mark. */
  exclaimed: boolean;
}

export interface NormalizerOptions {
  expansions: Record<string, string>;
  emoji: Record<string, string>;
  clauseBreaks: readonly string[];
}

/** Longer input is cut: nobody types a 2,000-character chat message, and the cost stays bounded. */
export const MAX_INPUT_CHARS = 2000;

const APOSTROPHES = /[\u2018\u2019\u02bc`\u00b4]/g;
/** "'s" before these is "has" ("a man's been"), or "is" ("the lad's outside", "she's crying"). */
const HAS_BEEN = /\b([a-z]+)'s (been|got)\b/g;
const IS_THERE = /\b([a-z]+)'s (just|still|outside|inside|here|there|back|coming|going|trying|being|not|at|in|on|gone|fine|ok|okay|safe|alright|hurt|injured|crying|shouting|screaming|bleeding|hitting|kicking|following|waiting|banging|knocking|standing|sitting)\b/g;
/** "someone's keyed my car", "he's punched me": "'s" before a past participle with an object is "has". */
const HAS_DONE = /\b([a-z]+)'s ([a-z]+ed) (me|us|him|her|them|my|our|his|their|the|a|an|it)\b/g;
/**
 * "they'd been fighting", "he'd left", "theyd gone": before a past participle "'d" is "had", not "would" ("would been"
 * is no English). (Not before "need", "feed", "bleed"...: words that only end like one.)
 */
const HAD_DONE = /\b([a-z]+'d|hed|theyd|youd) (been|gone|done|seen|had|got|left|already|[a-z]+ed)\b/g;
const NOT_PARTICIPLES = new Set(['need', 'feed', 'bleed', 'speed', 'breed', 'proceed', 'succeed', 'exceed', 'heed', 'embed', 'shred', 'shed', 'bed', 'red', 'wed']);
const ILL_WILL = /\bill (be|go|get|come|call|ring|phone|do|have|see|tell|report|kill|find|never|just|try|text|need|let|make|leave|stay|wait)\b/g;
const TWO_AS_TO = /\b(tryin|trying|try|goin|going|want|wants|need|needs|got|gonna|have|has|about|used|coming|comin|come|go|threatening|threatened|started|starting)\s+2\s+(?=[a-z])/g;
const HAS_CLOCK = /\d[.:]\d/;
const CLOCK_TIME = /\b(\d{1,2})[.:](\d{2})\b/g;
/** "i dont no", "dnt no": "know" spelt as it sounds. */
const DONT_NO = /\b(don'?t|do not|dnt|didn'?t|did not) no\b/g;
const CLAUSE_PUNCTUATION = /[.!?;:,\n\r()[\]{}"|]+/;
/** A character that is not plain ASCII (printable, a tab or a line break): text with none is already in NFKC, and holds no emoji. */
const NOT_ASCII = /[^ -~\t\n\r]/;
/** A lower-case ASCII letter: text with one is not written in capitals. */
const LOWER_CASE_ASCII = /[a-z]/;
const NOT_TOKEN = /[^a-z0-9'+]+/;

export class TextNormalizer {
  private readonly expansions: Map<string, string[]>;
  private readonly emojiPattern: RegExp | undefined;
  private readonly breaks: Set<string>;
  private corrector: TypoCorrector | undefined;
  /** Some emoji (an emoticon) are written in ASCII: then ASCII text is searched for them too. */
  private readonly asciiEmoji: boolean;

  constructor(private readonly options: NormalizerOptions) {
    this.expansions = new Map(Object.entries(options.expansions).map(([k, v]) => [k, v.split(' ')]));
    const emoji = Object.keys(options.emoji);
    this.emojiPattern = emoji.length > 0 ? new RegExp(emoji.map(escapeRegExp).join('|'), 'gu') : undefined;
    this.asciiEmoji = emoji.some((e) => !NOT_ASCII.test(e));
    this.breaks = new Set(options.clauseBreaks);
  }

  /** Typo correction needs the vocabulary, which is itself built with this normaliser: set it after. */
  useCorrector(corrector: TypoCorrector): void {
    this.corrector = corrector;
  }

  normalize(input: string): NormalizedText {
    let text = input.length > MAX_INPUT_CHARS ? input.slice(0, MAX_INPUT_CHARS) : input;
    // (Most messages are typed in lower case, in ASCII: what is worked out below leaves them as they are, and is skipped.)
    const shouted = !LOWER_CASE_ASCII.test(text) && isShouted(text);
    const exclaimed = text.includes('!');
    const ascii = !NOT_ASCII.test(text);
    if (!ascii) text = text.normalize('NFKC');
    if (this.emojiPattern && (!ascii || this.asciiEmoji)) text = text.replace(this.emojiPattern, (e) => ` ${this.options.emoji[e]} `);
    text = text.toLowerCase().replace(APOSTROPHES, "'");
    // "a man's been sat outside", "he's outside": this "'s" is "has" or "is", not a possessive ("my mum's car").
    // "n****r", "p*ki", "f*g": a slur written with asterisks is one word, a slur (not "n" and "r", read as "are").
    // (each rewrite only when its sign is there: most messages have none, and a regular expression a message adds up)
    if (text.includes('*')) text = text.replace(MASKED_WORDS, ' slur ');
    // "its 11.40", "at 7:30": a time of day is one moment ("11h40"), not two clauses or two words.
    if (HAS_CLOCK.test(text)) text = text.replace(CLOCK_TIME, '$1h$2');
    // "said ill be dead", "ill call them": "ill" before a verb is "I'll" (no one is "ill be").
    if (text.includes('ill ')) text = text.replace(ILL_WILL, 'i will $1');
    // "tryin 2 break in", "going 2 kill": text-speak "2" between verbs is "to" ("2 men outside" is a number).
    if (/\s2\s/.test(text)) text = text.replace(TWO_AS_TO, '$1 to ');
    if (text.includes("'d ") || text.includes('hed ') || text.includes('theyd ') || text.includes('youd ')) text = text.replace(HAD_DONE, (all, who: string, done: string) => (NOT_PARTICIPLES.has(done) ? all : `${who.replace(/'?d$/, '')} had ${done}`));
    if (text.includes(' no')) text = text.replace(DONT_NO, '$1 know');
    if (text.includes("'s ")) text = text.replace(HAS_BEEN, '$1 has $2').replace(HAS_DONE, '$1 has $2 $3').replace(IS_THERE, '$1 is $2');

    const clauses: string[][] = [];
    // All tokens in order, gathered as they go into their clauses (Array.prototype.flat is ten times slower).
    const tokens: string[] = [];
    const breaks: string[] = [];
    for (const part of text.split(CLAUSE_PUNCTUATION)) {
      let clause: string[] = [];
      let opener = '';
      const raws = part.split(NOT_TOKEN);
      // "I think so", "I guess so": a "so" that ends what was said is an answer's, not a break before more.
      let last = raws.length - 1;
      while (last >= 0 && raws[last] === '') last--;
      for (const [r, raw] of raws.entries()) {
        for (const token of this.expandToken(raw)) {
          if (this.breaks.has(token) && !(token === 'so' && r === last && clause.length > 0)) {
            if (clause.length > 0) {
              clauses.push(clause);
              breaks.push(opener);
            }
            clause = [];
            opener = token;
          } else {
            clause.push(token);
            tokens.push(token);
          }
        }
      }
      if (clause.length > 0) {
        clauses.push(clause);
        breaks.push(opener);
      }
    }
    return { clauses, tokens, breaks, shouted, exclaimed };
  }

  private expandToken(raw: string): string[] {
    // Most tokens have no apostrophe, no "+" and no letter three times over: the replacements below
    // would leave them as they are, and are skipped (a regular expression a token cost a tenth of a message).
    const marks = raw.includes("'") || raw.includes('+');
    let token = marks ? raw.replace(/^'+|'+$/g, '') : raw;
    if (token === '') return [];
    const direct = this.expansions.get(token);
    if (direct) return direct;
    if (marks) {
      // Possessive or unlisted contraction: "mum's" -> "mum".
      token = token.replace(/'s$/, '').replace(/'/g, '').replace(/\+/g, '');
      if (token === '') return [];
      const expanded = this.expansions.get(token);
      if (expanded) return expanded;
    }
    // "heeelp" -> "heelp" (the typo corrector does the rest); digits are left alone: "999" is a number.
    if (hasTripleLetter(token)) {
      token = token.replace(/([a-z])\1\1+/g, '$1$1');
      // "meee", "nooo": the single letter makes the word ("me", "no") where the double does not.
      const single = token.replace(/([a-z])\1/g, '$1');
      if (this.corrector && !this.corrector.knows(token) && this.corrector.knows(single)) return [single];
    }
    return [this.corrector ? this.corrector.correct(token) : token];
  }
}

/** Written in capitals: three or more letters, none of them lower case. */
function isShouted(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Whether a letter a-z comes three times in a row ("heeelp"). */
function hasTripleLetter(token: string): boolean {
  for (let i = 2; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 97 && c <= 122 && c === token.charCodeAt(i - 1) && c === token.charCodeAt(i - 2)) return true;
  }
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
