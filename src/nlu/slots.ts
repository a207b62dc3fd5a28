/**
 * What a first message already says, so the flow does not ask it again (as Rasa's forms do): who it
 * happened to, whether it is over, whether the person will speak to the police, phone or online. Read
 * from the same annotations, word lists in knowledge/nlu.yaml (`slots`).
 */
import type { Annotated, Token } from './annotator';
import { Lexicon } from './lexicon';
import { CALL_WORDS, namesFollow } from './nameCalling';

export type Who = 'me' | 'witness' | 'someone-else';

export interface Slots {
  who?: Who;
  /** Clearly over and nobody in danger now. */
  over?: boolean;
  police?: 'no';
  prefers?: 'phone' | 'online';
  /** Asks for someone who understands them, or a specialist (for an LGBT+ person: the liaison officer). */
  specialist?: boolean;
}

export interface SlotWords {
  witness: string[];
  someoneElse: string[];
  me: string[];
  notPolice: string[];
  policeWords: string[];
  policeVerbs: string[];
  policeFear: string[];
  phone: string[];
  online: string[];
  orders: string[];
  messaging: string[];
  sayings: string[];
  specialist: string[];
}

/** The writer as one of a group: "we", "us", "our" read as "i", "me", "my". */
const AS_WRITER: Record<string, string> = { we: 'i', us: 'me', our: 'my' };
function asWriter(t: Token): Token {
  const word = AS_WRITER[t.word];
  // (a token of its own: its forms and the lexicons' start flags are worked out again for the new word)
  return word ? { ...t, word, lemma: word, forms: [word], starts: undefined } : t;
}

/** After "my partner and I": a form of being done to ("were called names", "got chased", "have been targeted"). */
const DONE_TO = new Set(['were', 'was', 'got', 'get', 'have', 'had', 'keep', 'kept', 'are']);

/** After "told me to go", "to get": where the writer was sent ("go back to poland", "get out"), not "go to the police". */
const SENT_AWAY = new Set(['back', 'home', 'away', 'out', 'off']);

/** "I'd rather keep the police out of it": a preference against, as good as a negation here. */
const RATHER = 'rather';



export class SlotReader {
  private readonly lex: Record<Exclude<keyof SlotWords, 'orders' | 'messaging' | 'sayings'>, Lexicon>;
  private readonly sayings: ReadonlySet<string>;
  private readonly orders: ReadonlySet<string>;
  private readonly messaging: ReadonlySet<string>;
  /** The people of the someone-else phrases that start with "my": son, daughter, mum, mate... */
  private readonly relatives: ReadonlySet<string>;

  /** `negations`: the emergency check's negation words (knowledge/safety.yaml), so both read "not" alike. */
  constructor(
    words: SlotWords,
    private readonly negations: Lexicon = new Lexicon(['not', 'no', 'never', 'nobody', 'cannot'], false),
    /** Who someone is (knowledge/nlu.yaml identityWords): "my hijab", "my tics" targeted are the writer's own. */
    private readonly identity: Lexicon = new Lexicon([]),
  ) {
    this.orders = new Set(words.orders);
    this.messaging = new Set(words.messaging);
    this.sayings = new Set(words.sayings);
    this.relatives = new Set(words.someoneElse.filter((e) => e.startsWith('my ') && e.split(' ').length === 2).map((e) => e.split(' ')[1]!));
    this.lex = {
      witness: new Lexicon(words.witness),
      someoneElse: new Lexicon(words.someoneElse),
      me: new Lexicon(words.me),
      notPolice: new Lexicon(words.notPolice),
      policeWords: new Lexicon(words.policeWords),
      policeVerbs: new Lexicon(words.policeVerbs),
      policeFear: new Lexicon(words.policeFear),
      phone: new Lexicon(words.phone),
      online: new Lexicon(words.online),
      specialist: new Lexicon(words.specialist),
    };
  }

  who(annotated: Annotated): Who | undefined {
    const tokens = annotated.tokens;
    // "I saw them attack a man": seeing it comes first; "my son was attacked": someone close to the writer.
    if (this.positive(tokens, this.lex.witness)) return 'witness';
    // "me" or "us" as an object ("shouted at me") outweighs a relative, who may be the one doing it.
    // Not after "told", "rang", "called"... ("my son rang me"), unless a name follows ("called me a p*ki", "called us names").
    // "a member told me go back to poland": told to go, get out, shut up... is abuse aimed at the writer.
    const meObject = tokens.some((t, k) => (t.word === 'me' || t.word === 'us') && (!this.messaging.has(tokens[k - 1]?.word ?? '') || (CALL_WORDS.has(tokens[k - 1]?.word ?? '') && namesFollow(tokens[k + 1])) || this.orders.has(tokens[k + 1]?.word ?? '') || (tokens[k + 1]?.word === 'to' && this.orders.has(tokens[k + 2]?.word ?? '') && SENT_AWAY.has(tokens[k + 3]?.word ?? ''))));
    // "my partner and I were called names", "me and my mate got chased": the writer is one of them.
    const withWriter = this.withWriter(annotated);
    if ((this.positive(tokens, this.lex.someoneElse) || this.describedRelative(tokens)) && !meObject && !withWriter) return 'someone-else';
    // "we've received a letter", "we have been targeted": "we" is the writer too.
    if (meObject || withWriter || this.positive(tokens, this.lex.me) || this.positive(tokens.map(asWriter), this.lex.me) || this.ours(tokens)) return 'me';
    if (this.saidOfWriter(tokens) || this.identityOfWriter(tokens)) return 'me';
    return undefined;
  }

  /** "saying im a greedy bi sl*g", "said i was a waste of space", "said i should go home": what is said is about the writer. */
  private saidOfWriter(tokens: Token[]): boolean {
    return tokens.some((t, k) => {
      if (!(this.sayings.has(t.lemma) && t.pos === 'VERB')) return false;
      // ("posting that im a dirty immigrant": "that" may come between.)
      const at = tokens[k + 1]?.word === 'that' ? k + 2 : k + 1;
      // ("...saying loudly that I shouldn't be allowed in": a manner word may come first, and any verb after "i".)
      const start = tokens[at]?.pos === 'ADV' && tokens[at + 1]?.word === 'that' ? at + 2 : at;
      const next = tokens[start + 1];
      return tokens[start]?.word === 'i' && next !== undefined && (['am', 'was', 'is'].includes(next.word) || next.pos === 'AUX' || next.pos === 'VERB');
    });
  }

  /** "taking the p out of my tics", "pulled my hijab", "mocking my accent": who the writer is, targeted. */
  private identityOfWriter(tokens: Token[]): boolean {
    // ("my muslim neighbour", "my deaf son": a word after it names who, or what, it describes: someone else, or a thing.)
    return tokens.some((t, k) =>
      t.word === 'my' &&
      [1, 2].some((d) => {
        const m = this.identity.matchAt(tokens, k + d);
        const after = tokens[k + d + (m?.length ?? 0)];
        return m !== undefined && tokens.slice(k + 1, k + d).every((x) => x.pos === 'ADJ') && !(after && (after.pos === 'NOUN' || after.pos === 'PROPN'));
      }),
    );
  }

  /**
   * "my partner and I were called names", "me and my mate got chased": the writer is one of them. ("and" opens a
   * clause; the other person must be the whole clause before: "he punched my son | and i ran" is not the writer's.)
   */
  private withWriter(annotated: Annotated): boolean {
    const { clauses } = annotated;
    const onlyOther = (c: Token[]) => this.lex.someoneElse.find(c).some((m) => m.start === 0 && m.length === c.length);
    return clauses.some((c, i) => {
      if (i === 0 || annotated.normalized.breaks[i] !== 'and') return false;
      const previous = clauses[i - 1]!;
      // (...and something done to them follows: "were called", "got chased"; "my son and i ran" is not.)
      const writerFirst = ['i', 'me'].includes(c[0]?.word ?? '') && onlyOther(previous) && DONE_TO.has(c[1]?.word ?? '');
      const other = this.lex.someoneElse.matchAt(c, 0);
      const writerBefore = previous.length === 1 && ['i', 'me'].includes(previous[0]!.word) && other !== undefined && DONE_TO.has(c[other.length]?.word ?? '');
      return writerFirst || writerBefore;
    });
  }

  /** "my autistic son", "my 9 year old daughter": a relative of the writer's, described. */
  private describedRelative(tokens: Token[]): boolean {
    return tokens.some((t, k) => (t.word === 'my' || t.word === 'our') && tokens.slice(k + 2, k + 5).some((r, j) => this.relatives.has(r.word) && tokens.slice(k + 1, k + 2 + j).every((d) => d.pos === 'ADJ' || d.pos === 'NUM' || ['year', 'years', 'old', 'little', 'elderly', 'teenage'].includes(d.word))));
  }

  /** "our mandir", "our street", "the front wall of our shop": something of the writer's own community. */
  private ours(tokens: Token[]): boolean {
    return tokens.some((t, k) => t.word === 'our' && tokens.slice(k + 1, k + 3).some((n) => n.pos === 'NOUN' || n.pos === 'PROPN'));
  }

  read(annotated: Annotated, over: boolean): Slots {
    const slots: Slots = {};
    const who = this.who(annotated);
    if (who) slots.who = who;
    if (over) slots.over = true;
    const tokens = annotated.tokens;
    if (this.avoidsPolice(annotated)) slots.police = 'no';
    const phone = this.positive(tokens, this.lex.phone);
    const online = this.positive(tokens, this.lex.online);
    if (phone !== online) slots.prefers = phone ? 'phone' : 'online';
    if (this.asksSpecialist(annotated)) slots.specialist = true;
    return slots;
  }

  /** "someone who understands", "a specialist", "trained on trans stuff" (not negated just before). */
  asksSpecialist(annotated: Annotated): boolean {
    // ("someone who actually gets it": read without its adverbs, but not without its "not".)
    const words = annotated.tokens.filter((t) => t.pos !== 'ADV' || this.negations.matchAt([t], 0) !== undefined);
    return this.positive(words, this.lex.specialist);
  }

  /** "anonymously", or a clause with a negation, the police and talking to them: "I don't want to speak to the police". */
  avoidsPolice(annotated: Annotated): boolean {
    if (this.positive(annotated.tokens, this.lex.notPolice) || this.lex.notPolice.has(annotated.tokens)) return true;
    if (annotated.clauses.some((c) => this.lex.policeFear.has(c) && this.lex.policeWords.has(c) && !c.some((t) => t.negated))) return true;
    // "I don't mind speaking to them", "I have no problem speaking to the police" are a yes.
    return annotated.clauses.some(
      (c) =>
        c.some((t, k) => t.word === RATHER || t.negated || this.negations.matchAt(c, k) !== undefined) &&
        !c.some((t, k) => t.lemma === 'mind' || (t.word === 'no' && ['problem', 'problems', 'issue', 'issues', 'bother'].includes(c[k + 1]?.word ?? ''))) &&
        this.lex.policeWords.has(c) &&
        this.lex.policeVerbs.has(c),
    );
  }

  /** A match not negated just before it ("not online" does not prefer online). */
  private positive(tokens: Token[], lexicon: Lexicon): boolean {
    for (const m of lexicon.find(tokens)) {
      const window = tokens.slice(Math.max(0, m.start - 3), m.start);
      if (!window.some((_t, k) => this.negations.matchAt(window, k) !== undefined)) return true;
    }
    return false;
  }
}
