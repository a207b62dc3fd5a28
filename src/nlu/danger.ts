/**
 * The emergency check, on every message before anything else. It composes meaning from annotations
 * (see knowledge/safety.yaml for the families and word lists): a harmful act, an injury, a weapon, an
 * intruder, someone held, fire or a threat, a crowd, or a plea for help, each judged by the time of its
 * clause (now, soon, past, a habit...) and by negation. NOW means 999 at once; MAYBE means the bot
 * asks the danger question before anything else; NO means nothing points to danger. A learned backstop
 * turns NO into MAYBE when the message sounds like an emergency the rules did not see.
 */
import type { Annotated, Token } from './annotator';
import { irregularLemma } from './irregularVerbs';
import { Lexicon, type LexiconMatch } from './lexicon';

export type DangerLevel = 'now' | 'maybe' | 'no';

/** When a clause, or a verb in it, happens. */
export type Time = 'now' | 'progressive' | 'soon' | 'recent' | 'present' | 'past-tense' | 'past' | 'habit' | 'none';

export interface DangerFinding {
  family: string;
  level: DangerLevel;
  /** The words that fired, as written in the rules. */
  words: string;
  time: Time;
}

export interface DangerResult {
  level: DangerLevel;
  /** What fired (or was discounted), strongest first. */
  findings: DangerFinding[];
  /** The message says it is over: nobody hurt, they have gone, it was in the past. */
  over: boolean;
  /** The learned backstop's probability of an emergency, when it was asked. */
  backstop?: number;
  /**
   * A NOW said plainly: "right now", an injury, a weapon, a cry for help, an attack or damage going on as they
   * write. Not one the rules inferred ("they won't leave me alone") or the learned check made.
   */
  plain: boolean;
  reason: string;
}

export interface DangerRules {
  families: Record<string, string>;
  lexicons: Record<string, string[]>;
  callForHelp: { words: string[]; urgentWords: string[]; fillerWords: string[] };
  backstop: { maybe: number; now: number; sure?: number; veto?: number; vetoSpares: string[]; vetoSparesSaidNow: string[] };
}

/** The learned backstop: a probability that a message is an emergency, from its words and what the rules found. */
export type Backstop = (annotated: Annotated, findings: readonly DangerFinding[]) => number;

/**
 * What the rules found, as features for the learned check: each family with its level and its time. The
 * model learns from thousands of labelled messages how far each finding can be trusted ("intruder" at
 * time "none" rarely is an emergency; "harm-now" at "progressive" nearly always is).
 */
export function ruleFeatures(findings: readonly DangerFinding[]): string[] {
  if (findings.length === 0) return ['rule:none'];
  const out = new Set<string>();
  for (const f of findings) {
    out.add(`rule:${f.level}`);
    out.add(`rule:${f.family}:${f.level}`);
    out.add(`rule:${f.family}:${f.time}`);
  }
  return [...out];
}

/** The word lists the check reads; the loader makes sure each exists in knowledge/safety.yaml. */
export const DANGER_LEXICONS = [
  'harm', 'abuse', 'pursue', 'vehicle', 'vehicleMenace', 'nearness', 'injury', 'injuryWhenNegated', 'weapon', 'wield', 'attacker', 'place', 'intrude', 'held',
  'fire', 'threat', 'crowd', 'crowdAction', 'needHelp', 'fear', 'urgent', 'now', 'soon', 'past', 'habit', 'over',
  'presentAux', 'pastAux', 'futureAux', 'hypothetical', 'negation', 'approach', 'flee', 'holdVerbs', 'figurative', 'inanimate',
  'widePlace', 'presence', 'people', 'ongoing', 'property', 'strongNow', 'brandish', 'severeHarm', 'severeWeapon', 'notFire',
  'duration', 'attackNoun', 'telegraphicNot', 'scene', 'campaign', 'damage', 'fuelUse', 'speech', 'detained', 'bodyPart', 'bodyDamage', 'threatIdiom', 'pointedWeapon', 'onlinePlace', 'depicted', 'joking', 'shortSpan', 'longSince', 'arrival', 'perceive', 'openingDay', 'belief', 'correction', 'weaponAdmin', 'limiter', 'mannerHabit', 'definitional', 'pleaUrgent', 'plea', 'thrown', 'smoked', 'aimed', 'weather', 'breakOut', 'indoors', 'letGo', 'earlierToday', 'placeNames', 'rooms', 'hideUnder', 'hideIn', 'goneFor', 'overFillers', 'runningThings', 'policeHold', 'impostor', 'busy', 'notAPlea', 'wellState', 'relay', 'persisting', 'brandishIt', 'writings', 'nounFirst', 'slightly', 'notWeaponVerbs', 'minorInjury', 'weaponSign', 'dangerNames', 'leftOnly', 'wreck', 'injuryKinds', 'fitted', 'packedPlaces', 'vehicleAt', 'weaponKept',
] as const;
/** Lists matched on the words as written, never on lemmas or stems ("help me" is not "helped me"). */
const WORDS_ONLY: ReadonlySet<LexiconName> = new Set(['limiter', 'mannerHabit', 'definitional', 'pleaUrgent', 'plea', 'thrown', 'smoked', 'aimed', 'weather', 'breakOut', 'indoors', 'letGo', 'earlierToday', 'placeNames', 'hideUnder', 'hideIn', 'goneFor', 'overFillers', 'busy', 'notAPlea', 'wellState', 'persisting', 'correction', 'shortSpan', 'longSince', 'arrival', 'openingDay', 'belief', 'telegraphicNot', 'duration', 'strongNow', 'notFire', 'needHelp', 'fear', 'over', 'hypothetical', 'futureAux', 'now', 'soon', 'past', 'habit', 'figurative', 'inanimate', 'negation', 'dangerNames', 'leftOnly', 'injuryKinds', 'fitted', 'packedPlaces', 'vehicleAt']);
const FUTURE_WORDS = new Set(['will', 'shall', 'going', 'gonna', 'about', 'try', 'trying', 'want', 'wants', 'coming', 'threaten', 'threatening', 'threatened', 'threat', 'threats', 'planning', 'plan', 'plotting']);
const PERSON_WORDS = new Set(['me', 'us', 'him', 'her', 'them', 'someone', 'somebody', 'man', 'woman', 'boy', 'girl', 'lad', 'kid', 'child', 'friend', 'mum', 'dad', 'son', 'daughter', 'brother', 'sister', 'wife', 'husband', 'partner', 'people', 'guy', 'bloke', 'lady']);
/** Lengths of time that make a story go on over days (not "minutes", "hours": those are today). */
const DAYS_OR_LONGER = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'term', 'terms', 'decade', 'decades', 'weekend', 'weekends', 'fortnight']);
/** Parts of a day that come round again ("every single evening"). */
const TIMES_OF_DAY = new Set(['night', 'nights', 'evening', 'evenings', 'morning', 'mornings', 'afternoon', 'afternoons', 'lunchtime', 'weekday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
/** Words that count ("for three weeks", "a couple of months", "two times"). */
const COUNTS = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'few', 'several', 'couple', 'many', 'some', 'past', 'last', 'the', 'nearly', 'almost', 'about', 'over', 'around']);
/** Between a denial and the danger it denies: "nobody is in any immediate danger", "not an emergency". */
const DENIAL_FILLERS = new Set(['is', 'are', 'am', 'be', 'in', 'an', 'a', 'any', 'immediate', 'real', 'really', 'actually', 'at', 'currently']);
/** Before a word, these make it doubted or asked about, not said: "not sure if it's an emergency", "don't know whether". */
const DOUBTS = new Set(['sure', 'know', 'if', 'whether', 'wonder', 'wondering', 'think', 'unsure', 'idk']);
/** "the escape room", "an escape game": a word naming a game or its room, no one escaping. */
function namesAGame(tokens: readonly Token[], m: LexiconMatch): boolean {
  return m.length === 1 && ['room', 'rooms', 'game', 'games'].includes(tokens[m.start + 1]?.word ?? '');
}

const DETERMINERS = new Set(['a', 'an', 'the', 'that', 'this', 'his', 'her', 'their', 'my', 'some', 'any', 'more', 'our', 'your']);
const PERSON_OBJECTS = new Set(['me', 'us', 'him', 'her', 'them', 'my', 'his', 'our', 'their', 'someone', 'somebody', 'a', 'the']);
type LexiconName = (typeof DANGER_LEXICONS)[number];

export const DANGER_FAMILIES = [
  'harm-now', 'damage-now', 'abuse-now', 'injury', 'weapon', 'intruder', 'held', 'fire-or-threat', 'crowd', 'need-help-now', 'call-for-help',
] as const;
type Family = (typeof DANGER_FAMILIES)[number];

/** Weapons that are an emergency even in a past-tense sentence with no time given ("he pulled a knife"). */
const QUESTION_WORDS = new Set(['what', 'how', 'should', 'can', 'could', 'would', 'will', 'does', 'do', 'is', 'are', 'am']);
/** Words that ask for something wherever they stand ("pocki sticks has how many calories"). */
const WH_WORDS = new Set(['what', 'how', 'why', 'where', 'which', 'who']);
/** What a clause that asks a question opens with: "is the A1 closed", "when do they", "did they". */
const QUESTION_OPENERS = new Set([...QUESTION_WORDS, ...WH_WORDS, 'when', 'did', 'has', 'have', 'shall']);
/** Years written as numbers place a clause in the past ("in 2019"). */
const YEAR = /^(19|20)\d\d$/;
/** Before "being hit" or "hitting", these make it a thing talked about, not happening: "after being attacked". */
const GERUND_BEFORE = new Set(['of', 'about', 'for', 'after', 'from', 'before', 'since', 'without', 'by', 'like', 'stop', 'stopped', 'report', 'reporting', 'reported', 'remember', 'when', 'than', 'risk', 'avoid', 'fear', 'mind', 'describe', 'include', 'includes', 'including', 'count', 'counts', 'cover', 'covers']);
const WRITER = new Set(['i', 'we', 'me', 'us']);
/** Pronouns that can be the subject of a verb: "they attacked me" is a sentence, "attacked on the bus" a headline. */
const SUBJECTS = new Set(['i', 'we', 'you', 'he', 'she', 'they', 'it', 'someone', 'somebody', 'who', 'that']);
const OBJECTS = new Set(['me', 'us', 'you', 'him', 'her', 'them', 'it', 'my', 'our', 'his', 'their', 'someone', 'somebody']);
/** Right before a participle, these make it a passive: "being hit", "got cut", "was hurt". */
const PASSIVE_AUX = new Set(['being', 'been', 'was', 'were', 'is', 'are', 'am', 'be', 'get', 'got', 'gets', 'getting']);
/** Auxiliaries: a verb with one of these before it is not bare. */
const AUXILIARIES = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'got', 'get', 'gets', 'getting', 'did', 'do', 'does', 'will', 'would', 'shall', 'can', 'could', 'may', 'might', 'must', 'should', 'to']);
/** A headline or a gasp has at most this many words. */
const TELEGRAPHIC_MAX_WORDS = 10;
/** A plea of fear in a longer message is part of a story ("...I'm scared now, should I be doing anything"): the danger question. */
const FEAR_MAX_WORDS = 15;
/** A time of day: "2am", "11pm", "midnight". */
const CLOCK = /^(\d{1,2}(h\d{2})?(am|pm)?|midnight)$/;
/** Midnight to five in the morning ("1am", "3h20am", "midnight"): someone at the door then is frightening. */
const SMALL_HOURS = /^((12|0?[1-5])(h\d{2})?am|midnight)$/;
const LEVEL_RANK: Record<DangerLevel, number> = { now: 2, maybe: 1, no: 0 };
/** Findings that say danger plainly whatever their time, and those that do when going on as the person writes. */
const PLAIN_FAMILIES: ReadonlySet<string> = new Set(['injury', 'weapon', 'call-for-help', 'need-help-now']);
const PLAIN_WHEN_GOING_ON: ReadonlySet<string> = new Set(['harm-now', 'damage-now', 'held', 'intruder', 'fire-or-threat', 'crowd']);
/** Going on, just done, or about to be: "they're kicking the door", "I've just been attacked", "back tonight". */
const PLAIN_TIMES: ReadonlySet<Time> = new Set(['progressive', 'present', 'recent', 'soon']);

/** Tagged as a noun and not a verb form: "the bottles", "chase's number" (the tagger calls "chased" a noun too). */
function isThing(t: Token): boolean {
  return (t.pos === 'NOUN' || t.pos === 'PROPN') && !t.word.endsWith('ed') && !t.word.endsWith('ing');
}

/**
 * "he told me when he got in", "sit with me when he comes round sunday": coming, going or getting in just after "when"
 * is a time, not someone approaching or intruding.
 */
function afterWhen(tokens: readonly Token[], i: number): boolean {
  return tokens.slice(Math.max(0, i - 2), i).some((b) => b.word === 'when');
}

/** "2am", "11.40pm", "3 am": a clause that is only a time of day. */
function clockOnly(tokens: readonly Token[]): boolean {
  const words = tokens.map((t) => t.word).filter((w) => w !== 'am' && w !== 'pm');
  return words.length >= 1 && words.length <= 2 && words.every((w) => CLOCK.test(w)) && /\d/.test(words[0]!);
}

/** "POLICE!!! towpath hemel": a call for the police or help, shouted or exclaimed, in a few words. */
function telegraphicPlea(annotated: Annotated, pleaUrgent: ReadonlySet<string>): boolean {
  const { normalized, tokens } = annotated;
  // ...or said to be urgent: "help hatfield bus station now", "ambulance and police pls" (not asked: "how do I get help now").
  // ("police station opening times please" names the police, but asks for no help.)
  const shouted = normalized.shouted || normalized.exclaimed;
  // ("help me with my CV please", "help me find my phone please" ask for something; "please" alone urges only an ambulance.)
  const request = tokens.some((t, k) => t.word === 'help' && asksForHelpWith(tokens, k + 1));
  // (asked: "how do i get help now"; shouted, a question is still a plea: "HELP!! WHERE ARE THE POLICE")
  const asked = QUESTION_OPENERS.has(tokens[0]?.word ?? '');
  const urged = !request && !asked && ((tokens.some((t) => pleaUrgent.has(t.word)) && tokens.some((t) => ['help', 'sos', '999', 'ambulance'].includes(t.word))) || (tokens.some((t) => ['please', 'pls', 'plz'].includes(t.word)) && tokens.some((t) => ['sos', '999', 'ambulance'].includes(t.word))));
  return tokens.length > 1 && tokens.length <= 6 && ((shouted && tokens.some((t) => ['police', 'help', 'sos', '999', 'ambulance'].includes(t.word))) || urged);
}

/** After "help": "with", "to", or "me" and a verb ask for help with something ("help me find my phone"), not for rescue. */
function asksForHelpWith(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i];
  return next !== undefined && (['with', 'to'].includes(next.word) || (['me', 'us'].includes(next.word) && tokens[i + 1]?.pos === 'VERB'));
}

/** "...i'm at a friend's house | and safe": a clause that is only "safe" (the "and" was a clause break). */
/** Before a room or a hiding place: whose it is, or "the" ("in my hallway", "under the table"; not "in that case"). */
const OWNERS = new Set(['the', 'my', 'our', 'his', 'her', 'their']);

/** "the bottles", "in the waiting room", "copy my signing": a word just after a determiner names a thing or an activity. */
function namesAThing(tokens: readonly Token[], i: number): boolean {
  return DETERMINERS.has(tokens[i - 1]?.word ?? '');
}

/** "the petrol station in Welwyn Garden City", "our farm just outside Royston": a town named (`towns`), not a door or a garden. */
function inPlaceName(tokens: readonly Token[], towns: readonly LexiconMatch[], m: LexiconMatch): boolean {
  const end = m.start + m.length;
  // ("men outside stevenage gurdwara": a building named after the town is the place, and someone is outside it.)
  return towns.some((n) => (n.start < end && m.start < n.start + n.length) || (m.entry === 'outside' && n.start === end && tokens[n.start + n.length]?.pos !== 'NOUN'));
}

function safeClause(tokens: readonly Token[]): boolean {
  return tokens.length > 0 && tokens.length <= 3 && tokens[0]!.word === 'safe' && !tokens.some((t) => t.negated);
}

interface ClauseContext {
  tokens: Token[];
  /**
   * The message is written like a headline or a gasp ("Acid thrown. Watford.", "attack on the train",
   * "dragged out of car racist"): short, undated, no question, not about a report. A bare participle in it
   * means it has just happened, a bare -ing that it is happening, a noun for an attack that it is going on.
   */
  telegraphic: boolean;
  /** "...keeps leaving dog mess on my step | and writing no blacks on my bins": carries on a "keeps" of the clause before. */
  habitual: boolean;
  /** Someone other than the writer has just been said to speak ("my neighbour said to me, ... I will kill him"): an "I" that follows is theirs. */
  quoted: boolean;
  /** "right now", "as we speak": beats a verb's past form ("attacked rn"). */
  strongNow: boolean;
  /** "filmed a guy shouting at a lad | and grabbing at his patka": starts with a bare -ing that goes on a story told in the past. */
  continuesPast: boolean;
  /** "men were making gestures | and shouting stuff": starts with a bare -ing that shares the "was" or "were" of the clause before. */
  sharesPastAux: boolean;
  /** The message says it is over ("they've gone", "nobody was hurt"): set once the clauses are read. */
  over: boolean;
  /** "got home | and theres a man stood in my front garden": the clause comes after the last one that says it is over. */
  afterOver: boolean;
  /** "...and won't go away": the message says what they keep doing is still going on. */
  persisting: boolean;
  /** The clause's time from its words ("now", "last week", "keeps", "tonight"), or inherited. */
  adverbial: Time;
  hypothetical: boolean;
}

/** What each family's rules read of a clause (see clauseFindings). */
interface ClauseScope {
  tokens: Token[];
  context: ClauseContext;
  annotated: Annotated;
  /** The clause before, if any. */
  previous: ClauseContext | undefined;
  safe: boolean;
  /** Records a finding, capped by what the message says elsewhere. */
  add: (family: Family, level: DangerLevel, m: LexiconMatch, time: Time) => void;
  by: (time: Time, now: Time[], maybe: Time[]) => DangerLevel;
  clauseTime: () => Time;
  attacker: LexiconMatch | undefined;
  scene: boolean;
  soonOrNow: boolean;
}

export class DangerCheck {
  private readonly lex: Record<LexiconName, Lexicon>;
  /** Per clause, where it denies a belief (see deniedBeliefAt). */
  private readonly deniedBeliefs = new WeakMap<Token[], number>();
  /** "right now", "as we speak": time words that beat a verb's past form and a past date in their clause. */
  private readonly strongNow: ReadonlySet<string>;
  private readonly helpWords: Set<string>;
  private readonly urgentWords: Set<string>;
  private readonly fillerWords: Set<string>;
  /** Word lists read one word at a time (see knowledge/safety.yaml). */
  private readonly sets: Record<'limiter' | 'mannerHabit' | 'definitional' | 'pleaUrgent' | 'plea' | 'thrown' | 'smoked' | 'aimed' | 'breakOut' | 'indoors' | 'letGo' | 'goneFor' | 'overFillers' | 'brandishIt' | 'nounFirst' | 'notWeaponVerbs' | 'leftOnly' | 'injuryKinds' | 'dangerNames' | 'fitted' | 'packedPlaces' | 'vehicleAt', ReadonlySet<string>>;
  private readonly wide = new WeakMap<Annotated, { detained: boolean; joking: boolean; scene: boolean; soonOrNow: boolean; asksWhatCounts: boolean }>();

  constructor(
    private readonly rules: DangerRules,
    private readonly backstop?: Backstop,
  ) {
    const lex = {} as Record<LexiconName, Lexicon>;
    for (const name of DANGER_LEXICONS) lex[name] = new Lexicon(rules.lexicons[name] ?? [], !WORDS_ONLY.has(name));
    this.lex = lex;
    this.strongNow = new Set(rules.lexicons.strongNow ?? []);
    this.helpWords = new Set(rules.callForHelp.words);
    this.urgentWords = new Set(rules.callForHelp.urgentWords);
    this.fillerWords = new Set(rules.callForHelp.fillerWords);
    const set = (name: LexiconName) => new Set(rules.lexicons[name] ?? []);
    this.sets = { limiter: set('limiter'), mannerHabit: set('mannerHabit'), definitional: set('definitional'), pleaUrgent: set('pleaUrgent'), plea: set('plea'), thrown: set('thrown'), smoked: set('smoked'), aimed: set('aimed'), breakOut: set('breakOut'), indoors: set('indoors'), letGo: set('letGo'), goneFor: set('goneFor'), overFillers: set('overFillers'), brandishIt: set('brandishIt'), nounFirst: set('nounFirst'), notWeaponVerbs: set('notWeaponVerbs'), leftOnly: set('leftOnly'), injuryKinds: set('injuryKinds'), dangerNames: set('dangerNames'), fitted: set('fitted'), packedPlaces: set('packedPlaces'), vehicleAt: set('vehicleAt') };
  }

  /** Every word the rules use: the typo corrector's targets. */
  static vocabulary(rules: DangerRules): string[] {
    return [...Object.values(rules.lexicons).flatMap((l) => new Lexicon(l).words()), ...rules.callForHelp.words];
  }

  check(annotated: Annotated): DangerResult {
    const findings: DangerFinding[] = [];
    const cry = this.cryForHelp(annotated);
    if (cry) findings.push(cry);
    const contexts = this.contexts(annotated);
    // "Yes they're still at it. Wait no they've just run off. I think its over": after a change of mind that says it
    // is over (and finds no danger of its own), what came before it is only a MAYBE; and "no they've gone... wait no
    // they're back": what is said to be over before a change of mind no longer is.
    const changed = contexts.findLastIndex((c) => this.lex.correction.has(c.tokens));
    const current = changed > 0 ? contexts.slice(changed) : contexts;
    const over = this.saysOver(current);
    const lastOver = over ? contexts.findLastIndex((c) => this.saysOver([c])) : -1;
    contexts.forEach((c, i) => {
      c.over = over;
      c.afterOver = lastOver >= 0 && i > lastOver;
    });
    const safe = this.saysSafe(current);
    const perClause = contexts.map((context, i) => this.clauseFindings(context, over, annotated, contexts[i - 1], safe));
    const retracted = changed > 0 && over && !perClause.slice(changed).flat().some((f) => f.level === 'now');
    perClause.forEach((found, i) => findings.push(...(retracted && i < changed ? found.map((f): DangerFinding => (f.level === 'now' ? { ...f, level: 'maybe' } : f)) : found)));
    // "help my wife was hit with a bottle": a plea first, then danger words, is urgent whatever their tense.
    // ("help me find the routing number" asks for something: no plea.)
    const [t0, t1] = annotated.tokens;
    const request = asksForHelpWith(annotated.tokens, 1);
    const plea = !request && (['help', 'sos', 'police'].includes(t0?.word ?? '') || (t0?.word === 'please' && t1?.word === 'help'));
    if (plea && findings.some((f) => f.level === 'maybe' && f.family !== 'call-for-help') && !over) findings.push({ family: 'call-for-help', level: 'now', words: annotated.tokens[0]!.word, time: 'now' });
    // "hello please man slaps my face": after a greeting, "please" and an act told in the present is a plea too.
    const opening = annotated.tokens.findIndex((t) => !this.fillerWords.has(t.word));
    // ("please assist me in linking my chase account" asks for something: a verb after "please" is a request.)
    const afterPlease = annotated.tokens[opening + 1];
    const request2 = afterPlease !== undefined && (QUESTION_OPENERS.has(afterPlease.word) || (afterPlease.pos === 'VERB' && this.lex.attacker.matchAt([afterPlease], 0) === undefined));
    const pleads = opening >= 0 && ['please', 'pls', 'plz'].includes(annotated.tokens[opening]!.word) && !request2;
    if (!plea && pleads && !over && findings.some((f) => f.level === 'maybe' && f.family !== 'call-for-help' && (f.time === 'none' || f.time === 'present' || f.time === 'progressive'))) findings.push({ family: 'call-for-help', level: 'now', words: annotated.tokens[opening]!.word, time: 'now' });
    // "inside my house help", "bus station sos": a few words ending on a plea (not "thanks for the help", not a question).
    const tokens = annotated.tokens;
    const last = tokens[tokens.length - 1];
    const endsInPlea = tokens.length > 1 && tokens.length <= 6 && ['help', 'sos'].includes(last?.word ?? '') && !DETERMINERS.has(tokens[tokens.length - 2]!.word) && !this.lex.notAPlea.has(tokens) && !QUESTION_OPENERS.has(tokens[0]!.word) && !this.lex.telegraphicNot.has(tokens);
    if (endsInPlea && !findings.some((f) => f.level === 'now') && !over) {
      const there = this.lex.place.has(tokens) || this.lex.attacker.has(tokens) || this.lex.weapon.has(tokens) || this.lex.widePlace.has(tokens);
      findings.push({ family: 'call-for-help', level: there ? 'now' : 'maybe', words: last!.word, time: 'now' });
    }
    // "POLICE!!! towpath hemel": shouted for the police in a headline.
    if (telegraphicPlea(annotated, this.sets.pleaUrgent) && !findings.some((f) => f.level === 'now')) findings.push({ family: 'call-for-help', level: 'now', words: annotated.tokens.find((t) => ['help', 'sos', '999', 'ambulance', 'police'].includes(t.word))!.word, time: 'now' });
    findings.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
    let level: DangerLevel = findings[0]?.level ?? 'no';
    let backstop: number | undefined;
    let vetoed = false;
    if (this.backstop && annotated.tokens.length > 0) {
      backstop = this.backstop(annotated, findings);
      const veto = this.rules.backstop.veto;
      // The rules said NOW but the learned check, trained on the rules' findings too, finds it most unlikely:
      // the danger question first (999 stays on screen) rather than a false alarm. Never for a family it spares (an
      // injury, a weapon), someone at the door said to be there now, or two families agreeing.
      // Otherwise a "now" said in so many words is no exception: on the rounds the rules were not tuned on, the check
      // was right more often than the word ("hes ok now just a cut lip", "now hes started calling me names in texts").
      const { sure, vetoSpares, vetoSparesSaidNow } = this.rules.backstop;
      const spared = findings.some((f) => f.level === 'now' && (vetoSpares.includes(f.family) || (f.time === 'now' && vetoSparesSaidNow.includes(f.family))));
      // Two families finding danger now on their own (a crowd, and an attack) bear each other out: no veto.
      const corroborated = new Set(findings.filter((f) => f.level === 'now').map((f) => f.family)).size >= 2;
      if (level === 'now' && veto !== undefined && backstop < veto && !spared && !corroborated) {
        level = 'maybe';
        vetoed = true;
      } else if (level === 'no' && sure !== undefined && backstop >= sure && !over && annotated.tokens.length > 1 && !this.asksAQuestion(annotated)) {
        // No rule matched the words, but the model has seen many messages like it: "I'm running, they're after me".
        level = 'now';
        // "he's been arrested", "they've gone, we're fine": said to be over, and no rule found danger: no question,
        // unless the learned check is fairly sure (`now`: "I'm ok physically so far" in a long message about a car following a runner).
      } else if (level === 'no' && backstop >= this.rules.backstop.maybe && (!over || backstop >= this.rules.backstop.now)) level = 'maybe';
      else if (level === 'maybe' && backstop >= this.rules.backstop.now && !retracted && !contexts.every((c) => c.hypothetical)) {
        // A past-tense act ("they grabbed my wife") with no date: NOW only when the model is very sure and nothing dates it.
        const dated = contexts.some((c) => c.adverbial === 'past' || c.adverbial === 'habit');
        const maybes = findings.filter((f) => f.level === 'maybe');
        const pastOnly = maybes.every((f) => f.time === 'past-tense');
        if (!pastOnly || (!dated && backstop >= 0.95)) level = 'now';
      }
    }
    // The message says the people are safe ("NOT an emergency!! Nobody hurt", "hes ok now just a cut lip"), yet a rule
    // found danger now: 999 at once only when the learned check is sure too (`sure`); else the danger question first.
    // (At `now`, 0.7, a retrained check moved "NOT an emergency, nobody hurt... a brick through the window" to 999.)
    if (level === 'now' && over && this.saysSafe(contexts) && backstop !== undefined && backstop < this.sureThreshold()) level = 'maybe';
    const past = contexts.some((c) => c.adverbial === 'past') || this.toldEarlierToday(contexts);
    // "they are here", "they're kicking the door": plain. "they won't leave me alone": pestering, said of now but not plainly danger.
    const goingOn = (f: DangerFinding) => PLAIN_TIMES.has(f.time) && PLAIN_WHEN_GOING_ON.has(f.family) && !/\bleav/.test(f.words);
    const cried = (annotated.normalized.shouted || annotated.normalized.exclaimed) && annotated.tokens.some((t) => t.word === 'help');
    const plain = level === 'now' && (cried || findings.some((f) => f.level === 'now' && (f.time === 'now' || PLAIN_FAMILIES.has(f.family) || goingOn(f))));
    return { level, findings, over: (over || past) && level === 'no', backstop, plain, reason: this.reason(level, findings, backstop, vetoed) };
  }

  private reason(level: DangerLevel, findings: DangerFinding[], backstop: number | undefined, vetoed: boolean): string {
    const top = findings[0];
    const describe = (f: DangerFinding) => `${f.family} ("${f.words}", time: ${f.time})`;
    if (vetoed && top) return `maybe in danger: ${describe(top)}, but the learned check gives only ${(backstop ?? 0).toFixed(2)}, so the danger question first`;
    if (level === 'now' && !findings.some((f) => f.level !== 'no')) return `emergency: no rule fired, but the learned backstop is sure (${(backstop ?? 0).toFixed(2)})`;
    if (level === 'now' && top && top.level === 'maybe') return `emergency: ${describe(top)}, time unclear, and the learned backstop gives ${(backstop ?? 0).toFixed(2)}`;
    if (level === 'now' && top) return `emergency: ${describe(top)}: ${this.rules.families[top.family] ?? top.family}`;
    if (level === 'maybe' && top && top.level === 'maybe') return `maybe in danger: ${describe(top)}, time unclear`;
    if (level === 'maybe') return `maybe in danger: no rule fired, but the learned backstop gives ${(backstop ?? 0).toFixed(2)}`;
    if (top) return `no danger: ${describe(top)} is ${top.time === 'none' ? 'negated, or only asked about' : `${top.time}, or negated`}`;
    return backstop === undefined ? 'no danger words' : `no danger words (backstop ${backstop.toFixed(2)})`;
  }

  /**
   * "10 mins ago a customer called me a p*ki", "this afternoon a man told me to go home": dated earlier today and
   * told in the past, with nothing said of now or later. (With no danger found, the message is then over.)
   */
  private toldEarlierToday(contexts: ClauseContext[]): boolean {
    const dated = contexts.some((c) => c.adverbial === 'recent' || this.lex.earlierToday.has(c.tokens)) && contexts.some((c) => this.clauseTense(c.tokens) === 'past-tense');
    const nowOrLater = contexts.some((c) => c.adverbial === 'now' || c.strongNow || c.hypothetical || (c.adverbial === 'soon' && this.clauseTense(c.tokens) !== 'past-tense') || this.lex.futureAux.has(c.tokens));
    return dated && !nowOrLater;
  }

  /** Each clause with its time; a clause without a time word takes the one before it ("they came back tonight and burnt..."). */
  private contexts(annotated: Annotated): ClauseContext[] {
    let previous: Time = 'none';
    let spoken = false;
    let pastBefore = false;
    let pastProgressiveBefore = false;
    const persisting = this.lex.persisting.has(annotated.tokens);
    const telegraphic = this.isTelegraphic(annotated);
    const contexts = annotated.clauses.map((tokens, i) => {
      const habitual = this.continuesClause(tokens) && (annotated.clauses[i - 1]?.some((t) => t.lemma === 'keep') ?? false);
      let adverbial = this.adverbialTime(tokens);
      // "2am. someone walking round our house": a message opening on the time alone is written at that time.
      // ("3pm. a man shouted at me in the shop": told in the past, the time is when it happened.)
      // (only what is going on: "9am. there is racist graffiti on my wall" tells of a state, "6.15. someone has written..." of an act done.)
      if (i === 1 && adverbial === 'none' && clockOnly(annotated.clauses[0]!) && this.clauseTense(tokens) === 'progressive') adverbial = 'now';
      // "saturday 2 customers call me...": a message opening on a day tells a story, unless it says what will happen.
      if (i === 0 && adverbial === 'none' && this.lex.openingDay.matchAt(tokens, 0) && !this.tellsFuture(tokens)) adverbial = 'past';
      // "witness to hate incident. taxi rank hitchin fri 11pm": in a message that says it is a report, a weekday named
      // in a clause with no verb dates what is reported ("gang outside my door friday night" is no report: not dated).
      // ("...called me dumb. Wednesday morning.": so does one in a story told in the past.)
      const toldInPast = () => annotated.clauses.some((c, j) => j !== i && this.clauseTense(c) === 'past-tense');
      if (adverbial === 'none' && this.lex.openingDay.has(tokens) && this.clauseTense(tokens) === 'none' && (this.lex.telegraphicNot.has(annotated.tokens) || toldInPast()) && !this.tellsFuture(tokens)) adverbial = 'past';
      // "was racially abused at Saturday's match", "an incident from Sunday": a weekday after "from" or "since", or
      // in a clause told in the past, dates it.
      // ("wouldn't let us in saturday": a refusal told.)
      // ("my neighbour who wouldnt stop shouting sunday is at my door": in a relative clause, or with the clause in the present, it dates nothing.)
      const day = adverbial === 'none' && !tokens.some((t) => ['who', 'that', 'which', 'is', 'are', 'am'].includes(t.word)) ? this.lex.openingDay.find(tokens)[0] : undefined;
      if (day && ['from', 'since'].includes(tokens[day.start - 1]?.word ?? '')) adverbial = 'past';
      else if (day && (tokens.some((t, k) => t.word === 'would' && tokens[k + 1]?.word === 'not') || (!this.tellsFuture(tokens) && this.clauseTense(tokens) === 'past-tense'))) adverbial = 'past';
      if (adverbial === 'none') {
        // "...every evening being a nuisance | and kicking bins over": a clause that starts with its verb
        // shares the subject, and the time, of the clause before.
        // ("...on Saturday, a man mocking a young lad": no verb of its own, so the time of the clause before.)
        if (this.clauseTense(tokens) === 'none' || this.continuesClause(tokens) || !tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX')) adverbial = previous;
        // ("they've gone now. lads threw eggs | and a bottle at me": a clause in the past with no time word ends the
        // "now" of the one before; a clause with no verb after it takes its past.)
        else if (this.clauseTense(tokens) === 'past-tense' && previous !== 'past') previous = 'past-tense';
      } else previous = adverbial;
      const strongNow = this.lex.now.find(tokens).some((m) => this.strongNow.has(m.entry) && !this.negatedAt(tokens, m.start));
      if (this.saidBySomeone(tokens)) spoken = true;
      const continuesPast = pastBefore && this.continuesClause(tokens) && ['and', 'then', ''].includes(annotated.normalized.breaks[i] ?? '');
      const tense = this.clauseTense(tokens);
      pastBefore = tense === 'past-tense' || (continuesPast && tense === 'progressive');
      const startsWithIng = this.continuesClause(tokens) && (tokens[0]!.word.endsWith('ing') || tokens[1]?.word.endsWith('ing') === true);
      const sharesPastAux = pastProgressiveBefore && startsWithIng && ['and', 'or', 'then', ''].includes(annotated.normalized.breaks[i] ?? '');
      pastProgressiveBefore = sharesPastAux || tokens.some((t, k) => (t.word === 'was' || t.word === 'were') && tokens.slice(k + 1, k + 3).some((v) => v.pos === 'VERB' && v.word.endsWith('ing')));
      return { tokens, adverbial, strongNow, hypothetical: this.isHypothetical(tokens), telegraphic, habitual, quoted: spoken, continuesPast, sharesPastAux, over: false, afterOver: false, persisting };
    });
    // "...trying the back door. Right now." and "he pulled a knife, but that was years ago": a clause that
    // only dates something dates the clause before it.
    contexts.forEach((c, i) => {
      const before = contexts[i - 1];
      if (!before || c.adverbial === 'none') return;
      // "..., its 2am": a clause that only tells the time of writing dates the one before, like "right now" does.
      const clock = c.tokens.length <= 5 && c.tokens[0]?.word === 'it' && c.tokens[1]?.word === 'is' && CLOCK.test(c.tokens[2]?.word ?? '');
      // ("all over now" says it is over: it dates nothing.)
      // ("..., every night this week": a few words with no verb, naming how often, date the clause before too.)
      const howOften = c.tokens.length <= 5 && c.adverbial === 'habit' && !c.tokens.some((x) => x.pos === 'VERB' || x.pos === 'AUX');
      const onlyTime = (c.tokens.length <= 3 && this.clauseTense(c.tokens) === 'none' && !this.lex.over.has(c.tokens)) || clock || howOften;
      const first = c.tokens[0]?.word ?? '';
      // ("its the same lot who sprayed swastikas on our wall last month": the date is the relative clause's, not the one before.)
      const relative = c.tokens.findIndex((x, j) => j > 0 && ['who', 'that', 'which'].includes(x.word));
      const dates = this.lex.past.find(c.tokens);
      const dateInRelative = relative > 0 && dates.length > 0 && dates.every((m) => m.start > relative);
      // ("this morning there was a note...": "this" before a noun names a time, and refers back to nothing.)
      const determiner = ['this', 'that'].includes(first) && c.tokens[1]?.pos === 'NOUN';
      const refersBack = (c.adverbial === 'past' || c.adverbial === 'habit') && ['it', 'that', 'this', 'which', 'happened', 'happens'].includes(first) && !dateInRelative && !determiner;
      // "I was attacked | because of my religion last week": a past date goes back to a clause already in the past tense.
      // ("got shot at from a car | while i was at the lights last summer": a "while" or "when" clause's date is the clause's before it.)
      const subordinate = ['while', 'when', 'as'].includes(annotated.normalized.breaks[i] ?? '') || ['while', 'when'].includes(first);
      const datesPast = c.adverbial === 'past' && (this.clauseTense(before.tokens) === 'past-tense' || subordinate);
      // ("he is hitting me, this has gone on for three weeks": how long it has gone on does not make what is happening a habit.)
      // (said with its "is" or "are": "kids knocking on doors and running away, its every night" is a habit.)
      const goingOn = c.adverbial === 'habit' && ['progressive', 'present'].includes(this.clauseTense(before.tokens)) && before.tokens.some((x) => ['is', 'are', 'am'].includes(x.word));
      // ("kids keep ringing our doorbell every night, its 11pm": a clause with a time of its own keeps it.)
      if ((onlyTime || refersBack || datesPast) && before.adverbial === 'none' && !goingOn) before.adverbial = c.adverbial;
      // ("have been banging on her door | and shouting | then running off, | every night this week": back through the
      // clauses that carry on the one before.)
      if (howOften) for (let k = i - 1; k > 0 && this.continuesClause(contexts[k]!.tokens) && contexts[k - 1]!.adverbial === 'none'; k--) contexts[k - 1]!.adverbial = c.adverbial;
      // "there was blood everywhere, they broke my nose. That was in August.": "that" dates the whole story told so far.
      if (refersBack && !goingOn) for (let k = i - 2; k >= 0 && contexts[k]!.adverbial === 'none'; k--) contexts[k]!.adverbial = c.adverbial;
    });
    return contexts;
  }

  /**
   * A headline or a gasp: a few words, undated, no question, not about reporting or the news ("Acid thrown.
   * Watford.", "attack on the train hitchin line"), as people write when something is happening to them.
   */
  private isTelegraphic(annotated: Annotated): boolean {
    const tokens = annotated.tokens;
    if (tokens.length === 0 || tokens.length > TELEGRAPHIC_MAX_WORDS) return false;
    if (this.lex.past.has(tokens) || this.lex.habit.has(tokens) || this.lex.telegraphicNot.has(tokens) || this.lex.hypothetical.has(tokens)) return false;
    if (tokens.some((t) => YEAR.test(t.word) || this.isPastAux(t.word))) return false;
    // "I witnessed a racist attack on the bus": a sentence told in the past, not a headline.
    const told = tokens.some((t, k) => ['i', 'we', 'he', 'she', 'they', 'you'].includes(t.word) && tokens.slice(k + 1, k + 3).some((v) => v.pos === 'VERB' && !v.word.endsWith('ing') && (v.word.endsWith('ed') || (v.word !== v.lemma && !v.word.endsWith('s')))));
    if (told) return false;
    if (tokens.some((t) => WH_WORDS.has(t.word))) return false;
    return !this.asksAQuestion(annotated);
  }

  /** A clause that starts with a verb in -ing or -ed ("and kicking bins over", "and punched him"): the rest of the one before. */
  private continuesClause(tokens: Token[]): boolean {
    // "...copied my signing | then pushed me": a "then" first does not change whose story it is.
    const t = ['then', 'also', 'later', 'after'].includes(tokens[0]?.word ?? '') ? tokens[1] : tokens[0];
    return t !== undefined && t.pos === 'VERB' && (t.word.endsWith('ing') || t.word.endsWith('ed') || t.word !== t.lemma);
  }

  /** A verb with no auxiliary and no subject in a headline: "thrown", "dragged out of car" (just happened), "shouting p*ki" (happening). */
  private bareVerbTime(tokens: Token[], i: number): Time | undefined {
    const t = tokens[i]!;
    if (t.pos !== 'VERB' && t.pos !== 'ADJ') return undefined;
    // "it keeps happening" has a subject and a verb of its own: no headline.
    if (tokens.slice(Math.max(0, i - 2), i).some((b) => AUXILIARIES.has(b.word) || SUBJECTS.has(b.word) || b.pos === 'VERB')) return undefined;
    if (t.word.endsWith('ing') && t.word.length > 4) return 'now';
    const participle = t.word.endsWith('ed') || (t.word !== t.lemma && !t.word.endsWith('s')) || irregularLemma(t.word) !== undefined;
    if (!participle) return undefined;
    // "they attacked me": a sentence in the past, not a headline.
    if (SUBJECTS.has(tokens[i - 1]?.word ?? '') || OBJECTS.has(tokens[i + 1]?.word ?? '')) return undefined;
    return 'recent';
  }

  /** "what if they come back", "if someone attacks me what do I do": a question, not an event. */
  private isHypothetical(tokens: Token[]): boolean {
    // ("im covered in blood not sure if its mine": "if" after "sure", "know" or "wonder" asks whether; it supposes nothing.)
    return this.lex.hypothetical.find(tokens).some((m) => !(m.entry.startsWith('if') && ['sure', 'know', 'wonder', 'wondering', 'ask', 'asking', 'check', 'see'].includes(tokens[m.start - 1]?.word ?? '')) && (m.start === 0 || !m.entry.startsWith('if') || tokens.slice(0, m.start).some((t) => QUESTION_WORDS.has(t.word))));
  }

  private adverbialTime(tokens: Token[]): Time {
    // "not right now": the present is denied. "for a year now", "months now": how long, not this moment.
    // "said you lot are everywhere now": a "now" inside what someone said is theirs, not the time of writing.
    const said = tokens.findIndex((t) => this.lex.speech.matchAt([t], 0) !== undefined && t.pos === 'VERB' && t.word !== t.lemma && !t.word.endsWith('ing'));
    const now = this.lex.now.find(tokens).filter((m) => !this.negatedAt(tokens, m.start) && !this.durationBefore(tokens, m.start) && !(said >= 0 && m.start > said));
    if (now.some((m) => this.strongNow.has(m.entry))) return 'now';
    // "it's 2am", "it is 3 in the morning": the time of writing, said.
    if (tokens.some((t, k) => t.word === 'it' && tokens[k + 1]?.word === 'is' && CLOCK.test(tokens[k + 2]?.word ?? ''))) return 'now';
    // "twenty minutes ago" is just now, not the past.
    const dated = this.lex.past.find(tokens);
    const past = dated.filter((m) => !(m.entry === 'ago' && tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => this.lex.shortSpan.matchAt([b], 0) !== undefined)));
    // "our house got egged on Diwali night": a named day or night, in a clause told in the past.
    // ("on the night bus" is a place: the day must have a name.)
    const namedDay = tokens.some((t, k) => t.word === 'on' && !DETERMINERS.has(tokens[k + 1]?.word ?? '') && ['night', 'day', 'eve', 'morning', 'evening', 'afternoon'].includes(tokens[k + 2]?.word ?? '') && tokens[k + 3]?.pos !== 'NOUN') && !this.tellsFuture(tokens);
    if (past.length > 0 || namedDay || tokens.some((t) => YEAR.test(t.word))) return 'past';
    if (dated.length > 0) return 'recent';
    if (this.overDays(tokens)) return 'habit';
    // "behind me since the bus stop": since a moment today, still going on.
    // ("outside my door since 11.40", "since 10pm": since a time of day, today.)
    const habit = this.lex.habit.find(tokens).filter((m) => !(m.entry === 'since' && ((tokens[m.start + 1]?.word === 'the' && !(tokens[m.start + 2] && this.lex.longSince.matchAt(tokens, m.start + 2))) || CLOCK.test(tokens[m.start + 1]?.word ?? ''))));
    if (habit.length > 0) return 'habit';
    if (now.length > 0) return 'now';
    // "been kerb crawling me for 10 mins": going on for a few minutes, and still.
    if (tokens.some((t, k) => t.word === 'for' && k + 2 < tokens.length && (this.lex.shortSpan.matchAt(tokens, k + 1) !== undefined || (/^\d+$|^(a|an|ten|twenty|five|few)$/.test(tokens[k + 1]!.word) && this.lex.shortSpan.matchAt(tokens, k + 2) !== undefined)))) return 'now';
    if (this.lex.soon.has(tokens) || this.whenTheyArrive(tokens)) {
      // "today after school some lads were shouting": told in the past tense, with no "will" or "going to", it has happened.
      // ("said tonight I burn it", "told me he'll kill him when he gets in": the time is in what was said.)
      const quoted = tokens.some((t) => t.pos === 'VERB' && this.lex.speech.matchAt([t], 0) !== undefined);
      const told = !quoted && this.clauseTense(tokens) === 'past-tense' && !tokens.some((t, k) => this.lex.futureAux.matchAt(tokens, k) !== undefined);
      return told ? 'past' : 'soon';
    }
    return 'none';
  }

  /**
   * "for three weeks now", "for a couple of months", "two times this month", "twice a week", "every single evening": a
   * span or a count of days or longer, or how often, is a story that goes on, not this moment. ("for 10 mins" is now; "stabbed him 3 times" counts blows.)
   */
  private overDays(tokens: readonly Token[]): boolean {
    // (most clauses name no length of time: read no further)
    if (!tokens.some((t) => DAYS_OR_LONGER.has(t.word) || TIMES_OF_DAY.has(t.word))) return false;
    return tokens.some((t, k) => {
      // ("every single evening", "each and every night": how often, however it is worded.)
      // ("coming closer each time" is no habit: only "every" and a part of a day or longer.)
      if (t.word === 'every' && tokens.slice(k + 1, k + 4).some((x) => DAYS_OR_LONGER.has(x.word) || TIMES_OF_DAY.has(x.word))) return true;
      const ahead = tokens.slice(k + 1, k + 5);
      const unit = ahead.findIndex((x) => DAYS_OR_LONGER.has(x.word));
      if (unit < 0) return false;
      // ("my ex who I havent seen for 5 years is outside", "a man who has been stalking me for 2 years is outside": the
      // span is a relative clause's, or what has not happened, not the time of what is told.)
      if (tokens.slice(0, k).some((b) => ['who', 'which', 'that'].includes(b.word) && b.pos !== 'DET') || tokens.slice(Math.max(0, k - 4), k).some((b) => b.negated || b.word === 'not')) return false;
      if (t.word === 'for') return ahead.slice(0, unit).every((x) => COUNTS.has(x.word) || /^\d+$/.test(x.word) || x.word === 'of') && unit > 0;
      const count = t.word === 'twice' || t.word === 'once' || (t.word === 'times' && (COUNTS.has(tokens[k - 1]?.word ?? '') || /^\d+$/.test(tokens[k - 1]?.word ?? '')));
      return count && unit === 1 && ['this', 'a', 'per', 'every', 'each', 'last'].includes(ahead[0]!.word);
    });
  }

  /** "saturday they will come back", "friday theyre coming with petrol", "saturday theyre outside": not a story told. */
  private tellsFuture(tokens: Token[]): boolean {
    // ("thursday I was delivering parcels": an -ing after "was" is the story's, not what is to come.)
    // ("was" is a form of "be", but no present.)
    return tokens.some((t, k) => this.lex.futureAux.matchAt(tokens, k) !== undefined || (this.lex.presentAux.matchAt(tokens, k) !== undefined && !this.isPastAux(t.word)) || (t.pos === 'VERB' && t.word.endsWith('ing') && !this.isPastAux(tokens[k - 1]?.word ?? '') && !namesAThing(tokens, k)));
  }

  /** "when i get off", "when my husband gets home", "when she comes out": a moment later today someone is waiting for. */
  private whenTheyArrive(tokens: Token[]): boolean {
    // ...or "in 30 mins", "in 2 hours".
    if (tokens.some((t, k) => t.word === 'in' && /^\d+$/.test(tokens[k + 1]?.word ?? '') && tokens[k + 2] !== undefined && this.lex.shortSpan.matchAt(tokens, k + 2) !== undefined)) return true;
    return tokens.some((t, k) => t.word === 'when' && this.lex.arrival.has(tokens.slice(k + 1, k + 5)));
  }

  /** "for a year now", "a while now", "three weeks now": a length of time just before "now". */
  private durationBefore(tokens: Token[], i: number): boolean {
    if (tokens[i]?.word !== 'now') return false;
    return this.lex.duration.has(tokens.slice(Math.max(0, i - 2), i));
  }

  /** The time of the verb at `i`, from its form and the words before it, then the clause's time words. */
  private timeAt(context: ClauseContext, i: number): Time {
    const t = context.tokens[i]!;
    // A noun ("fire in the front room", "blood everywhere") has no tense of its own.
    if (t.pos === 'NOUN' && !t.word.endsWith('ing') && !t.word.endsWith('ed')) {
      if (context.adverbial !== 'none') return context.adverbial;
      const before = context.tokens.slice(Math.max(0, i - 3), i).map((b) => b.word);
      if (before.some((w) => this.isPastAux(w))) return 'past-tense';
      // "my dad got racial abuse at the petrol station": "got" with no "has" or "is" before it was received, then.
      const got = before.lastIndexOf('got');
      // ("we've got a fire in the stairwell": "ve" is "have"; a fire is never only received.)
      if (got >= 0 && this.lex.fire.matchAt(context.tokens, i) === undefined && !['has', 'have', 've', 'is', 'are', 'am', 'had', 'just'].includes(before[got - 1] ?? context.tokens[i - before.length + got - 1]?.word ?? '')) return 'past-tense';
      return before.some((w) => w === 'is' || w === 'are' || w === 'am') ? 'present' : 'none';
    }
    if (context.telegraphic) {
      const bare = this.bareVerbTime(context.tokens, i);
      if (bare) return bare;
    }
    const aspect = this.aspectAt(context.tokens, i);
    // ("people keep banging on our front window and won't go away": they are at it now.)
    // (said in so many words, "now": the learned check does not overrule it.)
    if (aspect === 'habit' && context.persisting && context.adverbial === 'none') return 'now';
    if (context.habitual && aspect === 'progressive' && !context.strongNow) return 'habit';
    // "was hitting", "had a knife", "after being attacked": the verb's own past or gerund wins over a stray "now".
    const explicitPast = context.tokens.slice(Math.max(0, i - 3), i).some((t) => this.isPastAux(t.word));
    // "have just turned up": happening now, whatever "last year" says about the rest of the clause.
    if (aspect === 'recent' && context.tokens.slice(Math.max(0, i - 3), i).some((b) => b.word === 'just')) return 'recent';
    // "a man is repeatedly hitting me": how it is done, not how often it happens; going on now.
    if (context.adverbial === 'habit' && aspect === 'progressive' && !explicitPast && this.mannerOnly(context.tokens)) return 'progressive';
    if (context.adverbial === 'past' || context.adverbial === 'habit') return context.adverbial;
    if (context.adverbial === 'now') {
      if (explicitPast) return aspect;
      // ("they hit him now": a verb that looks the same in every tense takes the clause's "now".)
      const sameForm = aspect === 'none' && t.pos === 'VERB' && t.word === t.lemma;
      return context.strongNow || sameForm || (aspect !== 'none' && aspect !== 'past-tense') ? 'now' : aspect;
    }
    if (context.adverbial === 'soon' && aspect !== 'past-tense') return 'soon';
    // "they attacked me about an hour ago": just happened.
    if (context.adverbial === 'recent' && (aspect === 'past-tense' || aspect === 'none')) return 'recent';
    if ((aspect === 'present' || aspect === 'progressive') && context.tokens.some((t) => t.word === 'still')) return 'now';
    // "filmed a guy at the bus stop shouting at a lad | and grabbing at his patka ... he legged it": an -ing with no
    // auxiliary of its own, after a verb in the past, may be what was going on then or what is going on now ("a
    // group came in smashing bottles"); when the message says it is over, then.
    // ("men were making gestures | and shouting stuff": the -ing shares the "were" before it.)
    // (only when the message says it is over: "two lads were shouting at me and following me" may still be.)
    if (aspect === 'progressive' && context.sharesPastAux && context.over && t.word.endsWith('ing') && !context.tokens.slice(0, i).some((b) => AUXILIARIES.has(b.word))) return 'past-tense';
    if (aspect === 'progressive' && context.over && t.word.endsWith('ing') && !context.tokens.slice(0, i).some((b) => AUXILIARIES.has(b.word))) {
      const before = context.tokens.slice(0, i);
      if (context.continuesPast || (this.clauseTense(before) === 'past-tense' && !this.lex.now.has(before))) return 'past-tense';
    }
    return aspect;
  }

  private aspectAt(tokens: Token[], i: number): Time {
    const t = tokens[i]!;
    const before = tokens.slice(Math.max(0, i - 3), i);
    const words = before.map((b) => b.word);
    const previous = before[before.length - 1];
    if (words.includes('just')) return 'recent';
    // "overheard them saying they're going round later to beat them up": what was heard is still to come.
    if (this.futureBefore(tokens, i)) return 'soon';
    // "saw a group harassing a woman": what was seen, in the past.
    const seen = tokens.slice(0, i).findIndex((b) => ['saw', 'watched', 'witnessed', 'noticed', 'overheard', 'heard'].includes(b.word));
    // ...unless what was heard is something said: "overheard them saying they'll beat them up" (futureBefore judges it).
    if (seen >= 0 && !this.lex.speech.has(tokens.slice(seen + 1, i))) return 'past-tense';
    // "the guy who hit me": a relative clause describing someone, not an event now.
    if (previous?.word === 'who' || previous?.word === 'that') return 'past-tense';
    // "the average gpa to get into yale": what something is for, not what is happening.
    if (previous?.word === 'to') return 'none';
    // "someone should shoot all the immigrants": a wish or an opinion, not an act.
    if (previous && ['should', 'could', 'might', 'must', 'ought'].includes(previous.word)) return 'none';
    // ("your mum should be shot", "they ought to be hanged": a wish in the passive.)
    if (previous?.word === 'be' && ['should', 'could', 'might', 'must', 'ought'].includes(before[before.length - 2]?.word ?? '')) return 'none';
    // ("people like me should have been drowned at birth": a wish about the past.)
    if (previous?.word === 'been' && before[before.length - 2]?.word === 'have' && ['should', 'could', 'might', 'must', 'ought'].includes(tokens[i - 3]?.word ?? '')) return 'none';
    // ("kept ramming his trolley into her": it went on then, in the past.)
    // (not "he kept punching me and wont stop", "he kept hitting my son, hes on top of him now": those go on.)
    if (words.includes('kept') && !words.some((w) => w === 'has' || w === 'have' || w === 'been') && !tokens.some((x) => x.word === 'still' || x.word === 'now')) return 'past-tense';
    if (words.some((w) => w === 'keep' || w === 'keeps' || w === 'kept')) return 'habit';
    // "the bottles", "some writing on my shed", "a beating": after a determiner, a thing named, not an act.
    if (namesAThing(tokens, i) && (t.pos !== 'VERB' || t.word.endsWith('ing'))) return 'none';
    // "what can you do about people spraying racist stuff": an act with its doer after "about", talked about.
    // ("40 of them fighting" is going on: only "about".)
    if (t.word.endsWith('ing') && tokens[i - 2]?.word === 'about' && ['NOUN', 'PRON', 'PROPN'].includes(previous?.pos ?? '') && !words.some((w) => ['am', 'is', 'are', 'be'].includes(w))) return 'none';
    if (t.word.endsWith('ing') && t.word.length > 4) {
      // ("they had been throwing punches": the past of the past.)
      if (words.some((w) => w === 'was' || w === 'were' || w === 'had')) return 'past-tense';
      if (words.some((w) => w === 'am' || w === 'is' || w === 'are' || w === 'be')) return 'progressive';
      if (previous && GERUND_BEFORE.has(previous.word)) return 'none';
      return 'progressive';
    }
    const passive = before.findIndex((b) => b.word === 'being' || b.word === 'getting' || b.word === 'get' || b.word === 'gets');
    if (passive >= 0) {
      const ahead = before[passive - 1];
      if (ahead && GERUND_BEFORE.has(ahead.word)) return 'none';
      // "Is being targeted for being a Traveller covered?": a question about being it, not "he is being attacked".
      const at = i - before.length + passive;
      if (at === 1 && QUESTION_WORDS.has(tokens[0]!.word) && before[passive]!.word === 'being') return 'none';
      if (words.some((w) => w === 'was' || w === 'were')) return 'past-tense';
      return before[passive]!.word === 'get' && !words.some((w) => w === 'am' || w === 'is' || w === 'are') ? 'none' : 'progressive';
    }
    if (words.some((w) => w === 'has' || w === 'have' || w === 'been')) return 'recent';
    if (words.some((w) => this.isPastAux(w))) return 'past-tense';
    // "our shed got broken into", "I got punched": a passive with "got" tells what happened.
    if (previous?.word === 'got' && (t.word.endsWith('ed') || t.word.endsWith('en') || irregularLemma(t.word) !== undefined) && !PERSON_OBJECTS.has(tokens[i + 1]?.word ?? '')) return 'past-tense';
    if (words.some((w) => w === 'am' || w === 'is' || w === 'are' || w === 'got')) {
      // "he's kicked me" was expanded to "he is kicked me": a perfect, not a passive.
      const object = tokens[i + 1]?.word ?? '';
      if ((t.word.endsWith('ed') || t.word.endsWith('en')) && PERSON_OBJECTS.has(object)) return 'recent';
      return 'present';
    }
    if (t.word.length > 4 && t.word.endsWith('ed')) return 'past-tense';
    if (t.pos === 'VERB' && t.word !== t.lemma && !t.word.endsWith('s')) return 'past-tense';
    return this.clauseTense(tokens);
  }

  /** The clause's only habit words are how it is done ("repeatedly"), not how often ("every night"). */
  private mannerOnly(tokens: Token[]): boolean {
    const habits = this.lex.habit.find(tokens);
    return habits.length > 0 && habits.every((h) => this.sets.mannerHabit.has(h.entry));
  }

  /** A clause's tense from its auxiliaries, for words that are not verbs ("a knife", "outside"). */
  private clauseTense(tokens: Token[]): Time {
    let tense: Time = 'none';
    // "the men who were calling me names are waiting outside": a relative clause's tense is not the clause's.
    let relative = 0;
    for (const [k, t] of tokens.entries()) {
      if (['who', 'which', 'whom'].includes(t.word)) relative = 3;
      else if (relative > 0) {
        relative--;
        continue;
      }
      if (t.word === 'am' || t.word === 'is' || t.word === 'are' || t.word === 'got' || t.word === 'can') return 'present';
      // "a man came to the door claiming to be...": an -ing after a past verb belongs to the past.
      const modifier = namesAThing(tokens, k);
      // ("man standing in my hallway": an -ing just after a person, even tagged as a noun, is what they are doing.)
      const doing = t.pos === 'NOUN' && k > 0 && (PERSON_WORDS.has(tokens[k - 1]!.word) || this.lex.attacker.matchAt(tokens, k - 1) !== undefined) && t.word.length > 5;
      // ("a man walking past banged on my window": the -ing describes him; "banged" is the clause's verb.)
      const describes = k > 0 && t.word.endsWith('ing') && (PERSON_WORDS.has(tokens[k - 1]!.word) || this.lex.attacker.matchAt(tokens, k - 1) !== undefined) && tokens.slice(k + 1).some((x) => x.pos === 'VERB' && x.word.endsWith('ed'));
      if (describes) continue;
      if (t.word.endsWith('ing') && (t.pos === 'VERB' || doing) && !modifier) return tense === 'past-tense' ? 'past-tense' : 'progressive';
      if (t.word === 'has' || t.word === 'have') tense = 'present';
      else if (t.word === 'been') tense = 'recent';
      else if (this.isPastAux(t.word)) tense = 'past-tense';
      else if (t.pos === 'VERB' && (t.word.endsWith('ed') || (t.word !== t.lemma && !t.word.endsWith('s') && !t.word.endsWith('ing')))) {
        // "has a screwdriver pointed at me", "they have beaten him": after "has", a participle is now or just done.
        const before = tense as Time;
        tense = before === 'present' || before === 'recent' ? 'recent' : 'past-tense';
      }
    }
    return tense;
  }

  private isPastAux(word: string): boolean {
    return word === 'was' || word === 'were' || word === 'had' || word === 'did';
  }

  /** "will", "going to", "trying to"... shortly before `i`, said of someone other than the writer. */
  private futureBefore(tokens: Token[], i: number, quoted = false): boolean {
    // ("his friends will be round my house tonight to finish me off": what they will come to do.)
    // ("a group will be waiting for him at the bus stop afterwards to cut him": a purpose a clause away from its "will".)
    const reach = tokens[i - 1]?.word === 'to' ? 12 : 4;
    for (let j = Math.max(0, i - reach); j < i; j++) {
      const m = this.lex.futureAux.matchAt(tokens, j);
      // "said he'd come back", "told us they would burn it": a threat reported, so a future one.
      const reported = tokens[j]!.word === 'would' && this.lex.speech.has(tokens.slice(Math.max(0, j - 4), j));
      if (m && m.start + m.length <= i && (FUTURE_WORDS.has(tokens[j]!.word) || reported)) {
        const subject = tokens[j - 1];
        if (subject && this.isPastAux(subject.word)) return false;
        // ("'you will rob mum'": what someone says the writer will do to another, an accusation, not a threat.)
        const object = tokens[i + 1];
        if (subject?.word === 'you' && i === m.start + m.length && object !== undefined && (PERSON_WORDS.has(object.word) || OBJECTS.has(object.word)) && !WRITER.has(object.word)) return false;
        // ("I will kill him" is the writer's temper, unless someone else was just said to speak: then it is their threat.)
        return quoted || (!(subject && WRITER.has(subject.word)) && !(tokens[j - 2] && WRITER.has(tokens[j - 2]!.word) && subject?.word === 'am'));
      }
    }
    return false;
  }

  /** Where a clause denies a belief ("I don't think..."), worked out once a clause; Infinity when it does not. */
  private deniedBeliefAt(tokens: Token[]): number {
    const known = this.deniedBeliefs.get(tokens);
    if (known !== undefined) return known;
    let at = Infinity;
    for (let j = 0; j < tokens.length && at === Infinity; j++) {
      const denied = this.lex.negation.matchAt(tokens, j);
      if (denied && tokens.slice(j + denied.length, j + denied.length + 2).some((t) => this.lex.belief.matchAt([t], 0) !== undefined)) at = j;
    }
    this.deniedBeliefs.set(tokens, at);
    return at;
  }

  /** A negation shortly before `i`, unless it negates stopping or letting go ("won't stop hitting him"). */
  private negatedAt(tokens: Token[], i: number): boolean {
    // "I don't think anyone is in danger": a denied belief denies what it is about, however far on in the clause.
    if (i > this.deniedBeliefAt(tokens) + 1) return true;
    for (let j = Math.max(0, i - 3); j < i; j++) {
      if (!this.lex.negation.matchAt(tokens, j)) continue;
      // "no hes gone", "nah they left": a "no" before a subject answers the question; it denies nothing after it.
      if (['no', 'nah', 'nope'].includes(tokens[j]!.word) && ['he', 'she', 'they', 'i', 'we', 'it'].includes(tokens[j + 1]?.word ?? '')) continue;
      const after = tokens.slice(j + 1, i).map((t) => t.lemma);
      if (after.includes('stop') || after.includes('let') || after.includes('leave')) continue;
      return true;
    }
    return false;
  }

  /**
   * "hes ok", "the lad said he was ok", "dog and me both fine", "driver ok": someone said to be all right (not "is he ok?",
   * "not ok", "fine with phoning", "I was fine until...").
   */
  private saysWell(tokens: Token[]): boolean {
    if (tokens.length === 0 || QUESTION_OPENERS.has(tokens[0]!.word)) return false;
    // ("driver ok.", "mum fine now": a few words with no verb.)
    const last = tokens[tokens.length - 1]!.word === 'now' ? tokens.length - 2 : tokens.length - 1;
    if (tokens.length <= 3 && last > 0 && this.lex.wellState.matchAt(tokens, last) !== undefined && !tokens.some((t) => t.negated || t.pos === 'VERB' || t.pos === 'AUX')) return true;
    return tokens.some((t, k) => {
      if (this.lex.wellState.matchAt(tokens, k) === undefined || t.negated) return false;
      const before = tokens[k - 1]?.word ?? '';
      const after = tokens[k + 1]?.word ?? '';
      // ("we were fine, then they turned up", "asked if i was alright": "was" only when someone says so: "he said he was ok".)
      const past = before === 'was' || before === 'were';
      const reported = tokens.slice(0, k).some((x) => x.pos === 'VERB' && this.lex.speech.matchAt([x], 0) !== undefined) && !tokens.slice(0, k).some((x) => x.word === 'if' || x.word === 'whether');
      return ['is', 'are', 'am', 'was', 'were', 'both', 'all'].includes(before) && (!past || reported) && !['with', 'to', 'for', 'about', 'if', 'by', 'until', 'till', 'then'].includes(after);
    });
  }

  /**
   * "keeps following me", "keep circling me", "someone keeps trying my door": kept up by someone, with no "every day"
   * anywhere in the message, so going on now (as "keeps hitting me" is). Not "i keep trying to figure out...".
   */
  private keptUpNow(tokens: Token[], i: number, context: ClauseContext, annotated: Annotated): boolean {
    if (context.adverbial !== 'none' || this.lex.habit.has(annotated.tokens)) return false;
    return tokens.slice(0, i).some((t, k) => (t.word === 'keep' || t.word === 'keeps') && !WRITER.has(tokens[k - 1]?.word ?? ''));
  }

  /** "a bruised hip", "a graze": a minor injury, told with no "now", is the danger question rather than 999. */
  private minorInjury(tokens: Token[], i: number, context: ClauseContext): boolean {
    return this.lex.minorInjury.matchAt(tokens, i) !== undefined && context.adverbial !== 'now' && !context.strongNow;
  }

  /** "my phone is going to die soon": a thing (or a battery) dies; no one is threatened or in danger. */
  private thingDies(tokens: readonly Token[], m: LexiconMatch): boolean {
    return /\bdie\b/.test(m.entry) && tokens.slice(0, m.start).some((t) => this.lex.property.matchAt([t], 0) !== undefined || t.word === 'battery');
  }

  /** "men", "lads", "a group", "someone": a word for people, who can do things. */
  private namesPeople(t: Token): boolean {
    return PERSON_WORDS.has(t.word) || PERSON_WORDS.has(t.lemma) || this.lex.attacker.matchAt([t], 0) !== undefined || this.lex.people.matchAt([t], 0) !== undefined;
  }

  /**
   * "No one is in danger", "not emergency", "we're not in any danger": danger itself named and denied, however it is
   * worded. (Not asked, "is anyone in danger?", and not doubted, "not sure if it's an emergency".)
   */
  private deniesDanger(tokens: readonly Token[]): boolean {
    if (QUESTION_OPENERS.has(tokens[0]?.word ?? '')) return false;
    return tokens.some((t, k) => {
      if (!this.sets.dangerNames.has(t.word)) return false;
      if (tokens.slice(0, k).some((b) => DOUBTS.has(b.word))) return false;
      // The denial must be of danger itself: only "is", "in", "an", "any"... between ("its not a prank call we are in
      // danger", "no time its urgent", "no i am in danger" deny something else).
      let j = k - 1;
      while (j >= 0 && DENIAL_FILLERS.has(tokens[j]!.word)) j--;
      const denier = tokens[j]?.word ?? '';
      return ['not', 'no', 'nobody', 'noone', 'never', 'none'].includes(denier) || (denier === 'one' && tokens[j - 1]?.word === 'no');
    });
  }

  /** Nobody hurt, I'm safe: the over statements that are about people, not about the attacker leaving. */
  private saysSafe(contexts: ClauseContext[]): boolean {
    const gone = (entry: string) => entry.split(' ').some((w) => this.sets.leftOnly.has(w));
    return contexts.some((c) => safeClause(c.tokens) || this.saysWell(c.tokens) || this.deniesDanger(c.tokens) || this.lex.over.find(c.tokens).some((m) => !gone(m.entry) && (/\b(not|no|nobody)\b/.test(m.entry) || !this.negatedAt(c.tokens, m.start))));
  }

  /** "scratched a slur into my car", "kicked the bins over": done to a thing, not to a person. */
  private toProperty(tokens: Token[], m: LexiconMatch): boolean {
    const t = tokens[m.start]!;
    const participle = t.word.endsWith('ed') || t.word.endsWith('en') || t.word !== t.lemma;
    const before = tokens[m.start - 1];
    // "being assaulted outside the car park": a passive has no object; what it was done to comes before it.
    if (before && PASSIVE_AUX.has(before.word) && !t.word.endsWith('ing')) {
      const subject = tokens.slice(Math.max(0, m.start - 4), m.start - 1);
      return !subject.some((b) => PERSON_WORDS.has(b.word) || WRITER.has(b.word) || this.lex.attacker.matchAt([b], 0) !== undefined) && subject.some((b) => this.lex.property.matchAt([b], 0) !== undefined);
    }
    // "got his tyres slashed", "the bus shelter smashed": a thing just before a participle is what it was done to.
    // (not "the car drove into my son": a severe harm, or a person after it, is done to someone)
    const toSomeone = tokens.slice(m.start + m.length, m.start + m.length + 4).some((x) => PERSON_WORDS.has(x.word) || (OBJECTS.has(x.word) && x.word !== 'it') || this.lex.attacker.matchAt([x], 0) !== undefined || this.lex.people.matchAt([x], 0) !== undefined || this.lex.crowd.matchAt([x], 0) !== undefined);
    if (participle && before && this.lex.property.matchAt([before], 0) !== undefined && !toSomeone && this.lex.severeHarm.matchAt(tokens, m.start) === undefined) return true;
    // "throwing things at a trans woman": what is thrown is a thing, whom it is thrown at a person.
    if (this.sets.aimed.has(t.lemma) && tokens.slice(m.start + m.length, m.start + m.length + 6).some((a, k, w) => ['at', 'over', 'on'].includes(a.word) && this.personFirst(w.slice(k + 1, k + 4)))) return false;
    // "they just grabbed it": "it" is a thing.
    if (tokens[m.start + m.length]?.word === 'it' && !['off', 'out', 'on'].includes(tokens[m.start + m.length + 1]?.word ?? '')) return true;
    // The object, up to a preposition: "dragged out of the car" is done to someone, "kicked the car" to a thing.
    const after: Token[] = [];
    for (let k = m.start + m.length; k < Math.min(tokens.length, m.start + m.length + 4); k++) {
      const t = tokens[k]!;
      if (t.pos === 'ADP' && !['over', 'up', 'down', 'in', 'off', 'into', 'at', 'on', 'against'].includes(t.word)) break;
      after.push(t);
    }
    if (after.some((t) => PERSON_WORDS.has(t.word))) return false;
    // ("to beat up the tr*nny": a masked slur, read as "slur", is the person it names, unless it is written or sprayed.)
    if (after.some((t) => t.word === 'slur') && this.lex.damage.matchAt(tokens, m.start) === undefined) return false;
    // ("smashed the bus shelter": a thing of two words too.)
    return after.some((t) => this.lex.property.matchAt([t], 0)) || this.lex.property.has(after);
  }

  /** The words name a person before any thing: "at a trans woman", "at them" (not "at my windows"). */
  private personFirst(words: Token[]): boolean {
    for (const w of words) {
      if (this.lex.property.matchAt([w], 0) !== undefined) return false;
      if (PERSON_WORDS.has(w.word) || OBJECTS.has(w.word) && !['it', 'my', 'our', 'his', 'their'].includes(w.word) || this.lex.attacker.matchAt([w], 0) !== undefined) return true;
    }
    return false;
  }

  /** "hes inside with me", "she's here with us": in the writer's company, so someone safe, not an intruder. */
  private withTheWriter(tokens: Token[], after: number): boolean {
    return tokens[after]?.word === 'with' && ['me', 'us'].includes(tokens[after + 1]?.word ?? '');
  }

  /** "Is the A1(M) closed tonight?": a question about something, where no rule found danger, is not 999 on the model's word. */
  private asksAQuestion(annotated: Annotated): boolean {
    // ("cant breathe they stamped on me": a modal with "not" is no question.)
    return annotated.clauses.some((c) => QUESTION_OPENERS.has(c[0]?.word ?? '') && c[1]?.word !== 'not');
  }

  /**
   * "they knock on my door and run", "he waits outside": an action in the simple present, said of someone, is
   * what they do again and again; the present of an emergency is "they're knocking", "he's outside now".
   */
  private simplePresent(tokens: Token[], i: number, context: ClauseContext): boolean {
    const t = tokens[i]!;
    if (t.pos !== 'VERB' || t.word.endsWith('ing') || t.word.endsWith('ed') || (t.word !== t.lemma && t.word !== `${t.lemma}s` && t.word !== `${t.lemma}es`)) return false;
    if (context.adverbial === 'now' || context.adverbial === 'soon' || tokens.some((b) => b.word === 'still')) return false;
    const before = tokens[i - 1];
    return before !== undefined && (['they', 'he', 'she'].includes(before.word) || this.lex.attacker.matchAt([before], 0) !== undefined);
  }

  /**
   * The damage word is said of the body part: near it, no other thing named between them, and not describing
   * a thing of its own ("keep an eye on the broken fence": the fence is broken, not the eye).
   */
  private damagesPart(tokens: Token[], part: LexiconMatch, damage: LexiconMatch): boolean {
    if (Math.abs(damage.start - part.start) > 5) return false;
    const [from, to] = damage.start < part.start ? [damage.start + damage.length, part.start] : [part.start + part.length, damage.start];
    if (tokens.slice(from, to).some((t) => t.pos === 'NOUN' && !this.lex.bodyPart.matchAt([t], 0))) return false;
    const next = tokens[damage.start + damage.length];
    // ("my arm is badly burnt sawbridgeworth": a place named after it is no thing of its own.)
    return !(next && next.pos === 'NOUN' && !this.lex.bodyPart.matchAt([next], 0) && !this.lex.placeNames.matchAt(tokens, damage.start + damage.length));
  }

  /** "my paycheck coming in", "has my purchase arrived": a thing, not a person, is what comes. */
  private thingMoves(tokens: Token[], i: number): boolean {
    // "a lad on a bike circling me": someone named earlier in the clause is what moves, not the bike.
    if (tokens.slice(0, i).some((b) => this.lex.attacker.matchAt([b], 0) !== undefined || PERSON_WORDS.has(b.word) || SUBJECTS.has(b.word))) return false;
    // "door being kicked in": a passive; the thing before it is what is done to, not what moves.
    if (PASSIVE_AUX.has(tokens[i - 1]?.word ?? '')) return false;
    return tokens.slice(Math.max(0, i - 3), i).some((b) => b.pos === 'NOUN');
  }

  /** What is worked out once for a whole message, not again for each clause (the check runs on every message). */
  private messageWide(annotated: Annotated): { detained: boolean; joking: boolean; scene: boolean; soonOrNow: boolean; asksWhatCounts: boolean } {
    const cached = this.wide.get(annotated);
    if (cached) return cached;
    const { tokens } = annotated;
    const wide = {
      detained: this.lex.detained.has(tokens),
      joking: this.lex.joking.has(tokens),
      scene: this.lex.scene.has(tokens) && !this.pastStory(annotated),
      // ("they said they'd burn the van but they've gone now": the "now" of a clause saying it is over dates the going.)
      // ("this was on the site this afternoon": a time soon in a clause told in the past is a date.)
      // "kids keep calling her 'it'. does that count?": asked whether it counts.
      asksWhatCounts: annotated.clauses.some((c) => ['does', 'do', 'is', 'would', 'will', 'could'].includes(c[0]?.word ?? '') && c.some((x) => this.sets.definitional.has(x.word)) && c.length <= 8),
      soonOrNow: annotated.clauses.some((c) => (this.lex.soon.has(c) && (this.clauseTense(c) !== 'past-tense' || this.tellsFuture(c) || this.lex.speech.has(c))) || (this.lex.now.has(c) && !this.lex.over.has(c) && !this.saysWell(c))) || this.whenTheyArrive(tokens),
    };
    this.wide.set(annotated, wide);
    return wide;
  }

  /** The message dates what it tells in the past ("on Sunday", "last night", "this morning", "Thursday I was..."). */
  private storyDated(annotated: Annotated): boolean {
    return this.lex.past.has(annotated.tokens) || this.lex.openingDay.matchAt(annotated.tokens, 0) !== undefined;
  }

  /** Something in the message is told in the past ("saw a group harassing...", "there was this guy shouting"). */
  private pastStory(annotated: Annotated): boolean {
    return annotated.tokens.some((t) => this.isPastAux(t.word) || ['saw', 'watched', 'witnessed', 'filmed', 'heard'].includes(t.word)) || this.lex.past.has(annotated.tokens);
  }

  /** A speech verb earlier in the clause ("shouting muslim terrorists live here"): what follows is what was said. */
  private saidBefore(tokens: Token[], i: number): boolean {
    // ...with a verb of its own between ("shouting muslim terrorists live here"), not "shouting through the doors".
    // ("my mum texted there is a man in her hallway": news passed on is what is happening, not words said at someone.)
    // ("the man who wrote the note is outside": a thing written is what was written, no words that follow.)
    const said = tokens.slice(0, i).findIndex((t, k) => t.pos === 'VERB' && this.lex.speech.matchAt([t], 0) !== undefined && this.lex.relay.matchAt([t], 0) === undefined && !(DETERMINERS.has(tokens[k + 1]?.word ?? '') && this.lex.writings.matchAt(tokens, k + 2) !== undefined));
    return said >= 0 && tokens.slice(said + 1, i).some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  }

  /** "someone will get killed", "people are going to get hurt": a worry about what may happen, not a threat made. */
  private prediction(tokens: Token[], i: number): boolean {
    const before = tokens.slice(Math.max(0, i - 5), i).map((t) => t.word);
    const passive = before.includes('get') || before.includes('be');
    return passive && this.futureBefore(tokens, i) && before.some((w) => ['someone', 'somebody', 'people', 'anyone', 'kids', 'one'].includes(w));
  }

  /** "keeps typing 'kill all the muslims'", "shouting 'stab him'": words someone says or writes, not an act. */
  private wordsSaid(tokens: Token[], i: number): boolean {
    const before = tokens.slice(Math.max(0, i - 3), i);
    const said = tokens[i]!.word === tokens[i]!.lemma;
    return said && before.some((b) => this.lex.speech.matchAt([b], 0) !== undefined);
  }

  /** "notes saying gays will burn": a threat someone made, judged by the threat family, not an attack. */
  private reportedThreat(tokens: Token[], i: number): boolean {
    if (!this.futureBefore(tokens, i)) return false;
    return tokens.slice(0, i).some((t) => ['say', 'write', 'text', 'message', 'threaten', 'post', 'tell'].includes(t.lemma));
  }

  /** How sure the learned check must be to call an emergency on its own (safety.yaml backstop.sure). */
  private sureThreshold(): number {
    return this.rules.backstop.sure ?? 1;
  }

  /** A one-word entry in its own form, tagged as describing the word after it ("chase routing number"): a name or a kind, no act. */
  private describesNext(tokens: Token[], m: LexiconMatch): boolean {
    const t = tokens[m.start]!;
    const next = tokens[m.start + 1];
    return m.length === 1 && t.pos === 'ADJ' && t.word === m.entry && next !== undefined && ['NOUN', 'VERB', 'ADP'].includes(next.pos);
  }

  /** The writer does it ("I'm going to strangle my brother") or a thing does ("this heat is killing me"). */
  private notAnAttack(tokens: Token[], i: number): boolean {
    const figure = this.lex.figurative.find(tokens);
    if (figure.length > 0) {
      const subject = tokens.slice(Math.max(0, i - 3), i).find((t) => this.lex.inanimate.matchAt([t], 0));
      const inside = figure.some((m) => m.start <= i && i < m.start + m.length);
      if (subject || !inside || !tokens.slice(0, i).some((t) => this.lex.attacker.matchAt([t], 0))) return true;
    }
    const t = tokens[i]!;
    // "HR are dragging their feet": slow to act.
    if (t.lemma === 'drag' && tokens[i + 2]?.word === 'feet') return true;
    // ("im being hit": "hit" looks like its own lemma, but after "being" it is a passive.)
    const passive = t.word.endsWith('ed') || t.word !== t.lemma || PASSIVE_AUX.has(tokens[i - 1]?.word ?? '');
    const before = tokens.slice(Math.max(0, i - 4), i);
    // "I can hear glass smashing": what the writer hears or sees is not the writer's act.
    const perceived = before.some((b) => this.lex.perceive.matchAt([b], 0) !== undefined);
    const writerActs = !perceived && before.some((b) => b.word === 'i' || b.word === 'we') && !before.some((b) => ['was', 'were', 'been', 'being', 'got', 'get', 'getting', 'is', 'are'].includes(b.word) && passive);
    const otherSubject = before.some((b) => this.lex.attacker.matchAt([b], 0));
    return writerActs && !otherSubject;
  }

  /** "in my hallway", "in her living room": inside a home, whichever room. */
  private inARoom(tokens: Token[]): LexiconMatch[] {
    const found: LexiconMatch[] = [];
    for (let k = 0; k + 2 < tokens.length; k++) {
      if (tokens[k]!.word !== 'in' || !OWNERS.has(tokens[k + 1]!.word)) continue;
      const room = this.lex.rooms.matchAt(tokens, k + 2);
      if (room) found.push({ start: k, length: 2 + room.length, entry: `in the ${room.entry}` });
    }
    return found;
  }

  /** "my neighbour said to me", "he told me", "she says": someone other than the writer speaks (not "I said", "I told him"). */
  private saidBySomeone(tokens: Token[]): boolean {
    // ("a letter through my door saying we will burn this house", "men shouting we will get you": an -ing of speech just after a noun.)
    return tokens.some((t, k) => t.pos === 'VERB' && this.lex.speech.matchAt([t], 0) !== undefined && (((t.word !== t.lemma || t.word.endsWith('s')) && !t.word.endsWith('ing') && !WRITER.has(tokens[k - 1]?.word ?? '')) || (t.word.endsWith('ing') && tokens[k - 1]?.pos === 'NOUN')));
  }

  /** Nobody hurt, they have gone, I'm safe now: a clause says so. */
  private saysOver(contexts: ClauseContext[]): boolean {
    let over = false;
    // "they drove off and came back with bats", "he walked out, he'll be back": gone, then back, is not over.
    const back = (k: number) => contexts.slice(k).some((c) => c.tokens.some((t, j) => (t.word === 'back' && ['come', 'came', 'coming', 'comes', 'be'].includes(c.tokens[j - 1]?.lemma === 'be' ? 'be' : c.tokens[j - 1]?.word ?? '')) || t.lemma === 'return'));
    // ("he's long gone", "the police already came": read without the adverbs that change nothing, safety.yaml overFillers.)
    const plain = (tokens: Token[]) => tokens.filter((t) => !(t.pos === 'ADV' && this.sets.overFillers.has(t.word)));
    for (const [k, { tokens: said }] of contexts.entries()) {
      const c = { tokens: plain(said) };
      // "he's been arrested": the one who did it is held, so it is over.
      // (Someone said to be all right makes an injury less urgent (saysSafe), not what else is going on: "hes outside
      // with a machete, my wife is ok".)
      if (safeClause(c.tokens) || this.lex.detained.has(c.tokens) || this.deniesDanger(said)) over = true;
      for (const m of this.lex.over.find(c.tokens)) {
        // "hes gone really pale", "her arm has gone all blistered": gone is how it looks, not that someone has left.
        const after = c.tokens[m.start + m.length];
        if (m.entry.endsWith('gone') && after && (after.pos === 'ADJ' || (after.pos === 'VERB' && after.word.endsWith('ed')) || ['really', 'very', 'all', 'quiet'].includes(after.word))) continue;
        // "he's gone to get petrol", "gone round the back", "ran off with my daughter": off to something, not over.
        if (/\b(gone|left|went|ran off|run off|drove off)$/.test(m.entry) && after && this.sets.goneFor.has(after.word)) continue;
        const includesNegation = m.entry.split(' ').some((w) => w === 'not' || w === 'no' || w === 'nobody');
        // (a leaving said, then a return: not over)
        const left = m.entry.split(' ').some((w) => this.sets.leftOnly.has(w));
        if (left && back(k)) continue;
        // ("we ran away": the writer running is no one gone.)
        if (/^ran away$/.test(m.entry) && ['i', 'we'].includes(c.tokens[m.start - 1]?.word ?? '')) continue;
        if (includesNegation || !this.negatedAt(c.tokens, m.start)) over = true;
      }
    }
    return over;
  }

  private clauseFindings(context: ClauseContext, overAtAll: boolean, annotated: Annotated, previous?: ClauseContext, safe = false): DangerFinding[] {
    const { tokens } = context;
    const found: DangerFinding[] = [];
    const add = (family: Family, level: DangerLevel, m: LexiconMatch, time: Time) => {
      let capped = level;
      // "whoever did it has run off" does not make a head wound less urgent; "nobody is hurt" does.
      const over = family === 'injury' ? safe : overAtAll;
      if (context.hypothetical && capped === 'now') capped = 'maybe';
      // "does it count as hate crime if they go for you": asked about, with no time, in a question: no danger told.
      // ("what counts as a hate crime, is it only if they hit you": supposed, in the present, in a question about what counts.)
      // (the present only of "you" in general: "is it a hate crime if a man has a knife at my door" still asks the danger question.)
      if (context.hypothetical && capped === 'maybe' && (time === 'none' || (time === 'present' && tokens[m.start + m.length]?.word === 'you')) && QUESTION_OPENERS.has(annotated.tokens[0]?.word ?? '') && annotated.tokens.some((x) => this.sets.definitional.has(x.word))) capped = 'no';
      // "kids keep calling her 'it'. does that count?": abuse told to ask whether it counts is no sign of danger.
      if (family === 'abuse-now' && asksWhatCounts) capped = 'no';
      // "will they laugh if I report someone calling me a name": abuse or worry in a question is no sign of danger.
      if (context.hypothetical && (family === 'abuse-now' || family === 'need-help-now')) capped = 'no';
      // Feeling scared, after saying it is over ("they've gone, I'm home safe, still scared"), is not danger now.
      if (family === 'need-help-now' && overAtAll && capped === 'now' && this.lex.fear.matchAt(tokens, m.start)) capped = 'maybe';
      // The attacker is under arrest: nothing but an explicit "right now" is 999.
      if (detained && capped === 'now' && !context.strongNow) capped = 'maybe';
      // "theyre killing each other lol": a joke marker makes it the danger question, not 999 at once.
      if (joking && capped === 'now') capped = 'maybe';
      // Said to be over elsewhere ("they've gone", "nobody was hurt"): a past-tense or unclear finding does not fire.
      // ("got home and theres a man stood in my front garden": what is told as now after it, is.)
      const toldAfter = context.afterOver && family !== 'injury' && time === 'present';
      if (over && !toldAfter && (time === 'past-tense' || time === 'recent' || time === 'none' || time === 'present') && capped !== 'no') capped = time === 'past-tense' ? 'no' : 'maybe';
      found.push({ family, level: capped, words: m.entry, time });
    };
    const { detained, joking, scene, soonOrNow, asksWhatCounts } = this.messageWide(annotated);
    const by = (time: Time, now: Time[], maybe: Time[]): DangerLevel => (now.includes(time) ? 'now' : maybe.includes(time) ? 'maybe' : 'no');
    const clauseTime = () => (context.adverbial !== 'none' ? context.adverbial : this.clauseTense(tokens));
    // "the man who's been harassing me because I'm Muslim | is inside my building now": the attacker may be named a clause before.
    const attacker =
      this.lex.attacker.find(tokens).find((m) => !this.negatedAt(tokens, m.start)) ??
      (previous && !WRITER.has(tokens[0]?.word ?? '') && this.lex.attacker.has(previous.tokens) ? { start: -1, length: 0, entry: 'someone named before' } : undefined);

    // Family by family, in this order (the findings keep it), each in a method of its own: as one method of 550
    // lines, V8 took seconds to optimise it, and ran it unoptimised for the first ten thousand messages or so.
    const scope: ClauseScope = { tokens, context, annotated, previous, safe, add, by, clauseTime, attacker, scene, soonOrNow };
    this.harmFindings(scope);
    this.abuseAndDamageFindings(scope);
    this.movementFindings(scope);
    this.injuryFindings(scope);
    this.weaponFindings(scope);
    this.presenceFindings(scope);
    this.fireAndThreatFindings(scope);
    this.crowdAndPleaFindings(scope);
    return found;
  }

  /** Harm done to someone, and an attack named as a thing. */
  private harmFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, add, by } = scope;
    for (const m of this.lex.harm.find(tokens)) {
      const t = tokens[m.start]!;
      // "the bottles", "a stabbing in the news", "pushy": a thing named, not an act happening.
      if (m.length === 1 && (isThing(t) || (t.word.endsWith('y') && t.word !== t.lemma))) continue;
      // "a first class stamp": a word after a noun or an adjective, in its own form, names a thing.
      const before = tokens[m.start - 1];
      const next = tokens[m.start + 1];
      if (m.length === 1 && before && (before.pos === 'NOUN' || before.pos === 'ADJ') && t.word === t.lemma && !(next && (['PRON', 'DET'].includes(next.pos) || PERSON_WORDS.has(next.word))) && this.lex.attacker.matchAt([before], 0) === undefined) continue;
      // "a bible-bashing idiot", "some gay bashing thug": an -ing read as a noun between a word and a noun describes someone.
      // ("group of men punching people": after people, the -ing is what they are doing.)
      // (only beside a verb of the clause's own: "Paki bashing skinheads by the kebab shop" is a headline of what is going on.)
      if (m.length === 1 && t.pos === 'NOUN' && t.word.endsWith('ing') && before && (before.pos === 'NOUN' || before.pos === 'ADJ') && next?.pos === 'NOUN' && !this.namesPeople(before) && tokens.some((x) => x.pos === 'VERB' && x !== t)) continue;
      // ("run over to the shop for me": going somewhere, not running someone over.)
      if (m.entry === 'run over' && ['to', 'there', 'here', 'and'].includes(tokens[m.start + m.length]?.word ?? '')) continue;
      // "the in-laws are coming at 6": "at" a time, not at someone.
      if (m.entry.endsWith(' at') && (tokens[m.start + m.length]?.pos === 'NUM' || CLOCK.test(tokens[m.start + m.length]?.word ?? ''))) continue;
      // "rain is pouring in": weather and things do not attack.
      // (the subject, just before the verb or its "is": not a body part, which is what gets kicked: "my head kicked in")
      const subject = tokens.slice(Math.max(0, m.start - 3), m.start).find((b, j, w) => this.lex.weather.matchAt([b], 0) !== undefined && w.slice(j + 1).every((x) => PASSIVE_AUX.has(x.word) || x.pos === 'AUX'));
      if (subject) continue;
      // "tell me chase's routing number": a harm word read as describing the next word is a name or a kind, no act.
      if (this.describesNext(tokens, m)) continue;
      // "is the m25 rammed right now": packed full, with no one rammed.
      // ("rammed at the moment", "rammed this morning"; "rammed my car", "rammed into him", "rammed by a van" are not.)
      // (a place or a road that is rammed: "we've just been rammed", "car rammed at the crowd" are attacks.)
      const packedPlace = tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => b.pos === 'PROPN' || /^(m|a)\d+/.test(b.word) || this.sets.packedPlaces.has(b.word));
      if (t.word === 'rammed' && packedPlace && !['been', 'got', 'get'].includes(before?.word ?? '') && (next === undefined || next.pos === 'ADV' || ['with', 'today', 'tonight', 'again', 'this', 'as'].includes(next.word) || (next.word === 'at' && tokens[m.start + 2]?.word === 'the' && tokens[m.start + 3]?.word === 'moment'))) continue;
      // "my ear's started hurting", "my back hurts": a part of the body that hurts is pain, not an attack.
      // ("they're hurting his arm": someone named after it is.)
      if (t.lemma === 'hurt' && tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => this.lex.bodyPart.matchAt([b], 0) !== undefined) && !(next && (PERSON_WORDS.has(next.word) || next.pos === 'PRON' || next.pos === 'DET'))) continue;
      // "a firearms licence for clay shooting": shooting as a sport or with a licence.
      if (t.lemma === 'shoot' && this.lex.weaponAdmin.has(tokens)) continue;
      if (this.negatedAt(tokens, m.start) || this.notAnAttack(tokens, m.start)) continue;
      // ("nearly hit the barrier twice", "almost ran me over": what nearly happened did not; only the worst harms count so.)
      if (['nearly', 'almost'].includes(tokens[m.start - 1]?.word ?? '') && this.lex.severeHarm.matchAt(tokens, m.start) === undefined) continue;
      const time = this.timeAt(context, m.start);
      if (this.reportedThreat(tokens, m.start) || this.wordsSaid(tokens, m.start)) continue;
      // "a video going round of a man getting beaten up": what a video shows. "someone will get killed": a prediction.
      if (this.lex.depicted.has(tokens.slice(0, m.start)) || this.prediction(tokens, m.start)) continue;
      // "torn tbh": torn, ripped, with nothing torn, is no attack.
      if (['tear', 'rip'].includes(m.entry) && tokens[m.start + m.length] === undefined) continue;
      // "just glass everywhere": a weapon's name as a verb ("glassed him", "bottled me") needs someone it was done to.
      if (m.length === 1 && t.word === m.entry && this.sets.nounFirst.has(m.entry) && !(next && (PERSON_OBJECTS.has(next.word) || PERSON_WORDS.has(next.word)))) continue;
      // "push in front of him at the till": jumping the queue.
      if (m.entry === 'push' && tokens[m.start + 1]?.word === 'in' && ['front', 'the', 'line'].includes(tokens[m.start + 2]?.word ?? '')) continue;
      // "quad bikes tearing up the fields", "ripping round the bridleway": driving about, not an attack.
      if (['up', 'round', 'around', 'through', 'about'].includes(tokens[m.start + m.length]?.word ?? '') && ['tear', 'rip'].includes(m.entry)) continue;
      // Damage done to a thing ("scratched my car", "tearing up the fields") is the damage family's; punching
      // the walls beside someone right now is still an attack.
      if (this.toProperty(tokens, m) && !context.strongNow) continue;
      // "keeps hitting me" with no "every day" or "for months": it is going on.
      const keeps = this.aspectAt(tokens, m.start) === 'habit' && context.adverbial !== 'habit' && context.adverbial !== 'past';
      const severe = this.lex.severeHarm.matchAt(tokens, m.start) !== undefined;
      // ("boys keep pulling her scarf... im telling you": kept up against someone else, told by another, may be a habit: the danger question.)
      const atTheWriter = tokens.slice(m.start + m.length, m.start + m.length + 2).some((x) => ['me', 'us', 'my', 'our'].includes(x.word)) || context.strongNow;
      const level = keeps ? (atTheWriter || severe ? 'now' : 'maybe') : by(time, ['now', 'progressive', 'soon', 'recent', ...(severe ? (['past-tense', 'present'] as Time[]) : [])], ['past-tense', 'none', 'present']);
      add('harm-now', level, m, keeps ? 'now' : time);
      // "I've been cut with a Stanley knife", "they're hitting him with bats": the weapon used is there too.
      const used = level === 'now' ? tokens.slice(m.start + m.length, m.start + m.length + 4).findIndex((x) => x.word === 'with') : -1;
      const weapon = used >= 0 ? [1, 2, 3].map((d) => this.lex.weapon.matchAt(tokens, m.start + m.length + used + d)).find((w) => w !== undefined) : undefined;
      if (weapon) add('weapon', 'now', weapon, keeps ? 'now' : time);
    }
    // "help racist attack now", "mass brawl at the market now", "attack on the train": an attack named as a
    // thing is going on when the clause says now or the message is a headline; otherwise it is talked about.
    for (const m of this.lex.attackNoun.find(tokens)) {
      const t = tokens[m.start]!;
      if (m.length === 1 && !isThing(t)) continue;
      if (this.negatedAt(tokens, m.start) || this.lex.telegraphicNot.has(tokens)) continue;
      if (tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => this.isPastAux(b.word))) continue;
      // "there's a mass brawl outside the clubs", "a fight has broken out": going on, said in the present.
      const thereIs = tokens.slice(Math.max(0, m.start - 5), m.start).some((b, k, w) => b.word === 'there' && ['is', 'are'].includes(w[k + 1]?.word ?? ''));
      const after = tokens.slice(m.start + m.length, m.start + m.length + 3);
      // ("Fight broken out at the cadet parade": opening a message, the participle alone.)
      const opening = m.start <= 2 && annotated.clauses[0] === tokens && after[0] !== undefined && ['broken', 'started', 'kicked', 'erupted'].includes(after[0].word);
      // ("the match has turned into a mass brawl", "came in and started a brawl": it became one.)
      const became = tokens.slice(Math.max(0, m.start - 4), m.start).some((b) => ['turn', 'start', 'become', 'spark'].includes(b.lemma) && b.pos === 'VERB');
      const breaksOut = (after.some((a) => ['has', 'have', 'is', 'are', 'just'].includes(a.word)) && after.some((a) => this.sets.breakOut.has(a.lemma))) || opening || became;
      const undated = context.adverbial === 'none' || context.adverbial === 'now' || context.adverbial === 'recent';
      // ("mass brawl in the car park at the garden centre, ...": named with a place and no verb, as a headline is.)
      // ("Massive fight outside Letchworth spoons, ...": words describing it may come first.)
      const headline = tokens.slice(0, m.start).every((x) => x.pos === 'ADJ' || x.pos === 'DET') && !tokens.some((x) => x.pos === 'VERB' || x.pos === 'AUX') && this.lex.place.has(tokens) && annotated.clauses[0] === tokens;
      if (context.adverbial === 'now' || context.strongNow || context.telegraphic || ((thereIs || breaksOut || headline) && undated && !context.hypothetical)) add('harm-now', 'now', m, 'now');
    }
  }

  /** Abuse, and damage done to the writer's things. */
  private abuseAndDamageFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, add, by, scene } = scope;
    for (const m of this.lex.abuse.find(tokens)) {
      if (this.negatedAt(tokens, m.start)) continue;
      // "a note thru my door calling me a f*g", "6 fake reviews calling me a ch*nk": what something written says.
      const writing = tokens.slice(0, m.start).findLastIndex((t) => this.lex.writings.matchAt([t], 0) !== undefined);
      // ("the man who wrote the note is outside shouting at me": a verb of its own between is someone doing it.)
      if (writing >= 0 && !tokens.slice(writing + 1, m.start).some((t) => PERSON_WORDS.has(t.word) || SUBJECTS.has(t.word) || t.pos === 'AUX' || this.lex.attacker.matchAt([t], 0) !== undefined)) continue;
      const time = this.timeAt(context, m.start);
      // "man threatening passengers on bus 321": abuse going on in a public place is happening as they write.
      const atScene = time === 'progressive' && !this.lex.campaign.matchAt(tokens, m.start) && scene;
      add('abuse-now', atScene ? 'now' : by(time, ['now'], ['progressive', 'soon']), m, atScene ? 'now' : time);
    }
    // "someone is writing swastikas on my car": damage to the writer's home or things, happening now, is a crime in progress.
    for (const m of this.lex.damage.find(tokens)) {
      if (this.negatedAt(tokens, m.start) || this.notAnAttack(tokens, m.start)) continue;
      // "the words are still painted on our door": a state left behind, not damage being done ("is being painted" is).
      // ("my car is getting smashed", "is being painted": going on.)
      const done = tokens[m.start]!.word.endsWith('ed') && PASSIVE_AUX.has(tokens[m.start - 1]?.word ?? '') && !['being', 'getting'].includes(tokens[m.start - 1]?.word ?? '');
      if (done || (tokens[m.start - 1]?.word === 'still' && tokens[m.start]!.word.endsWith('ed'))) continue;
      // "my speaking good, writing not good": an -ing spoken of, not done to anything.
      const after = tokens[m.start + m.length];
      if (after && (['not', 'is', 'was'].includes(after.word) || (after.pos === 'ADJ' && tokens[m.start + m.length + 1] === undefined))) continue;
      const time = this.timeAt(context, m.start);
      if (time !== 'now' && time !== 'progressive') continue;
      // The object may run on past a clause break: "writing 'gay' | and swastikas on my car".
      const at = annotated.tokens.indexOf(tokens[m.start]!);
      const object: Token[] = [];
      for (const t of annotated.tokens.slice(at + m.length, at + m.length + 8)) {
        // "tearing up the fields behind our house": the damage is to the fields, not the house.
        if (t.pos === 'ADP' && !['on', 'at', 'against', 'into', 'over', 'up', 'down', 'off', 'apart'].includes(t.word)) break;
        object.push(t);
      }
      const ours = object.findIndex((t) => t.word === 'my' || t.word === 'our');
      // ("people at my shop... they are breaking the shutter": "the" thing of a place the message calls theirs.)
      const theirs = annotated.tokens.some((t, k) => (t.word === 'my' || t.word === 'our') && annotated.tokens.slice(k + 1, k + 3).some((x) => this.lex.property.matchAt([x], 0) !== undefined));
      const the = object.findIndex((t) => t.word === 'the');
      const thing = (ours >= 0 && object.slice(ours + 1).some((t) => t.pos === 'NOUN' && !PERSON_WORDS.has(t.word))) || (theirs && the >= 0 && this.lex.wreck.matchAt(tokens, m.start) !== undefined && object.slice(the + 1).some((t) => this.lex.property.matchAt([t], 0) !== undefined));
      // "my door is being kicked": a passive, with the writer's thing before it.
      const subject = PASSIVE_AUX.has(tokens[m.start - 1]?.word ?? '') ? tokens.slice(Math.max(0, m.start - 5), m.start - 1) : [];
      const mine = subject.findIndex((t) => t.word === 'my' || t.word === 'our');
      const passiveThing = mine >= 0 && subject.slice(mine + 1).some((t) => this.lex.property.matchAt([t], 0) !== undefined);
      if (thing || passiveThing) add('damage-now', 'now', m, time);
    }
  }

  /** Someone following, something going on, someone coming; the writer hiding or running. */
  private movementFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, add, by, attacker } = scope;
    for (const m of this.lex.pursue.find(tokens)) {
      const t = tokens[m.start]!;
      if (m.length === 1 && isThing(t)) continue;
      // ("what routing number does chase use": a name, read as describing the next word.)
      if (this.describesNext(tokens, m)) continue;
      if (this.negatedAt(tokens, m.start) || this.notAnAttack(tokens, m.start)) continue;
      // "following me on strava": online, not in the street.
      if (this.lex.onlinePlace.has(tokens.slice(m.start + m.length, m.start + m.length + 4))) continue;
      // ("...keeps shouting at us | and following us through the market": the "keeps" of the clause before; "kept" is the past.)
      const chained = context.habitual && context.adverbial === 'none' && !this.lex.habit.has(annotated.tokens) && !annotated.tokens.some((t) => t.word === 'kept');
      const time = this.keptUpNow(tokens, m.start, context, annotated) || chained ? 'progressive' : this.timeAt(context, m.start);
      // "two men have followed me for 3 streets": still behind them.
      add('harm-now', by(time, ['now', 'progressive', 'recent'], ['soon']), m, time);
    }
    for (const m of this.lex.ongoing.find(tokens)) {
      if (this.negatedAt(tokens, m.start)) continue;
      // "the screenshots are still going round": a post or a video going round, not an attack going on.
      if (this.lex.depicted.has(tokens.slice(Math.max(0, m.start - 4), m.start))) continue;
      // "is the fete still going ahead", "how is this still happening": an event on, or a question of why.
      // ("why is nobody answering im in danger" is a plea: only a question of why something still happens, with no plea.)
      const whyStill = ['how', 'why'].includes(tokens[0]?.word ?? '') && m.start > 0 && tokens.some((t) => t.word === 'still') && !this.lex.needHelp.has(annotated.tokens) && !annotated.tokens.some((t) => this.sets.plea.has(t.word));
      if (tokens[m.start + m.length]?.word === 'ahead' || whyStill) continue;
      // "a lot going on at work", "so much happening": a busy life, not something going on.
      if (this.lex.busy.matchAt(tokens, Math.max(0, m.start - 1)) !== undefined && !this.lex.place.has(tokens) && !this.lex.now.has(tokens) && (!attacker || attacker.start === m.start - 1)) continue;
      const time = this.timeAt(context, m.start);
      const still = (tokens.some((t) => t.word === 'still') || this.lex.place.has(tokens)) && time !== 'habit' && time !== 'past';
      add('need-help-now', time === 'now' || still ? 'now' : by(time, [], ['progressive', 'present', 'none', 'recent']), m, time);
    }
    // "a car is crawling alongside me", "van driver keeps pulling up next to me", "keeps swerving at me": a vehicle
    // kept close to someone, or driven at them, as they write (the vehicle may be named in an earlier clause).
    if (this.lex.vehicle.has(annotated.tokens)) {
      for (const m of this.lex.vehicleMenace.find(tokens)) {
        // ("a drive at night" is a thing; "keeps swerving at us", tagged as one, is not.)
        const afterAux = ['keep', 'keeps', 'kept', 'is', 'are', 'was', 'were', 'been', 'still'].includes(tokens[m.start - 1]?.word ?? '');
        if (this.negatedAt(tokens, m.start) || (tokens[m.start]!.pos === 'NOUN' && !afterAux)) continue;
        const near = this.lex.nearness.find(tokens.slice(m.start + m.length, m.start + m.length + 3))[0];
        const k = near ? m.start + m.length + near.start + near.length : -1;
        const target = near ? tokens.slice(k, k + 3).find((x) => PERSON_WORDS.has(x.word) || ['group', 'us', 'kids', 'children', 'people', 'them'].includes(x.word)) : undefined;
        if (!target || WRITER.has(tokens[m.start - 1]?.word ?? '')) continue;
        // ("the taxi is pulling up next to us now": a car arriving; only kept up, or driven at someone, menaces.)
        const atThem = ['at', 'into', 'towards', 'toward'].includes(near!.entry) || this.sets.vehicleAt.has(m.entry);
        if (!atThem && this.aspectAt(tokens, m.start) !== 'habit') continue;
        // ("keeps pulling up next to me" with no "every day": going on.)
        const keeps = this.aspectAt(tokens, m.start) === 'habit' && context.adverbial !== 'habit' && context.adverbial !== 'past' && !this.lex.habit.has(annotated.tokens);
        const time = keeps ? 'progressive' : this.timeAt(context, m.start);
        add('harm-now', by(time, ['now', 'progressive'], ['present', 'recent', 'none']), m, time);
      }
    }
    for (const m of this.lex.approach.find(tokens)) {
      if (this.negatedAt(tokens, m.start) || this.thingMoves(tokens, m.start)) continue;
      // ("i've got it back now", "got my bike back": a thing returned, not someone come back.)
      // ("has come to get them back now": people fetched back may be.)
      if (m.entry.startsWith('back') && ['it', 'everything'].includes(tokens[m.start - 1]?.word ?? '') && tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => ['get', 'give', 'bring'].includes(b.lemma))) continue;
      if (afterWhen(tokens, m.start)) continue;
      // "we're back home now", "I'm coming back June 8th": the writer moving is no intruder.
      const before = tokens.slice(Math.max(0, m.start - 3), m.start);
      if (before.some((b) => b.word === 'i' || b.word === 'we') && !before.some((b) => this.lex.attacker.matchAt([b], 0))) continue;
      // "they won't leave", "still outside": a statement about now, whatever the verb's form.
      // ...and "he's been behind me for ages": been there all that time, and still is ("behind me in the queue" is a queue).
      const stays = /\bstill\b|not leav/.test(m.entry) || (tokens[m.start - 1]?.word === 'been' && tokens[m.start + m.length]?.word !== 'in');
      // "keeps getting closer": coming nearer cannot be a habit ("keeps turning up at my work" can).
      const keeps = /closer|after|behind|circl/.test(m.entry) && this.aspectAt(tokens, m.start) === 'habit' && context.adverbial !== 'habit' && context.adverbial !== 'past';
      const time = this.simplePresent(tokens, m.start, context) ? 'habit' : (stays || keeps) && context.adverbial !== 'past' ? 'present' : this.timeAt(context, m.start);
      add('intruder', by(time, ['now', 'progressive', 'soon', 'recent', 'present'], ['none', 'past-tense']), m, time);
    }
    // "I'm under a table in the cafe", "we are in the wardrobe": the writer hiding, now.
    for (let k = 0; k + 4 < tokens.length; k++) {
      if (!['i', 'we'].includes(tokens[k]!.word) || !['am', 'are'].includes(tokens[k + 1]!.word)) continue;
      const [where, determiner] = [tokens[k + 2]!, tokens[k + 3]!];
      if (!(OWNERS.has(determiner.word) || determiner.word === 'a' || determiner.word === 'an') || this.negatedAt(tokens, k + 2)) continue;
      const spot = where.word === 'under' ? this.lex.hideUnder.matchAt(tokens, k + 4) : where.word === 'in' ? this.lex.hideIn.matchAt(tokens, k + 4) : undefined;
      if (spot && context.adverbial !== 'past' && context.adverbial !== 'habit') add('held', 'now', { start: k, length: 4 + spot.length, entry: `${where.word} the ${spot.entry}` }, 'present');
    }
    for (const m of this.lex.flee.find(tokens)) {
      if (this.negatedAt(tokens, m.start)) continue;
      // "ringing my doorbell and running off": the one who runs off is leaving, not escaping.
      if (tokens[m.start + m.length]?.word === 'off') continue;
      // ("going to run over the gypsy kid": running someone over is harm's.)
      if (['over', 'down'].includes(tokens[m.start + m.length]?.word ?? '')) continue;
      // "then he run away without paying": getting away with something, not escaping from someone.
      if (tokens.slice(m.start + m.length, m.start + m.length + 3).some((t) => t.word === 'without')) continue;
      // "parked at the escape room": a place named after a game, no one escaping.
      if (namesAGame(tokens, m)) continue;
      // "three nights running", "the third week running": after a span of time, "running" says how long.
      if (/^(night|day|week|month|year|time|weekend|morning|evening)s?$/.test(tokens[m.start - 1]?.word ?? '')) continue;
      // "someone is running a cannabis farm": running something, not running away.
      if (['a', 'an', 'the', 'his', 'her', 'their', 'my', 'our', 'this', 'that', 'it', 'things'].includes(tokens[m.start + m.length]?.word ?? '')) continue;
      // "are the trains running", "my nose is running": a thing runs; only a person escapes.
      const doer = [tokens[m.start - 1], tokens[m.start - 2]].find((b) => b !== undefined && !['is', 'are', 'am', 'was', 'were', 'be', 'been', 'still', 'just'].includes(b.word));
      if (doer && this.lex.runningThings.matchAt([doer], 0) !== undefined) continue;
      const fromSomeone = tokens.slice(m.start + 1, m.start + 4).some((t) => t.word === 'from' || t.word === 'away');
      const time = this.timeAt(context, m.start);
      if (fromSomeone || time === 'now' || attacker) add('held', by(time, ['now', 'progressive'], ['present', 'recent']), m, time);
    }
  }

  /** Injuries, however worded, and things thrown flying. */
  private injuryFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, safe, add, by } = scope;
    for (const m of this.lex.injury.find(tokens)) {
      if (this.negatedAt(tokens, m.start)) continue;
      // "a crime novel where a character is stabbed": what a story shows.
      if (this.lex.depicted.has(tokens.slice(0, m.start))) continue;
      const next = tokens[m.start + m.length];
      // "bloody hell", "this bloody chat": an oath; "a bloody nose", "he's all bloody": an injury.
      if (m.entry === 'bloody' && next && this.lex.bodyPart.matchAt(tokens, m.start + m.length) === undefined) continue;
      // "my dress fitting", "the fitting rooms": an -ing between a thing's name and a noun it names is no seizure.
      // ("the lad's fitting", "man fitting on the floor": after a person it is.)
      const before = tokens[m.start - 1];
      // (only things fitted or fitted for: "my nan fitting on the floor" is a seizure.)
      if (m.entry === 'fitting' && (this.sets.fitted.has(before?.word ?? '') || this.sets.fitted.has(next?.word ?? ''))) continue;
      // "wound his window down": "wound" with an object is "wind", not a wound.
      // (only after its subject: "a wound down his leg", "a deep wound", "stab wound" are wounds.)
      // ("a driver has wound his window down": after "has" or "had" too.)
      const subjectBefore = before !== undefined && (before.pos === 'PRON' || before.pos === 'PROPN' || ['has', 'had', 'have'].includes(before.word) || this.lex.attacker.matchAt([before], 0) !== undefined) && !DETERMINERS.has(before.word);
      if (m.entry === 'wound' && tokens[m.start]!.word === 'wound' && subjectBefore && next && (DETERMINERS.has(next.word) || ['down', 'up', 'it'].includes(next.word))) continue;
      // "every shot at the driving range", "a good shot at goal": a shot named after a determiner is a noun, no shooting.
      if (m.entry.startsWith('shot') && before !== undefined && (before.pos === 'DET' || ['every', 'each', 'good', 'first', 'best', 'great', 'last'].includes(before.word))) continue;
      // "a blood test", "blood pressure": a noun naming what kind of thing the next noun is, not a wound.
      // (only the kinds in safety.yaml injuryKinds: "blood spurting", "blood pool", "blood clots" are wounds.)
      if (m.length === 1 && next && this.sets.injuryKinds.has(next.word)) continue;
      // "she can't walk far", "can't breathe well since covid": how far or how well, a lasting state.
      // ("i cant see the point", "cant walk the dog": with an object it is no body failing.)
      // "a load of fittings": after "of", an -ing names a thing, not someone hurt ("the bleeding won't stop" is).
      if (m.length === 1 && tokens[m.start]!.word.endsWith('ing') && tokens[m.start - 1]?.word === 'of') continue;
      // "chasing an old man down the road": down is the way they went.
      if (m.entry.endsWith(' down') && next && (next.pos === 'DET' || this.lex.widePlace.matchAt(tokens, m.start + m.length) !== undefined)) continue;
      // ("cant breathe very well" is a body failing: "much", "more", "very", "long" limit walking only.)
      const walkOnly = ['more', 'much', 'very', 'long'].includes(next?.word ?? '') && !m.entry.includes('walk');
      if (m.entry.startsWith('can') && next && !walkOnly && (this.sets.limiter.has(next.word) || ['DET', 'PRON'].includes(next.pos) || ['what', 'why', 'how', 'who', 'where'].includes(next.word))) continue;
      const time = this.timeAt(context, m.start);
      // "bleeding a bit from his lip, he says he's ok": a little, and said to be all right.
      const slight = safe && this.lex.slightly.has(tokens.slice(m.start + m.length, m.start + m.length + 3)) && !this.lex.severeHarm.has(annotated.tokens);
      // ("attacked outside a pub on Saturday night... Black eye and a cut lip": a minor injury in a story dated in the past is how it left them.)
      const minor = slight || this.minorInjury(tokens, m.start, context);
      if (minor && (time === 'past' || (time === 'none' && this.storyDated(annotated)))) continue;
      add('injury', minor ? 'maybe' : by(time, ['now', 'progressive', 'soon', 'recent', 'present', 'none', 'past-tense'], []), m, time);
    }
    // "his face is all swollen", "blood coming out of her ear", "teeth knocked out": a part of the body and what
    // was done to it, in one clause, is an injury however it is worded.
    const part = this.lex.bodyPart.find(tokens).find((p) => !this.negatedAt(tokens, p.start));
    const damage = part && this.lex.bodyDamage.find(tokens).find((d) => this.damagesPart(tokens, part, d) && !this.negatedAt(tokens, d.start) && !this.notAnAttack(tokens, d.start));
    if (part && damage) {
      const time = this.timeAt(context, damage.start);
      // ("a cut lip": the part and its damage named together as a minor injury.)
      const minor = this.minorInjury(tokens, damage.start, context) || this.minorInjury(tokens, Math.min(part.start, damage.start), context);
      const level = minor && (time === 'past' || (time === 'none' && this.storyDated(annotated))) ? 'no' : minor ? 'maybe' : by(time, ['now', 'progressive', 'soon', 'recent', 'present', 'none', 'past-tense'], []);
      if (level !== 'no') add('injury', level, { start: damage.start, length: damage.length, entry: `${part.entry} ${damage.entry}` }, time);
    }
    for (const m of this.lex.injuryWhenNegated.find(tokens)) {
      if (!this.negatedAt(tokens, m.start)) continue;
      // "I can't stand lamb", "can't move the car": a verb with an object is not the body failing.
      const object = tokens[m.start + m.length];
      // ("can't move my legs" is the body failing: the object is a part of it.)
      const bodily = tokens.slice(m.start + m.length, m.start + m.length + 3).some((x) => this.lex.bodyPart.matchAt([x], 0) !== undefined);
      // ("cant breathe they stamped on me": a subject starting the next sentence, typed with no full stop, is no object.)
      const subject = ['i', 'he', 'she', 'they', 'we'].includes(object?.word ?? '');
      if (object && !bodily && !subject && (['NOUN', 'PROPN', 'DET', 'PRON'].includes(object.pos) || this.sets.limiter.has(object.word)) && !['up', 'at', 'all'].includes(object.word)) continue;
      // "council say its not theirs to move", "not my job to respond": whose job it is, not a body failing.
      if (tokens[m.start - 1]?.word === 'to' && ['theirs', 'mine', 'yours', 'ours', 'his', 'hers', 'job', 'place', 'responsibility', 'problem'].includes(tokens[m.start - 2]?.word ?? '')) continue;
      // "the traffic's not moving", "my phone won't wake up": a thing, not a person.
      if (tokens.slice(Math.max(0, m.start - 4), m.start).some((b) => this.lex.inanimate.matchAt([b], 0) !== undefined || this.lex.property.matchAt([b], 0) !== undefined)) continue;
      const time = this.timeAt(context, m.start);
      add('injury', by(time, ['now', 'progressive', 'present', 'none', 'recent', 'soon'], ['past-tense']), m, time);
    }
    // "my guide dog is hurt and so am I", "I'm hurt": hurt, said as a state, is an injury.
    for (let k = 1; k < tokens.length; k++) {
      if (tokens[k]!.word !== 'hurt' || !['is', 'am', 'are', 'be', 'badly', 'really'].includes(tokens[k - 1]!.word) || this.negatedAt(tokens, k)) continue;
      const time = this.timeAt(context, k);
      add('injury', by(time, ['now', 'progressive', 'present', 'recent', 'none'], ['past-tense']), { start: k, length: 1, entry: 'hurt' }, time);
      break;
    }
    // "glasses flying", "bottles flying at the station": a fight going on.
    for (let k = 1; k < tokens.length; k++) {
      const flying = tokens[k]!.word === 'flying' || (tokens[k]!.word === 'going' && tokens[k + 1]?.word === 'everywhere');
      if (!flying || !(this.sets.thrown.has(tokens[k - 1]!.word) || this.lex.weapon.matchAt(tokens, k - 1) !== undefined) || this.negatedAt(tokens, k)) continue;
      const time = this.timeAt(context, k);
      add('harm-now', by(time, ['now', 'progressive', 'present', 'none'], ['past-tense']), { start: k - 1, length: 2, entry: `${tokens[k - 1]!.word} flying` }, time);
      break;
    }
  }

  /** Someone heard inside, a visit threatened, and weapons. */
  private weaponFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, previous, safe, add, by, clauseTime, attacker, soonOrNow } = scope;
    // "i can hear someone in my kitchen", "heard them downstairs": someone heard inside, where they should not be.
    for (let k = 0; k + 2 < tokens.length; k++) {
      if (tokens[k]!.lemma !== 'hear' || this.negatedAt(tokens, k)) continue;
      const who = tokens.slice(k + 1, k + 3).findIndex((x) => this.lex.attacker.matchAt([x], 0) !== undefined && !WRITER.has(x.word));
      if (who < 0) continue;
      // (inside the writer's home: "downstairs", "in my kitchen"; not "the neighbours in their garden")
      const after = tokens.slice(k + 2 + who, k + 6);
      const inside = after.some((x, j) => this.sets.indoors.has(x.word) || (x.word === 'in' && ['my', 'our'].includes(after[j + 1]?.word ?? '')));
      if (!inside) continue;
      // ("last year i heard someone downstairs" is a story.)
      if (context.adverbial === 'past' || context.adverbial === 'habit') continue;
      const time = tokens[k]!.word === 'heard' ? 'recent' : 'now';
      add('intruder', 'now', { start: k, length: 2 + who, entry: 'hear someone inside' }, time);
      break;
    }
    // "tonight we pay the tr*nny a visit", "pay him a visit": a threat in so many words.
    for (let k = 0; k + 2 < tokens.length; k++) {
      if (tokens[k]!.lemma !== 'pay' || !tokens.slice(k + 2, k + 6).some((x) => x.word === 'visit') || this.negatedAt(tokens, k)) continue;
      // ("we are going to pay a visit to my gran tonight": the writer visiting.)
      // (but "saying tonight we pay the tr*nny a visit" is their "we", in what they said)
      const quoted = tokens.slice(0, k).some((b) => b.pos === 'VERB' && this.lex.speech.matchAt([b], 0) !== undefined);
      if (!quoted && tokens.slice(Math.max(0, k - 4), k).some((b) => WRITER.has(b.word))) continue;
      add('fire-or-threat', soonOrNow && !safe ? 'now' : 'maybe', { start: k, length: 1, entry: 'pay someone a visit' }, soonOrNow ? 'soon' : 'none');
      break;
    }
    // "held at knifepoint", "a knife to my ribs": a weapon held on someone.
    // ...and any weapon held to someone's body: "bottle to his throat", "a screwdriver against her neck".
    const heldTo = this.lex.weapon.find(tokens).filter((w) => {
      const [to, whose, part] = tokens.slice(w.start + w.length, w.start + w.length + 3);
      // ("bottle in his face", "acid on my arm")
      // ("a chain on my neck with a cross", "a stick in my hand": worn or carried, not used.)
      const injurious = ['to', 'at', 'against'].includes(to?.word ?? '') || (['in', 'on'].includes(to?.word ?? '') && (this.lex.severeWeapon.matchAt(tokens, w.start) !== undefined || this.sets.nounFirst.has(w.entry)));
      return injurious && ['my', 'his', 'her', 'their', 'your', 'our'].includes(whose?.word ?? '') && part !== undefined && this.lex.bodyPart.matchAt([part], 0) !== undefined;
    });
    const pointed = this.lex.pointedWeapon.find(tokens);
    for (const m of [...pointed, ...heldTo.filter((h) => !pointed.some((p) => p.start <= h.start && h.start < p.start + p.length))]) {
      if (this.negatedAt(tokens, m.start)) continue;
      const time = this.timeAt(context, m.start);
      add('weapon', by(time, ['now', 'progressive', 'soon', 'present', 'recent', 'none', 'past-tense'], []), m, time);
    }
    for (const m of this.lex.weapon.find(tokens)) {
      // "made a gun sign with his hand", "a knife emoji": a sign of a weapon is no weapon.
      if (this.lex.weaponSign.matchAt(tokens, m.start + m.length) !== undefined) continue;
      // "sticking post-its on her locker": a weapon's name used as a verb is no weapon (an attack with it is harm's).
      const named = tokens[m.start]!;
      // ("stoning my house", "bricking my windows", "gunned down" are attacks with them.)
      if (m.length === 1 && named.word !== m.entry && /(ing|ed)$/.test(named.word) && this.sets.notWeaponVerbs.has(m.entry)) continue;
      // "he has MS and uses a stick", "walks with a stick": a walking aid, no weapon.
      // (next to it only, and no attack or attacker in the clause: "lad walking about with a stick threatening people" is a weapon.)
      const aid = tokens[m.start - 1]?.word === 'walking' || tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => ['use', 'need', 'lean'].includes(b.lemma));
      if (m.entry === 'stick' && aid && !this.lex.harm.has(tokens) && !this.lex.threat.has(tokens) && !this.lex.abuse.has(tokens)) continue;
      if (m.entry === 'petrol' && (['station', 'garage', 'price', 'prices'].includes(tokens[m.start + 1]?.word ?? '') || !this.lex.fuelUse.has(annotated.tokens))) continue;
      if (this.negatedAt(tokens, m.start)) continue;
      // Having a weapon needs someone to have it ("he's got a knife"); waving or pulling one out does not.
      const wield = this.lex.wield
        .find(tokens)
        .find((w) => this.lex.brandish.matchAt(tokens, w.start) !== undefined || (attacker !== undefined && attacker.start < w.start) || tokens.slice(Math.max(0, w.start - 2), w.start).some((b) => (PERSON_WORDS.has(b.word) || b.word === 'one') && !WRITER.has(b.word)));
      // "knife at the GP surgery, someone waving it about", "has a shotgun and is pointing it at them": the weapon
      // brandished a few words on, by "it".
      const at = annotated.tokens.indexOf(tokens[m.start]!);
      // (not the writer's own: "am i allowed to pull it out to defend myself".)
      const later = annotated.tokens.findIndex((x, k) => k > at && k <= at + 15 && ['it', 'them'].includes(annotated.tokens[k + 1]?.word ?? '') && x.pos === 'VERB' && this.sets.brandishIt.has(x.lemma) && !this.negatedAt(annotated.tokens, k) && !annotated.tokens.slice(Math.max(0, k - 4), k).some((b) => WRITER.has(b.word) || b.word === 'allowed'));
      const thereIs = tokens.some((x, k) => x.word === 'there' && (tokens[k + 1]?.word === 'is' || tokens[k + 1]?.word === 'are'));
      const n = annotated.normalized;
      // A headline names a weapon and someone or somewhere: "knife. gay bar. hemel", "man with crossbow" ("king of acid" does not).
      const headline = context.telegraphic && (attacker !== undefined || this.lex.widePlace.has(annotated.tokens) || this.lex.place.has(annotated.tokens) || this.lex.attacker.has(annotated.tokens));
      const plea = annotated.tokens.some((x) => this.sets.plea.has(x.word));
      const fragment = (annotated.tokens.length <= 4 && (annotated.tokens.length === m.length || n.exclaimed || n.shouted || plea || attacker !== undefined || this.lex.now.has(annotated.tokens))) || headline;
      // ("knife found in the bushes", "air rifle in his loft", "a gun licence": kept, found or handed in, not held on anyone.)
      // (next to the weapon, and no one named holding it: "he has a gun in his left hand" is held)
      // (anywhere in the message when no one is named and nothing is done with it: "theres an old air rifle and a shotgun in the loft")
      const unheld = !wield && attacker === undefined;
      // (message-wide, only words of keeping a weapon: "left" and "found" say nothing of a weapon in another clause.)
      const admin = [...this.lex.weaponAdmin.find(tokens).filter((a) => Math.abs(a.start - m.start) <= 4), ...(unheld ? this.lex.weaponKept.find(annotated.tokens) : [])];
      const kept = this.lex.weaponAdmin.find(tokens).some((a) => a.start === m.start + m.length) || (admin.length > 0 && !wield);
      if (kept) continue;
      const held = (wield && !this.notAnAttack(tokens, wield.start)) || later >= 0;
      // "they've got a big dog | and a bat": a clause with no verb shares the verb of the one before.
      const verbless = !tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
      // "...will be at the gates at home time to 'get the Jews', with knives": "with" a weapon, the people named before have it.
      const withThem = verbless && tokens[m.start - 1]?.word === 'with' && annotated.tokens.indexOf(tokens[m.start]!) > 0 && annotated.tokens.slice(0, annotated.tokens.indexOf(tokens[m.start]!)).some((x) => (this.lex.attacker.matchAt([x], 0) !== undefined || PERSON_WORDS.has(x.word) || x.word === 'friends') && !WRITER.has(x.word));
      const shared = withThem || (verbless && previous !== undefined && this.lex.attacker.has(previous.tokens) && this.lex.wield.has(previous.tokens));
      const severe = this.lex.severeWeapon.matchAt(tokens, m.start) !== undefined;
      // A bottle, a stone or a firework lying about is no weapon ("there are bottles all over the park"): one that
      // is not a weapon first of all must be in someone's hands, or named with someone in a few words ("lads with bricks").
      const present = severe ? thereIs || fragment : fragment && (attacker !== undefined || this.lex.attacker.has(annotated.tokens));
      if (!held && !present && !shared) continue;
      // ("came in with a smashed bottle pointing it at me": the time of the pointing.)
      // ("a man keeps swinging it at the staff": "keeps" with no "every day" is going on.)
      const laterAspect = later >= 0 ? this.aspectAt(annotated.tokens, later) : undefined;
      const laterTime = laterAspect === 'habit' && !this.lex.habit.has(annotated.tokens) ? 'progressive' : laterAspect;
      const time = withThem && soonOrNow ? 'soon' : laterTime === 'progressive' ? laterTime : wield ? this.timeAt(context, wield.start) : (laterTime ?? clauseTime());
      add('weapon', by(time, ['now', 'progressive', 'soon', 'present', 'recent', 'none', ...(severe ? (['past-tense'] as Time[]) : [])], ['past-tense']), m, time);
    }
  }

  /** Someone somewhere they should not be, getting in, or holding someone. */
  private presenceFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, add, by, clauseTime, attacker } = scope;
    if (attacker) {
      // "there's a car parked outside with people sitting in it": the place may come first.
      const existential = tokens[0]?.word === 'there' && ['is', 'are'].includes(tokens[1]?.word ?? '');
      const towns = this.lex.placeNames.find(tokens);
      const place = [...this.lex.place.find(tokens), ...this.inARoom(tokens)]
        .find((m) => (m.start > attacker.start || existential) && !inPlaceName(tokens, towns, m) && !this.negatedAt(tokens, m.start) && !this.saidBefore(tokens, m.start) && !(m.entry === 'door' && (tokens[m.start - 1]?.word === 'next' || tokens[m.start + 1]?.word === 'to' || tokens[m.start - 1]?.word === 'to')) && !this.withTheWriter(tokens, m.start + m.length));
      // ("hes at school now", "she's in town now": a place named bare after "at" or "in" is where someone goes day to day, not where they lurk.)
      const bare = (w: LexiconMatch) => w.length === 1 && ['at', 'in'].includes(tokens[w.start - 1]?.word ?? '');
      // ("applying to train as a nurse": a place's name used as a verb is no place.)
      const wide = context.adverbial === 'now' ? this.lex.widePlace.find(tokens).find((w) => !bare(w) && !(w.length === 1 && (tokens[w.start - 1]?.word === 'to' || tokens[w.start]!.pos === 'VERB'))) : undefined;
      // "Landlord of a pub in Harpenden here. During last night's quiz...": an opening with no verb that ends on
      // "here" is the writer saying who they are.
      const introduction = place?.entry === 'here' && place.start === tokens.length - 1 && annotated.clauses.length > 1 && annotated.clauses[0] === tokens && !tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
      // "i ordered new light bulbs, when will they get here": asking when something arrives.
      // ("when will the police get here theyre kicking my door" goes on after the question: not only asking.)
      const asksWhen = place !== undefined && place.start + place.length === tokens.length && tokens.some((t, k) => t.word === 'when' && ['will', 'do', 'does', 'are', 'is', 'would'].includes(tokens[k + 1]?.word ?? '') && k < attacker.start && attacker.start <= k + 3);
      const where = introduction || asksWhen ? undefined : (place ?? wide);
      // Someone is there: "is outside", "standing at the door", or no verb at all ("men outside my house").
      // ("bloke in my neighbours back garden": the place, tagged as a verb, is no verb.)
      // ("her phone got snatched by a lad outside the college": "got" before a participle is no one being somewhere.)
      const passiveGot = (t: Token, k: number) => t.lemma === 'get' && /(ed|en)$/.test(tokens[k + 1]?.word ?? '');
      const verbs = tokens.filter((t, k) => !(where && k >= where.start && k < where.start + where.length) && !passiveGot(t, k) && (t.pos === 'VERB' || (t.pos === 'AUX' && tokens[k + 1]?.pos !== 'VERB' && tokens[k + 1]?.pos !== 'AUX')));
      const fragment = verbs.length === 0 && !tokens.some((t) => t.word.endsWith('ed'));
      // ("I was just sat waiting for my duvet", "Waiting at the council office, a man...": the writer waits, no intruder.)
      const writers = (v: Token) => {
        const k = tokens.indexOf(v);
        return (k === 0 && v.word.endsWith('ing') && !context.telegraphic && annotated.clauses[0] === tokens && tokens.length > 4) || tokens.slice(Math.max(0, k - 3), k).some((b, j, w) => WRITER.has(b.word) && w.slice(j + 1).every((x) => x.pos === 'AUX' || x.pos === 'ADV' || x.pos === 'PART' || ['sat', 'stood'].includes(x.word)));
      };
      const present = fragment || verbs.some((t) => this.lex.presence.matchAt([t], 0) && !writers(t));
      if (where && present) {
        const hasVerb = !fragment;
        // "a man's been sat in a car outside for an hour": been there, and still is.
        const stillThere = tokens.some((t, k) => t.word === 'been' && tokens[k + 1] !== undefined && this.lex.presence.matchAt(tokens, k + 1) !== undefined);
        // "people in my street keep shouting at me": a habit, unless it is said to be now.
        // ("people keep banging on our window and won't go away": still there.)
        // ("someone keeps ringing our doorbell and laughing, its 1am": kept up at their own door, with no how-often anywhere, is going on.)
        // (only with the time of writing said somewhere: "kids keep kicking footballs at our windows" is a habit.)
        // (in the small hours: "kids keep kicking footballs at our windows, its 9pm" is a nuisance.)
        const smallHours = annotated.tokens.some((t) => SMALL_HOURS.test(t.word));
        const keptAtTheirs = smallHours && tokens.slice(Math.max(0, where.start - 2), where.start).some((t) => OWNERS.has(t.word) && t.word !== 'the') && this.keptUpNow(tokens, where.start, context, annotated);
        const habit = !keptAtTheirs && (((tokens.some((t) => t.lemma === 'keep') || context.habitual) && context.adverbial !== 'now' && !tokens.some((t) => t.word === 'still') && !context.persisting) || verbs.some((v) => this.simplePresent(tokens, tokens.indexOf(v), context)));
        const time = habit ? 'habit' : stillThere && ['recent', 'past-tense'].includes(clauseTime()) ? 'present' : clauseTime();
        add('intruder', by(time, ['now', 'progressive', 'present', 'soon', ...(hasVerb ? [] : (['none'] as Time[]))], ['recent', 'none']), where, time);
      }
    }
    for (const m of this.lex.intrude.find(tokens)) {
      if (this.negatedAt(tokens, m.start) || this.notAnAttack(tokens, m.start) || this.thingMoves(tokens, m.start)) continue;
      // ("Waiting at the council office, a man in the queue...": a long message opening on an -ing tells what the writer was doing.)
      if (m.start === 0 && annotated.clauses[0] === tokens && tokens[0]!.word.endsWith('ing') && !context.telegraphic && tokens.length > 6) continue;
      // "got in a scuffle", "get in trouble", "got in a cab": a state or a vehicle entered, not a home.
      if (/^(get|got|getting) in$/.test(m.entry) && ['a', 'an', 'trouble', 'touch', 'my', 'his', 'her', 'their'].includes(tokens[m.start + m.length]?.word ?? '')) continue;
      // "get into clay shooting", "getting into uni": into something that is no place of theirs.
      if (/into$/.test(m.entry) && /^get|^got|^getting/.test(m.entry) && !['my', 'our', 'the', 'his', 'her', 'their', 'your', 'a', 'an', 'me', 'us', 'him', 'them'].includes(tokens[m.start + m.length]?.word ?? '')) continue;
      if (afterWhen(tokens, m.start)) continue;
      // "they got in": "got" says they are in now (have got in), unless the clause dates it.
      const gotIn = m.entry.startsWith('got') && context.adverbial === 'none';
      // ("gang of teens keep knocking on doors": "doors" are anyone's, so only at someone's own door.)
      const owned = tokens.slice(Math.max(0, m.start - 3), m.start + m.length + 3).some((t) => OWNERS.has(t.word) && t.word !== 'the');
      const keeps = owned && this.keptUpNow(tokens, m.start, context, annotated);
      const time = gotIn ? 'recent' : keeps ? 'progressive' : this.simplePresent(tokens, m.start, context) ? 'habit' : this.timeAt(context, m.start);
      add('intruder', by(time, ['now', 'progressive', 'soon', 'recent', 'present'], ['past-tense', 'none']), m, time);
    }
    for (const m of this.lex.held.find(tokens)) {
      if (this.negatedAt(tokens, m.start) && !m.entry.includes('not')) continue;
      // "parked at the escape room": a place named after a game, no one escaping.
      if (namesAGame(tokens, m)) continue;
      if (['for', 'of', 'to'].includes(tokens[m.start + m.length]?.word ?? '')) continue;
      // "surrounded by a group by the canal", "trapped in the lift": a state the clause opens with is the writer's now.
      // ("someone locked in a van with people round it": a person, then the state, with no verb of its own.)
      const named = m.start === 1 && (PERSON_WORDS.has(tokens[0]!.word) || tokens[0]!.word === 'somebody') && tokens[m.start]!.word.endsWith('ed');
      const state = (m.start === 0 || named) && context.adverbial === 'none';
      const time = state ? 'present' : this.keptUpNow(tokens, m.start, context, annotated) ? 'progressive' : this.timeAt(context, m.start);
      add('held', by(time, ['now', 'progressive', 'present', 'soon', 'recent', 'none'], ['past-tense']), m, time);
    }
    for (const m of this.lex.holdVerbs.find(tokens)) {
      const t = tokens[m.start]!;
      const object = tokens[m.start + 1];
      // ("they just grabbed it": "it" is a thing.)
      // ("holding our furniture in their van": a thing after "our" is no one held.)
      const owned = object && DETERMINERS.has(object.word) ? tokens.slice(m.start + 2).find((x) => x.pos !== 'ADJ') : undefined;
      const thing = owned !== undefined && this.lex.property.matchAt([owned], 0) !== undefined;
      const person = object && object.word !== 'it' && !thing && (PERSON_OBJECTS.has(object.word) || ['DET', 'PRON', 'PROPN'].includes(object.pos));
      if (t.pos !== 'VERB' || !person || this.negatedAt(tokens, m.start) || this.notAnAttack(tokens, m.start)) continue;
      // "can the police hold them": asked whether the police will keep something, not danger ("a fake police officer
      // is holding my daughter" is).
      const asksPolice = ['can', 'could', 'will', 'would', 'do', 'does'].includes(tokens[0]?.word ?? '') || tokens.slice(Math.max(0, m.start - 4), m.start).some((b) => ['can', 'could', 'will', 'would'].includes(b.word));
      if (asksPolice && tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => this.lex.policeHold.matchAt([b], 0) !== undefined) && !this.lex.impostor.has(tokens)) continue;
      const time = this.timeAt(context, m.start);
      add('held', by(time, ['now', 'progressive', 'present', 'soon', 'recent'], ['none', 'past-tense']), m, time);
    }
    // "they've got him against the railings", "has got my friend in the car"
    for (let k = 0; k + 2 < tokens.length; k++) {
      if (!['got', 'have', 'has'].includes(tokens[k]!.word) || !attacker || attacker.start > k) continue;
      if (tokens.slice(Math.max(0, k - 2), k).some((b) => WRITER.has(b.word))) continue;
      // ("has been following me on strava" is no holding.)
      if (tokens[k + 1]?.word === 'been' || tokens[k + 1]?.pos === 'VERB') continue;
      const rest = tokens.slice(k + 1, k + 5).map((t) => t.word);
      const person = rest.findIndex((w) => ['me', 'us', 'him', 'her', 'my', 'his', 'our'].includes(w));
      if (person >= 0 && rest.slice(person + 1).some((w) => ['in', 'on', 'against', 'by', 'up', 'pinned', 'cornered'].includes(w))) {
        add('held', by(clauseTime(), ['now', 'progressive', 'present', 'recent', 'none', 'soon'], ['past-tense']), { start: k, length: 2, entry: 'got someone' }, clauseTime());
        break;
      }
    }
    // "they got my sister", "theyve got him": in a few words, someone taken or caught.
    // ("help me they've got my son": a plea may come first.)
    if (annotated.tokens.length <= 8 && attacker && attacker.start >= 0) {
      const got = tokens.findIndex((t, k) => k > attacker.start && (t.word === 'got' || t.word === 'have' || t.word === 'has'));
      // ("they've got my little brother": how the person is described does not count.)
      const rest = got >= 0 ? tokens.slice(got + 1).filter((t) => t.word !== 'got' && t.pos !== 'ADJ' && !['little', 'baby', 'big', 'younger', 'older', 'best'].includes(t.word)).map((t) => t.word) : [];
      const person = rest.length > 0 && rest.length <= 2 && (PERSON_WORDS.has(rest[rest.length - 1]!) || ['him', 'her', 'them', 'us', 'me'].includes(rest[rest.length - 1]!)) && (rest.length === 1 || ['my', 'our', 'his', 'her'].includes(rest[0]!));
      if (person && !this.negatedAt(tokens, got)) add('held', 'now', { start: got, length: 1, entry: 'got someone' }, 'recent');
    }
    // "won't let me off the train", "wont let us leave": kept from going.
    for (let k = 1; k + 2 < tokens.length; k++) {
      if (tokens[k]!.lemma !== 'let' || !this.negatedAt(tokens, k) || !['me', 'us', 'him', 'her', 'them'].includes(tokens[k + 1]!.word)) continue;
      const go = tokens[k + 2]!.word === 'get' ? tokens[k + 3]?.word ?? '' : tokens[k + 2]!.word;
      if (!this.sets.letGo.has(go)) continue;
      // (not letting someone go is a state now, whatever the tense of "won't": unless the clause is dated in the past)
      const dated = clauseTime();
      const time: Time = dated === 'past-tense' || dated === 'past' || dated === 'habit' ? dated : 'present';
      add('held', by(time, ['present'], ['past-tense']), { start: k, length: 3, entry: "won't let someone go" }, time);
      break;
    }
  }

  /** Fire, and threats. */
  private fireAndThreatFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, safe, add, by, clauseTime, soonOrNow } = scope;
    for (const m of this.lex.fire.find(tokens)) {
      // "alight at the next stop": getting off, not on fire.
      if (m.entry === 'alight' && ['at', 'from', 'here'].includes(tokens[m.start + 1]?.word ?? '') && !tokens.slice(0, m.start).some((t) => t.lemma === 'set')) continue;
      // "I smoke", "they were smoking outside": a person smoking, not smoke.
      if (m.length === 1 && tokens[m.start]!.lemma === 'smoke' && ['i', 'he', 'she', 'they', 'we', 'you', 'to', 'people', 'kids', 'lads'].includes(tokens[m.start - 1]?.word ?? '')) continue;
      // "youths smoking weed", "smoking a spliff": what people smoke.
      if (tokens[m.start]!.word === 'smoking' && this.sets.smoked.has(tokens[m.start + 1]?.word ?? '')) continue;
      if (m.entry === 'petrol' && ['station', 'garage', 'price', 'prices'].includes(tokens[m.start + 1]?.word ?? '')) continue;
      // "siphoned the petrol out of my car": fuel is a danger when it is poured, thrown or smelt at a home.
      if ((m.entry === 'petrol' || m.entry === 'fuel' || m.entry === 'diesel') && !this.lex.fuelUse.has(annotated.tokens)) continue;
      // "fire service", "fire alarm", "fire exit": the word names something else.
      if (tokens[m.start + 1] && this.lex.notFire.matchAt(tokens, m.start + 1)) continue;
      // "threatened to burn down my flat": a threat, judged by the threat family below.
      if (tokens.slice(Math.max(0, m.start - 3), m.start).some((b) => b.lemma === 'threaten' || FUTURE_WORDS.has(b.word))) continue;
      if (m.entry === 'fire' && ['me', 'him', 'her', 'them', 'you', 'staff', 'someone'].includes(tokens[m.start + 1]?.word ?? '')) continue;
      // "this new album is fire", "that song is so fire": praise (on fire is "on fire").
      // ("my house is fire" is still a house on fire.)
      // ("DM now 🔥🔥": the emoji, read as "flames", is a fire only with a place, a thing or someone it is at.)
      if (m.entry === 'flames' && m.length === 1 && !this.lex.place.has(annotated.tokens) && !this.lex.property.has(annotated.tokens) && !this.lex.attacker.has(annotated.tokens) && !annotated.tokens.some((t) => PERSON_WORDS.has(t.word) && !WRITER.has(t.word))) continue;
      // ("there is fire everywhere" is a fire; "...is fire fire", the emoji after the word, is praise twice.)
      const praiseWord = (k: number) => ['is', 'are', 'proper', 'pure'].includes(tokens[k]?.word ?? '');
      const praised = (praiseWord(m.start - 1) || (tokens[m.start - 1]?.word === 'fire' && praiseWord(m.start - 2))) && !tokens.some((t) => t.word === 'there');
      if (m.entry === 'fire' && praised && !this.lex.property.has(tokens.slice(0, m.start)) && !this.lex.place.has(tokens)) continue;
      if (this.negatedAt(tokens, m.start)) continue;
      // ("they've set the shop alight": the verb came before the word, so its time is the clause's.)
      const time = m.entry === 'alight' ? clauseTime() : this.timeAt(context, m.start);
      add('fire-or-threat', by(time, ['now', 'progressive', 'present', 'soon', 'recent', 'none'], ['past-tense']), m, time);
    }
    // "you're dead", "watch your back", "we know where you live": a threat in so many words, no "will" needed.
    // ("told him he'd be dead before the weekend", "said i will be dead by tonight": someone will be dead, however named.)
    const deadSoon = tokens.flatMap((t, k): LexiconMatch[] => {
      // ("he would be dead without the surgery": a cause, no threat.)
      // (something someone said: "honestly i would be dead by now if..." is no threat; "said ill be dead if i leave the house" is.)
      if (t.word !== 'dead' || tokens[k - 1]?.word !== 'be' || k < 3 || ['without', 'from'].includes(tokens[k + 1]?.word ?? '') || !(context.quoted || this.lex.speech.has(tokens.slice(0, k - 2)))) return [];
      const aux = tokens[k - 2]!;
      const who = tokens[k - 3]!;
      return this.lex.futureAux.matchAt([aux], 0) !== undefined && (who.pos === 'PRON' || PERSON_WORDS.has(who.word)) && !this.lex.threatIdiom.has(tokens.slice(k - 3, k + 1)) ? [{ start: k - 3, length: 4, entry: `${who.word} ${aux.word} be dead` }] : [];
    });
    for (const m of [...this.lex.threatIdiom.find(tokens), ...deadSoon]) {
      if (this.negatedAt(tokens, m.start)) continue;
      add('fire-or-threat', soonOrNow && !safe ? 'now' : 'maybe', m, soonOrNow ? 'soon' : 'none');
    }
    for (const m of this.lex.threat.find(tokens)) {
      // "said the pakistani lads die tonight": what was said, with a time soon after it, is a threat with no "will".
      const saidSoon = m.start > 0 && this.lex.speech.has(tokens.slice(0, m.start)) && this.lex.soon.has(tokens.slice(m.start)) && tokens[m.start - 1]!.pos !== 'VERB';
      if (this.thingDies(tokens, m)) continue;
      // "he'd murder someone for a cup of tea", "could kill for a cuppa": a figure of speech.
      // (only a figure of wanting something, "... for": "kill me now" in a threat is a threat.)
      if (this.lex.figurative.find(tokens).some((f) => /\bfor$/.test(f.entry) && f.start <= m.start && m.start < f.start + f.length)) continue;
      if (!(this.futureBefore(tokens, m.start, context.quoted) || saidSoon) || this.negatedAt(tokens, m.start)) continue;
      // "they are threatening to kill me": a threat being made as they write is about now.
      const making = tokens.slice(Math.max(0, m.start - 5), m.start).some((t, k, w) => t.word === 'threatening' && ['is', 'are', 'am'].includes(w[k - 1]?.word ?? ''));
      const soon = making || soonOrNow;
      // "Thursday ... a man said he'd set his dog on me": a threat made in a story dated in the past, with no time
      // of its own for carrying it out, is told, not looming.
      // ("last night he said he'll come back and kill me" still looms: coming back is a time of its own.)
      const told = !soon && (context.adverbial === 'past' || this.storyDated(annotated)) && !this.lex.approach.has(annotated.tokens);
      // "They've gone now and I'm home safe. ...said he'd cut me": a threat made, and the writer safe now.
      add('fire-or-threat', soon && !safe ? 'now' : told ? 'no' : 'maybe', m, soon ? 'soon' : told ? 'past' : 'none');
    }
  }

  /** A crowd, a plea for help, fear. */
  private crowdAndPleaFindings(scope: ClauseScope): void {
    const { tokens, context, annotated, previous, add, by, clauseTime } = scope;
    // "about 30 lads outside the ground": a number of people is a crowd.
    // ("about 40 of them")
    // ("about 25 masked men": a word describing them may come between.)
    const counted = tokens.findIndex((t, k) => /^\d+$/.test(t.word) && Number(t.word) >= 5 && k + 1 < tokens.length && (this.lex.people.matchAt(tokens, k + 1) !== undefined || ((tokens[k + 1]!.pos === 'ADJ' || tokens[k + 1]!.word.endsWith('ed')) && this.lex.people.matchAt(tokens, k + 2) !== undefined) || (tokens[k + 1]!.word === 'of' && ['them', 'us', 'these', 'those'].includes(tokens[k + 2]?.word ?? ''))));
    const crowd = (counted >= 0 ? [{ start: counted, length: 2, entry: 'mob' }] : this.lex.crowd.find(tokens))
      // ("a group smashing up the shop": a group doing violence is people, as "a group of lads" is.)
      .find((m) => ['mob', 'crowd', 'gang', 'riot', 'rioting', 'horde'].includes(m.entry) || tokens.slice(m.start + 1, m.start + 4).some((t) => this.lex.people.matchAt([t], 0)) || tokens.slice(m.start + 1, m.start + 3).some((t) => t.pos === 'VERB' && (this.lex.crowdAction.matchAt([t], 0) !== undefined || this.lex.harm.matchAt([t], 0) !== undefined)));
    // ("fight in the pub car park, | about a dozen blokes": a clause with no verb names the crowd of the one before.)
    // ("..., must be 20 people": "must be" is no verb of its own.)
    const verbless = !tokens.some((t) => t.pos === 'VERB');
    const before = verbless && previous ? previous.tokens : [];
    if (crowd && !this.negatedAt(tokens, crowd.start) && (this.lex.crowdAction.has(context.telegraphic ? annotated.tokens : tokens) || this.lex.place.has(tokens) || context.adverbial === 'now' || context.telegraphic || this.lex.crowdAction.has(before) || this.lex.place.has(before))) {
      const time = clauseTime();
      add('crowd', by(time, ['now', 'progressive', 'present', 'soon', 'none'], ['recent', 'past-tense']), crowd, time);
    }
    for (const m of this.lex.needHelp.find(tokens)) {
      if (this.negatedAt(tokens, m.start) && !m.entry.startsWith('not')) continue;
      if (this.thingDies(tokens, m)) continue;
      // ("nobody is in any immediate danger": danger named to deny it.)
      if (tokens.slice(m.start, m.start + m.length).some((x) => this.sets.dangerNames.has(x.word)) && this.deniesDanger(tokens)) continue;
      // "in my country police are not safe people": the police called unsafe, no one in danger.
      if (m.entry === 'not safe' && tokens.slice(0, m.start).some((t) => this.lex.policeHold.matchAt([t], 0) !== undefined)) continue;
      // "is the fete still going ahead": an event on.
      if (tokens[m.start + m.length]?.word === 'ahead') continue;
      // "messages saying they'll kill me": a threat someone wrote, judged by the threat family.
      if (this.lex.speech.has(tokens.slice(Math.max(0, m.start - 3), m.start))) continue;
      // ("how do i get the police here im in danger": said of now in so many words, which the learned check does not overrule.)
      const time = context.adverbial === 'none' && !context.hypothetical && m.entry.includes('danger') && !tokens.some((t) => t.negated) ? 'now' : context.adverbial;
      add('need-help-now', by(time, ['now', 'soon', 'none', 'progressive'], []), m, time);
    }
    for (const m of this.lex.fear.find(tokens)) {
      if (this.negatedAt(tokens, m.start)) continue;
      const time = this.timeAt(context, m.start);
      const urgent = this.lex.urgent.has(annotated.tokens) && annotated.tokens.length <= 8;
      const story = annotated.tokens.length > FEAR_MAX_WORDS;
      // "Last night someone threw eggs at our house... My children are scared": fear after a story dated in the past,
      // with nothing said of now or soon, is how it left them, not a danger now (the learned check may still ask).
      const aftermath = time !== 'now' && !urgent && this.pastStory(annotated) && !this.messageWide(annotated).soonOrNow;
      add('need-help-now', (time === 'now' || urgent) && time !== 'past-tense' && !story ? 'now' : by(time, [], aftermath ? [] : ['now', 'progressive', 'present', 'none', 'soon', 'recent']), m, time);
    }
  }

  /** "HELP!!", "sos", "someone help me": only help words, with urgency. A plain "help" is a question. */
  private cryForHelp(annotated: Annotated): DangerFinding | undefined {
    const { normalized } = annotated;
    const tokens = normalized.tokens.filter((t) => !this.fillerWords.has(t));
    if (tokens.length === 0 || tokens.length > 6 || !tokens.every((t) => this.helpWords.has(t))) return undefined;
    if (!tokens.some((t) => t === 'help' || t === 'sos' || t === 'mayday' || t === '999')) return undefined;
    const urgent = normalized.shouted || normalized.exclaimed || tokens.some((t) => this.urgentWords.has(t) || t === '999');
    // "pls help me": maybe a cry, maybe a question; the danger question settles it.
    if (!urgent) return tokens.includes('me') ? { family: 'call-for-help', level: 'maybe', words: tokens.join(' '), time: 'none' } : undefined;
    return { family: 'call-for-help', level: 'now', words: tokens.join(' '), time: 'now' };
  }
}
