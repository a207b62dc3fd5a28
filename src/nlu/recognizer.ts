/**
 * Reads one message into a decision, in one pass: normalise (text-speak, typos), annotate once
 * (lemmas, parts of speech, negation, clauses), then the danger check first, then the topic (an intent,
 * out of scope with its kind, or unsure), the slots a first message fills, and, when a question is
 * waiting, what the answer means. Every part carries its reason, for staff (trace activity, console
 * /explain, triage command). Plain TypeScript: nothing here imports botbuilder.
 */
import type { AnswerKind, Knowledge, OutOfScopeKind } from '../../knowledge/schema';
import { Annotator, type Annotated } from './annotator';
import { DangerCheck, ruleFeatures, type DangerFinding, type DangerResult } from './danger';
import { features } from './features';
import type { LinearModel, Prediction } from './linearModel';
import { Lexicon, type LexiconMatch } from './lexicon';
import { nameCalling } from './nameCalling';
import { loadModels, loadWordCounts, NO_ANSWER, OUT_OF_SCOPE_PREFIX, type AnswerModelId, type Models } from './models';
import { MASKED_WORD, Signals } from './signals';
import { SlotReader, type Slots } from './slots';
import { TextNormalizer } from './textNormalizer';
import { TypoCorrector } from './typoCorrector';

/** No intent is confident enough: the bot offers the menu. */
export const NO_INTENT = 'none';
/** After "speak to", "talk to": people, not a phone ("I'd rather not speak to anyone"). */
/** Not about hate crime: the bot says what this chat is for (`outOfScope` says what kind). */
export const OUT_OF_SCOPE = 'out-of-scope';

/** Danger families whose MAYBE is weak enough for a clearly out-of-scope reading to outweigh it. */
const WEAK_FAMILIES = new Set(['abuse-now', 'intruder', 'need-help-now', 'harm-now']);
/** A hate-related message whose report readings add up to this is taken into the report flow. */
const REPORT_SHARE = 0.3;
/** The identity gate needs the classifier to give a hate-crime reading at least this chance. */
const IDENTITY_GATE_MINIMUM = 0;
const COPULAS = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'being', 'been']);
/** Out of scope by no more than this over a report, for a message asking to report something: a report. */
const REPORT_CLOSE = 0.15;
/** How many words from the phone or the internet a difficulty may be and still be about it ("phone calls are really hard for me"). */
const AVERSION_REACH = 5;
/** The helper verbs of a short answer ("I would", "he won't", "she does"). */
const SHORT_ANSWER_VERBS = new Set(['will', 'would', 'do', 'does', 'did', 'can', 'could', 'shall', 'should', 'am', 'is', 'are', 'have', 'has', 'might', 'must']);
/** Pronouns that name nobody: "it was racist", "that was in watford". */
const IMPERSONAL: ReadonlySet<string> = new Set(['it', 'its', 'this', 'that', 'these', 'those', 'what', 'which', 'something', 'anything', 'nothing', 'everything', 'there']);
/** After "no": "no one", "nobody", "nowhere" are no answer "no". */
const NO_ONE: ReadonlySet<string> = new Set(['one', 'body', 'where']);
/** The intent the another-way gate chooses. */
const ACCESSIBLE_INTENT = 'accessible-contact';
const LGBT_INTENT = 'lgbt-liaison';
const COUNTS_INTENT = 'not-sure-counts';
/** Another way to contact is taken when the classifier gives it at least this much. */
const ACCESSIBLE_MINIMUM = 0.005;
/** What a question about this chat itself can be. */
const CHAT_INTENTS: ReadonlySet<string> = new Set(['help', 'privacy', 'forget-me', 'restart']);


/** Training phrases of intents that start something (not "yes"/"no"), by their normalised words. */
function exactPhrases(k: Knowledge, key: (text: string) => string): Map<string, string> {
  const exact = new Map<string, string>();
  for (const intent of k.intents) {
    if (!intent.flow && !intent.answer && !intent.interrupt) continue;
    for (const u of [...intent.utterances, ...(k.understanding.topics[intent.id] ?? [])]) {
      const words = key(u);
      if (words) exact.set(words, intent.id);
    }
  }
  return exact;
}

/** Messages whose keys are kept: more than the turns in flight at once, under load, take. */
const RECENT_KEYS = 128;

/** At the who question, a message that may mean danger ("im scared") is read as who only this surely: else the danger question. */
const WHO_OVER_DANGER = 0.8;

/** Out of scope this surely outweighs a weak sign of danger (a past-tense act, or the backstop alone). */
const OUT_OF_SCOPE_OVER_MAYBE = 0.85;
/** The hate-crime questions (what is one, does this count), and how much out-of-scope reading takes one with no hate in it out of scope. */
const INFO_INTENTS: ReadonlySet<string> = new Set(['not-sure-counts', 'what-is-hate-crime']);
const INFO_OUT_OF_SCOPE = 0.05;

export interface IntentScore {
  intent: string;
  /** Calibrated probability, 0..1. */
  confidence: number;
}

export interface Decision {
  /** Danger now: 999 at once. */
  emergency: boolean;
  danger: DangerResult;
  /** The intent id, OUT_OF_SCOPE, or NO_INTENT below the threshold. */
  intent: string;
  outOfScope?: OutOfScopeKind;
  confidence: number;
  /** The runners-up, best first. */
  alternatives: IntentScore[];
  /** Two intents too close to call: the bot asks which was meant. */
  clarify?: [string, string];
  /** Every intent's probability, best first (out-of-scope kinds summed into one). */
  ranking: IntentScore[];
  /** What the message already says (who, over, police, phone or online). */
  slots: Slots;
  lgbtMention: boolean;
  /** The message is exactly one of the training phrases (what staff wrote for an intent). */
  exact?: boolean;
  /** What ties the message to hate: an identity word, LGBT+, a masked slur; undefined when nothing does. */
  aboutHate?: string;
  personalDetails: boolean;
  /** The annotated message, for the answer readers (never logged). */
  annotated: Annotated;
  reason: string;
}

/** What every decision on a message carries, whatever was decided. */
type DecisionBase = Pick<Decision, 'danger' | 'ranking' | 'alternatives' | 'slots' | 'annotated' | 'lgbtMention' | 'aboutHate' | 'personalDetails'>;

/**
 * A decision, built field by field: every decision then has the same shape, which V8 handles far faster
 * than spreading the base into a literal (a fifth of the recognizer's time in a profile went on that).
 */
function decided(
  base: DecisionBase,
  emergency: boolean,
  intent: string,
  confidence: number,
  reason: string,
  extra: { outOfScope?: OutOfScopeKind; clarify?: [string, string]; exact?: boolean } = {},
): Decision {
  const d: Decision = {
    danger: base.danger,
    ranking: base.ranking,
    alternatives: base.alternatives,
    slots: base.slots,
    annotated: base.annotated,
    lgbtMention: base.lgbtMention,
    aboutHate: base.aboutHate,
    personalDetails: base.personalDetails,
    emergency,
    intent,
    confidence,
    exact: extra.exact === true,
    reason,
  };
  if (extra.outOfScope !== undefined) d.outOfScope = extra.outOfScope;
  if (extra.clarify !== undefined) d.clarify = extra.clarify;
  return d;
}

export interface AnswerReading {
  /** A meaning the question's reader returns (ANSWER_KINDS in knowledge/schema.ts). */
  value: string;
  confidence: number;
  how: string;
  /** Said in so many words, first ("no, I don't want to take it further", "not sure"): wins over a topic reading. */
  settled?: boolean;
}

export interface RecognizerSettings {
  threshold: number;
  stepThreshold: number;
  clarifyMargin: number;
  answerShare: number;
  smoothing: number;
  hateCheck: number;
  rerouteThreshold: number;
  asideThreshold: number;
  /** An everyday identity word alone keeps a message read as out of scope at least this surely out of scope. */
  everydayIdentity: number;
}

export class Recognizer {
  readonly settings: RecognizerSettings;
  /**
   * A turn keys the message it has just recognised up to three times (menu, interruption, answer). Turns
   * of different conversations interleave (each awaits its state), so the keys of the last few messages
   * are kept, not only the last one's.
   */
  private readonly recentKeys = new Map<string, string>();
  /** The one-word contrasts ("but", "though"), which the normaliser turns into clause breaks. */
  private readonly contrastWords: ReadonlySet<string>;

  constructor(
    private readonly normalizer: TextNormalizer,
    private readonly annotator: Annotator,
    private readonly danger: DangerCheck,
    private readonly models: Models,
    private readonly slotReader: SlotReader,
    private readonly signals: Signals,
    settings: RecognizerSettings,
    private readonly identity: Lexicon,
    /** Words for a way of reporting, and for finding it hard, by way: phone and online. */
    private readonly hardWays: Record<'phone' | 'online', { words: Lexicon; aversion: Lexicon }>,
    private readonly answerPhrases: { yes: Lexicon; notSure: Lexicon; questionWords: Lexicon; no: Lexicon; contrast: Lexicon; hedge: Lexicon; correction: Lexicon; decline: Lexicon; yesWords: Lexicon; rather: Lexicon },
    /** Intents that start the report flow: a hate-related message the classifier is unsure of goes there. */
    private readonly reportIntents: ReadonlySet<string> = new Set(),
    /** One-word yeses ("yes", "yeah", "aye"), from the affirm intent's phrases. */
    private readonly affirmative: ReadonlySet<string> = new Set(['yes']),
    /** A message that is exactly a training phrase (normalised) gets that phrase's intent: what staff add, works. */
    private readonly exact: ReadonlyMap<string, string> = new Map(),
    /** The words of a greeting ("hello", "good evening"): a first clause of only these is read past. */
    private readonly greetings: ReadonlySet<string> = new Set(),
    /** Words about this chat itself ("bot", "recorded"): knowledge/nlu.yaml aboutThisChat. */
    private readonly aboutThisChat: Lexicon = new Lexicon([]),
    /** Asking for an interpreter, another language or an aid (knowledge/nlu.yaml anotherWay), with a word of reaching someone. */
    private readonly anotherWay: Lexicon = new Lexicon([]),
    /** Someone who speaks a language, asked for ("Urdu speaker", "someone who speaks Somali"): knowledge/nlu.yaml languages. */
    private readonly languageAsked: Lexicon = new Lexicon([]),
    private readonly reachWords: Lexicon = new Lexicon([]),
    /** After "speak to": people, not a phone (knowledge/nlu.yaml toPeople). */
    private readonly toPeople: ReadonlySet<string> = new Set(),
    /** Identity words that are everyday words too, and words of hostility (knowledge/nlu.yaml). */
    private readonly everydayIdentity: ReadonlySet<string> = new Set(),
    private readonly hostility: Lexicon = new Lexicon([]),
    /** People: who might be targeted or act (safety.yaml attacker and people lists, the slots' someone-else words). */
    private readonly people: Lexicon = new Lexicon([]),
    /** After "go back to": everyday places (knowledge/nlu.yaml everydayReturns). */
    private readonly everydayReturns: Lexicon = new Lexicon([]),
    /** Words of asking whether something counts (knowledge/nlu.yaml countsQuestion). */
    private readonly countsQuestion: Lexicon = new Lexicon([]),
    /** Words of asking whether something is a crime, or what a word means (knowledge/nlu.yaml crimeQuestionWords). */
    private readonly crimeQuestion: ReadonlySet<string> = new Set(),
    /** Words of the law of hate crime itself (knowledge/nlu.yaml hateLawWords): a question with one is about hate crime. */
    private readonly hateLaw: ReadonlySet<string> = new Set(),
  ) {
    this.settings = settings;
    this.contrastWords = new Set(answerPhrases.contrast.words().filter((w) => !w.includes(' ')));
  }

  /** Builds the whole pipeline from knowledge/: normaliser, typo corrector, annotator, rules, models. */
  static fromKnowledge(k: Knowledge, modelsPath?: string): Recognizer {
    const plain = new TextNormalizer({ expansions: k.nlu.expansions, emoji: k.safety.emoji, clauseBreaks: [] });
    const tokenize = (s: string) => plain.normalize(s).tokens;
    // A word the training data uses once may be a typo its writer kept on purpose ("jumling"): only words seen
    // at least twice, or in the rules' lists, are what a typo is corrected to ("jumping" must stay "jumping").
    const words = loadWordCounts(k, tokenize, modelsPath);
    const seen = Object.entries(words);
    const vocabulary = new Set([...DangerCheck.vocabulary(k.safety), ...seen.filter(([, n]) => n >= 2).map(([w]) => w)]);
    // Words seen once are still words: left as typed, never corrected into another ("flight" is not "fight").
    const leftAlone = new Set([...k.nlu.protectedWords, ...seen.filter(([w, n]) => n === 1 && !vocabulary.has(w)).map(([w]) => w)]);
    const reader = new TextNormalizer({ expansions: k.nlu.expansions, emoji: k.safety.emoji, clauseBreaks: k.safety.clauseBreaks });
    const placeNames = new Set((k.safety.lexicons.placeNames ?? []).flatMap((p) => p.split(' ')));
    reader.useCorrector(new TypoCorrector(vocabulary, leftAlone, undefined, placeNames));
    const annotator = new Annotator();
    const rulesOnly = new DangerCheck(k.safety);
    const featuresOf = (text: string) => features(annotator.annotate(reader.normalize(text)));
    const dangerFeatures = (text: string) => {
      const a = annotator.annotate(reader.normalize(text));
      return [...features(a), ...ruleFeatures(rulesOnly.check(a).findings)];
    };
    const models = loadModels(k, { features: featuresOf, dangerFeatures }, modelsPath, words);
    const backstop = (a: Annotated, findings: readonly DangerFinding[]) => models.danger.probability([...features(a), ...ruleFeatures(findings)], 'emergency');
    return new Recognizer(
      reader,
      annotator,
      new DangerCheck(k.safety, backstop),
      models,
      new SlotReader(k.nlu.slots, new Lexicon(k.safety.lexicons.negation ?? [], false), new Lexicon(k.nlu.identityWords)),
      new Signals(k.nlu.lgbtTerms, k.nlu.personalDetailPhrases, tokenize),
      k.nlu.recognizer,
      new Lexicon(k.nlu.identityWords),
      {
        phone: { words: new Lexicon(k.nlu.phoneWords), aversion: new Lexicon(k.nlu.phoneAversion, false) },
        online: { words: new Lexicon(k.nlu.onlineWords), aversion: new Lexicon(k.nlu.onlineAversion, false) },
      },
      {
        yes: new Lexicon(k.nlu.answerPhrases.yes, false),
        notSure: new Lexicon(k.nlu.answerPhrases.notSure, false),
        questionWords: new Lexicon(k.nlu.answerPhrases.questionWords, false),
        no: new Lexicon(k.nlu.answerPhrases.no, false),
        contrast: new Lexicon(k.nlu.answerPhrases.contrast, false),
        hedge: new Lexicon(k.nlu.answerPhrases.hedge, false),
        correction: new Lexicon(k.nlu.answerPhrases.correction, false),
        decline: new Lexicon(k.nlu.answerPhrases.decline, false),
        yesWords: new Lexicon(k.nlu.answerPhrases.yesWords, false),
        rather: new Lexicon(k.nlu.answerPhrases.rather, false),
      },
      new Set(k.intents.filter((i) => i.flow === 'report').map((i) => i.id)),
      new Set((k.intents.find((i) => i.id === 'affirm')?.utterances ?? []).flatMap(tokenize).filter((w) => w.length <= 5)),
      exactPhrases(k, (text) => reader.normalize(text).tokens.join(' ')),
      new Set(k.nlu.greetingWords.flatMap(tokenize)),
      new Lexicon(k.nlu.aboutThisChat),
      new Lexicon(k.nlu.anotherWay),
      // (each language asked for: "urdu speaker", "who speaks urdu", as written: "speaking polish" is not asking.)
      new Lexicon(k.nlu.languages.flatMap((l) => [...k.nlu.languageHelp.map((h) => `${l} ${h}`), ...k.nlu.languageAskers.flatMap((w) => [`${w} speaks ${l}`, `${w} speak ${l}`, `${w} can speak ${l}`])]), false),
      new Lexicon(k.nlu.reachWords),
      new Set(k.nlu.toPeople),
      new Set(k.nlu.everydayIdentityWords),
      new Lexicon(k.nlu.hostilityWords),
      // (and the people of the someone-else phrases: "my mate" names a mate.)
      new Lexicon([...(k.safety.lexicons.attacker ?? []), ...(k.safety.lexicons.people ?? []), ...k.nlu.slots.someoneElse, ...k.nlu.slots.someoneElse.filter((e) => /^(my|our) \S+$/.test(e)).map((e) => e.split(' ')[1]!)]),
      new Lexicon(k.nlu.everydayReturns, false),
      new Lexicon(k.nlu.countsQuestion),
      new Set(k.nlu.crimeQuestionWords),
      new Set(k.nlu.hateLawWords),
    );
  }

  /** The message is about reaching someone: reporting, the police, speaking or getting help. */
  private asksToReach(a: Annotated): boolean {
    return this.reachWords.has(a.tokens);
  }

  /** "Hello. My shop window they write bad words...: the topic is in what follows a greeting, not in the greeting. */
  private withoutGreeting(a: Annotated): Annotated {
    const [first, ...rest] = a.clauses;
    if (!first || rest.length === 0 || !first.every((t) => this.greetings.has(t.word))) return a;
    const tokens = rest.flat();
    return tokens.length >= 3 ? { normalized: a.normalized, clauses: rest, tokens } : a;
  }

  /** Text reduced to a comparable key, so typed "yes." or "YES" matches the "Yes" button. */
  key(text: string): string {
    return this.recentKeys.get(text) ?? this.normalizer.normalize(text).tokens.join(' ');
  }

  recognize(text: string): Decision {
    const normalized = this.normalizer.normalize(text);
    if (this.recentKeys.size >= RECENT_KEYS) this.recentKeys.delete(this.recentKeys.keys().next().value!);
    this.recentKeys.set(text, normalized.tokens.join(' '));
    const annotated = this.annotator.annotate(normalized);
    let danger = this.danger.check(annotated);
    const feats = features(this.withoutGreeting(annotated));
    const lgbtMention = this.signals.mentionsLgbt(normalized, text);
    // A slur written with asterisks ("p*ki", "f****t") is hate aimed at someone too.
    // "race" the noun ties a message to hate; "racing cars" does not: a verb is no identity word.
    // ("I am Deaf": after "am", a word the tagger took for a verb describes someone.)
    // ("my son is racing at the track": an -ing after "is" is still a verb.)
    // ("got 3 kids who wont go back to sleep": an everyday place to go back to.)
    const everydayReturn = (m: LexiconMatch) => m.entry === 'go back to' && this.everydayReturns.matchAt(annotated.tokens, m.start + m.length) !== undefined;
    const named = this.identity.find(annotated.tokens).find((m) => !everydayReturn(m) && (m.length > 1 || annotated.tokens[m.start]!.pos !== 'VERB' || (COPULAS.has(annotated.tokens[m.start - 1]?.word ?? '') && !annotated.tokens[m.start]!.word.endsWith('ing'))));
    const identity = lgbtMention ? 'LGBT+' : (named?.entry ?? (MASKED_WORD.test(text) ? 'a masked slur' : undefined));
    const predictions = this.models.topic.predict(feats);
    let ranking = this.rank(predictions);
    // A message about who someone is, or hate aimed at them, is never out of scope: take the best hate-crime reading.
    let gate = '';
    const inScope = ranking.filter((r) => r.intent !== OUT_OF_SCOPE);
    // ...when the classifier gives a hate-crime reading some chance at all ("is there a synagogue in Borehamwood" stays out).
    // ...unless the only tie is an everyday word ("black mould") with nothing hostile or dangerous said, and the
    // classifier is sure it is about something else.
    const everydayOnly = identity !== undefined && this.everydayIdentity.has(identity) && !this.identity.find(annotated.tokens).some((m) => !this.everydayIdentity.has(m.entry));
    const hostile = danger.findings.some((f) => f.level !== 'no') || this.hostility.has(annotated.tokens);
    const plainlyElsewhere = everydayOnly && !hostile && (ranking[0]?.confidence ?? 0) >= this.settings.everydayIdentity;
    if (identity && !plainlyElsewhere && ranking[0]?.intent === OUT_OF_SCOPE && (inScope[0]?.confidence ?? 0) >= IDENTITY_GATE_MINIMUM) {
      const total = inScope.reduce((sum, r) => sum + r.confidence, 0) || 1;
      ranking = [...inScope.map((r) => ({ intent: r.intent, confidence: r.confidence / total })), { intent: OUT_OF_SCOPE, confidence: 0 }];
      gate = ` (mentions "${identity}", so not out of scope)`;
    }
    // "some randoms raided my stream and spammed the n-word... can i report that": hate named, with a wish to report,
    // is a report, whatever word about this chat the classifier caught ("restart").
    const wantsToReport = annotated.tokens.some((t) => t.lemma === 'report' && t.pos === 'VERB');
    const reportFirst = ranking.find((r) => this.reportIntents.has(r.intent));
    // (A question about this chat's data, "is my data kept if I report a racist incident", stays a question about privacy.)
    if (identity && wantsToReport && reportFirst && ['restart', 'help'].includes(ranking[0]?.intent ?? '')) {
      ranking = [{ ...reportFirst, confidence: 1 }, ...ranking.filter((r) => r !== reportFirst).map((r) => ({ ...r, confidence: 0 }))];
      gate += ` (about hate ("${identity}") and asks to report it)`;
    }
    // "Someone damaged my fence last week and I want to report it": asking to report something done, read almost as
    // often as a report as out of scope, is a report (the hate check then asks whether it was because of who they are).
    const closeReport = ranking[0]?.intent === OUT_OF_SCOPE && ranking[0].confidence < 0.5 && reportFirst !== undefined && ranking[0].confidence - reportFirst.confidence <= REPORT_CLOSE;
    if (!gate && wantsToReport && closeReport) {
      ranking = [{ ...reportFirst, confidence: ranking[0]!.confidence }, ...ranking.filter((r) => r !== reportFirst && r.intent !== OUT_OF_SCOPE), { intent: OUT_OF_SCOPE, confidence: reportFirst.confidence }];
      gate += ' (asks to report something, read almost as often as a report: a report)';
    }
    // "are you a real person or a bot?", "how long do you store my messages for": asked of this chat, not out of scope.
    const ofTheChat = !gate && ranking[0]?.intent === OUT_OF_SCOPE ? this.aboutThisChat.first(annotated.tokens) : undefined;
    if (ofTheChat) {
      const chat = inScope.filter((r) => CHAT_INTENTS.has(r.intent));
      const total = chat.reduce((sum, r) => sum + r.confidence, 0) || 1;
      ranking = [...chat.map((r) => ({ intent: r.intent, confidence: r.confidence / total })), ...inScope.filter((r) => !CHAT_INTENTS.has(r.intent)).map((r) => ({ ...r, confidence: 0 })), { intent: OUT_OF_SCOPE, confidence: 0 }];
      gate = ` (asks about this chat: "${ofTheChat.entry}", so not out of scope)`;
    }
    // "arabic interpreter please", "can I report in Bengali", "my screen reader": another way to contact the police.
    // ("how do you say thank you in polish" asks nothing of the police.)
    // ("attacked by someone who speaks polish": the "someone" of the asking is no word of reaching anyone.)
    const language = this.languageAsked.first(annotated.tokens);
    const reachesBeside = language !== undefined && annotated.tokens.some((t, k) => (k < language.start || k >= language.start + language.length) && this.reachWords.matchAt([t], 0) !== undefined) && !annotated.tokens.slice(Math.max(0, language.start - 3), language.start).some((t) => t.word === 'by');
    const another = this.asksToReach(annotated) ? (this.anotherWay.first(annotated.tokens) ?? (reachesBeside ? language : undefined)) : undefined;
    // (first already, but unsure, it is taken as sure: "Is there Urdu speaker? My father wants to report...")
    if (another && (ranking[0]?.intent !== ACCESSIBLE_INTENT || ranking[0].confidence < 1) && (ranking.find((r) => r.intent === ACCESSIBLE_INTENT)?.confidence ?? 0) >= ACCESSIBLE_MINIMUM) {
      ranking = [{ intent: ACCESSIBLE_INTENT, confidence: 1 }, ...ranking.filter((r) => r.intent !== ACCESSIBLE_INTENT).map((r) => ({ ...r, confidence: 0 }))];
      gate += ` (asks for "${another.entry}", so another way to contact the police)`;
    }
    // "I am Deaf. Receptionist mocked my signing": being Deaf told with something hostile done, and no asking how to
    // reach anyone, is a report, not a request for another way to contact the police.
    // ("can I text you instead of calling": calling with no one called is the phone.)
    // ("a BSL interpreter when I give my statement": a word of hostility must be something done.)
    const hostileAct = this.hostility.find(annotated.tokens).some((m) => annotated.tokens[m.start]!.pos === 'VERB' && (!/^call/.test(m.entry) || ['me', 'him', 'her', 'us', 'them', 'my', 'names'].includes(annotated.tokens[m.start + m.length]?.word ?? '')));
    if (ranking[0]?.intent === ACCESSIBLE_INTENT && !another && !this.asksToReach(annotated) && hostileAct) {
      const [accessible, ...rest] = ranking;
      ranking = [...rest.filter((r) => r.intent !== OUT_OF_SCOPE), { ...accessible, confidence: 0 }, ...rest.filter((r) => r.intent === OUT_OF_SCOPE)];
      gate += ' (tells of something hostile and asks for no way to reach anyone: not another way to contact the police)';
    }
    // "I'm a trans woman... I want advice from someone who understands trans issues": an LGBT+ person asking, about
    // what happened to them, for someone who understands or specialises is asking for the LGBT+ liaison officer.
    const asking = ranking[0];
    if (lgbtMention && asking && (this.reportIntents.has(asking.intent) || asking.intent === LGBT_INTENT) && this.slotReader.asksSpecialist(annotated)) {
      ranking = [{ intent: LGBT_INTENT, confidence: 1 }, ...ranking.filter((r) => r.intent !== LGBT_INTENT).map((r) => ({ ...r, confidence: 0 }))];
      gate += ' (LGBT+, and asks for someone who understands: the liaison officer)';
    }
    // "...said the Travellers on the common are vermin. I wish to report it as a hate incident.": what happened, and a
    // wish to report it (or have it on record), is a report, however much the words "hate incident" read as a question.
    const wish = annotated.tokens.some((t, k) => t.lemma === 'report' && annotated.tokens[k - 1]?.word === 'to' && annotated.tokens.slice(Math.max(0, k - 4), k - 1).some((b) => ['want', 'like', 'wish', 'need'].includes(b.lemma) && !b.negated))
      || annotated.tokens.some((t, k) => t.word === 'on' && annotated.tokens[k + 1]?.word === 'record' && !annotated.tokens.slice(Math.max(0, k - 5), k).some((b) => b.negated || b.word === 'not'));
    const reportBest = ranking.find((r) => this.reportIntents.has(r.intent));
    if (ranking[0]?.intent === COUNTS_INTENT && wish && reportBest && danger.level !== 'now' && !this.asksIfItCounts(annotated)) {
      ranking = [{ ...reportBest, confidence: ranking[0].confidence }, ...ranking.filter((r) => r !== reportBest).map((r) => ({ ...r, confidence: 0 }))];
      gate += ' (tells what happened and wants to report it)';
    }
    // "...she cant come to his party because she has two mums. is that a hate incident?": what happened, then a last
    // question whether it counts: the not-sure flow answers that question (and offers the ways to report), not a report flow.
    const reportTop = ranking[0];
    if (reportTop && this.reportIntents.has(reportTop.intent) && danger.level === 'no' && this.asksIfItCounts(annotated)) {
      ranking = [{ intent: COUNTS_INTENT, confidence: reportTop.confidence }, ...ranking.filter((r) => r.intent !== COUNTS_INTENT).map((r) => ({ ...r, confidence: 0 }))];
      gate += ' (tells what happened, then asks whether it counts)';
    }
    // "is it a crime if my sister reads my diary", "is he nicking them?": a question whether something is a crime, with
    // nothing of who anyone is or of hate in it, and read as out of scope too, is about another crime, not hate crime.
    const info = ranking[0];
    const oosShare = ranking.find((r) => r.intent === OUT_OF_SCOPE)?.confidence ?? 0;
    const crimeAsked = annotated.tokens.some((t) => this.crimeQuestion.has(t.lemma));
    if (info && INFO_INTENTS.has(info.intent) && crimeAsked && !identity && !lgbtMention && oosShare >= INFO_OUT_OF_SCOPE && !annotated.tokens.some((t) => this.hateLaw.has(t.lemma)) && !this.hostility.has(annotated.tokens) && danger.level === 'no') {
      ranking = [{ intent: OUT_OF_SCOPE, confidence: info.confidence }, ...ranking.filter((r) => r.intent !== OUT_OF_SCOPE).map((r) => ({ ...r, confidence: 0 }))];
      gate += ` (asks whether something is a crime, with nothing of hate in it, and reads as out of scope ${oosShare.toFixed(2)} too)`;
    }
    // Clearly about something else ("sum1 robbed my bike"), with only a weak sign of danger: no danger question.
    const top0 = ranking[0];
    // Weak signs only: a past act, or abuse or noise described in the present ("being bullied on snapchat").
    // A finding the rules called NOW (and the learned check doubted) is never weak.
    const weakOnly = danger.findings.filter((f) => f.level !== 'no').every((f) => f.level === 'maybe' && (f.time === 'past-tense' || WEAK_FAMILIES.has(f.family)));
    if (danger.level === 'maybe' && weakOnly && !identity && (danger.backstop ?? 1) < 0.5 && top0?.intent === OUT_OF_SCOPE && top0.confidence >= OUT_OF_SCOPE_OVER_MAYBE) {
      danger = { ...danger, level: 'no', reason: `${danger.reason}; but clearly out of scope (${top0.confidence.toFixed(2)})` };
    }
    const slots = this.slotReader.read(annotated, danger.over);
    // "I get really anxious on the phone": the way that suits them is the other one.
    const hard = this.hardWay(annotated);
    if (hard) slots.prefers = hard.value === 'phone' ? 'phone' : 'online';
    const base: DecisionBase = {
      danger,
      ranking,
      alternatives: ranking.slice(1, 4),
      slots,
      annotated,
      lgbtMention,
      aboutHate: identity,
      personalDetails: this.signals.hasPersonalDetails(text, normalized),
    };
    const top = ranking[0];
    const second = ranking[1];
    const { threshold, clarifyMargin } = this.settings;
    if (danger.level === 'now') {
      return decided(base, true, top && top.confidence >= threshold ? top.intent : NO_INTENT, top?.confidence ?? 0, danger.reason);
    }
    const dangerNote = danger.level === 'maybe' ? `; ${danger.reason}` : '';
    const exactIntent = normalized.tokens.length > 0 ? this.exact.get(normalized.tokens.join(' ')) : undefined;
    if (exactIntent && danger.level === 'no') {
      return decided(base, false, exactIntent, 1, `intent "${exactIntent}": exactly a training phrase`, { exact: true });
    }
    if (!top || normalized.tokens.length === 0) {
      return decided(base, false, NO_INTENT, 0, `no words to read${dangerNote}`);
    }
    const why = `"${top.intent}" ${top.confidence.toFixed(2)}${this.because(feats, top.intent)}${gate}`;
    if (top.intent === OUT_OF_SCOPE) {
      const kind = this.outOfScopeKind(predictions);
      if (top.confidence >= threshold) {
        return decided(base, false, OUT_OF_SCOPE, top.confidence, `out of scope (${kind}): ${why}${dangerNote}`, { outOfScope: kind });
      }
    }
    // About hate aimed at someone, and mostly read as some way of reporting it: the report flow asks the rest.
    const reporting = ranking.filter((r) => this.reportIntents.has(r.intent));
    const reportShare = reporting.reduce((sum, r) => sum + r.confidence, 0);
    // ...or whose best reading is a way of reporting ("Hello. My shop window they write bad words about Muslim.").
    if (top.confidence < threshold && identity && reporting[0] && (reportShare >= REPORT_SHARE || reporting[0].intent === top.intent)) {
      const best = reporting[0];
      return decided(base, false, best.intent, reportShare, `about hate ("${identity}") and ${reportShare.toFixed(2)} of it reads as reporting: "${best.intent}"${dangerNote}`);
    }
    if (top.confidence < threshold) {
      return decided(base, false, NO_INTENT, top.confidence, `unsure: best ${why} < threshold ${threshold}${dangerNote}`);
    }
    if (second && second.intent !== OUT_OF_SCOPE && top.confidence - second.confidence < clarifyMargin && second.confidence >= threshold / 2) {
      const reason = `close call: "${top.intent}" ${top.confidence.toFixed(2)} vs "${second.intent}" ${second.confidence.toFixed(2)} (margin < ${clarifyMargin})${dangerNote}`;
      return decided(base, false, top.intent, top.confidence, reason, { clarify: [top.intent, second.intent] });
    }
    return decided(base, false, top.intent, top.confidence, `intent ${why}${second ? ` (runner-up "${second.intent}" ${second.confidence.toFixed(2)})` : ''}${dangerNote}`);
  }

  /**
   * What a typed answer means for a question of `kind`, or undefined when the reader is not sure (the bot
   * then asks again with its buttons: a wrong route is worse than a clarifying question).
   */
  readAnswer(decision: Decision, kind: AnswerKind): AnswerReading | undefined {
    const a = decision.annotated;
    if (a.tokens.length === 0) return undefined;
    const feats = features(a);
    // "what's True Vision?", "whats the difference", "do I have to give my name": a question back, not an answer.
    // ("can i just do it online", "can i do it on here": asking leave to do it one way is choosing that way.)
    // ("do it online, my phone has no credit": "do it" with a way is a choice, not a question.)
    const doItOneWay = a.tokens[0]?.word === 'do' && ['it', 'that'].includes(a.tokens[1]?.word ?? '') && this.wayAt(a, 2) !== undefined;
    const asksLeave = (['can', 'could'].includes(a.tokens[0]?.word ?? '') && a.tokens[1]?.word === 'i' && this.namedWay(a) !== undefined) || doItOneWay;
    // ("can i think about it" asks nothing back: it is a not-sure.)
    const unsure = this.answerPhrases.notSure.has(a.tokens);
    if (kind !== 'danger' && decision.danger.level === 'no' && this.asksBack(a) && !asksLeave && !unsure) return undefined;
    switch (kind) {
      case 'danger': {
        if (decision.danger.level === 'now') return { value: 'yes', confidence: 1, how: decision.danger.reason };
        if (decision.danger.over) {
          // "they drove off but they know where I live", "I think they've gone": over, but in doubt.
          const settled = this.settledYesNo(a);
          if (settled?.value === 'no') return settled;
          // (A "but" that opens a clause is no doubt here: "no, it was years ago but it still bothers me" is a no.)
          if (settled?.value === 'not-sure' || this.answerPhrases.hedge.has(a.tokens) || this.answerPhrases.contrast.has(a.tokens)) return { value: 'not-sure', confidence: 1, how: 'says it is over, but with a doubt' };
          return { value: 'no', confidence: 1, how: 'says it is over' };
        }
        // "yeh there still in the pub garden...": a plain yes first, not taken back.
        if (this.yesWordFirst(a) && !this.answerPhrases.correction.has(a.tokens) && !this.answerPhrases.contrast.has(a.tokens.slice(0, 3)) && !(a.normalized.clauses[0]!.length <= 2 && this.contrastWords.has(a.normalized.breaks[1] ?? ''))) return { value: 'yes', confidence: 1, how: 'says yes first' };
        const reading = this.fromModel('danger', feats, a);
        // "Yes" to "is anyone in danger?" must say yes or describe danger: "I don't want to talk to the police" does neither.
        if (reading?.value === 'yes' && decision.danger.level === 'no' && !this.affirmative.has(a.tokens[0]?.word ?? '')) return undefined;
        return reading;
      }
      case 'yes-no': {
        // "Yes thank you officer", "Yes. I've been putting it off for weeks...": a plain yes first, not taken back or doubted.
        if (this.plainYesFirst(a)) return { value: 'yes', confidence: 1, how: 'says yes first', settled: true };
        return this.fromModel('yes-no', feats, a);
      }
      case 'who': {
        // "I don't want to say", "rather not get into that": no answer, so asked again with the buttons.
        if (this.answerPhrases.decline.has(a.tokens)) return undefined;
        const slot = this.slotReader.who(a);
        // A bare "no" or "yeah" says nobody; "im scared" may mean danger now (the danger question comes first):
        // neither is for the who reader to guess at.
        if (!slot && this.bareYesNo(a)) return undefined;
        const model = this.fromModel('who', feats);
        if (!slot && decision.danger.level !== 'no' && (model?.confidence ?? 0) < WHO_OVER_DANGER) return undefined;
        // "it was at the bus station", "it was racist": nobody named, so nobody to read ("it was" is no "me").
        if (!slot && !this.namesSomeone(a)) return undefined;
        if (model && (!slot || model.value === slot)) return model;
        return slot ? { value: slot, confidence: 1, how: `says who: ${slot}` } : model;
      }
      case 'phone-online': {
        const changed = this.changedWay(a);
        if (changed) return changed;
        const first = this.firstWay(a);
        if (first) return { value: first, confidence: 1, how: `starts with ${first}` };
        // "rather phone than fill in a form": the way after "rather" or "prefer".
        const rather = a.tokens.findIndex((t) => this.answerPhrases.rather.matchAt([t], 0) !== undefined);
        const preferred = rather >= 0 ? [1, 2, 3].map((d) => this.wayAt(a, rather + d)).find((w) => w !== undefined) : undefined;
        if (preferred) return { value: preferred, confidence: 1, how: `would rather: ${preferred}` };
        const hard = this.hardWay(a);
        if (hard) return hard;
        // "can i ring instead", "can i just do it on here": one way named, not negated.
        const named = asksLeave ? this.namedWay(a) : undefined;
        if (named) return { value: named, confidence: 1, how: `asks to do it one way: ${named}` };
        return this.fromModel('phone-online', feats);
      }
      case 'police': {
        const yesNo = this.fromModel('yes-no', feats, a);
        // "dont know, never spoken to police before": the doubt said first is the answer.
        if (yesNo?.settled && yesNo.value === 'not-sure' && this.answerPhrases.notSure.matchAt(a.tokens, 0)) return yesNo;
        // "Yes, I have no problem speaking to the police": a yes said first, then the way if one is named.
        if (this.plainYesFirst(a) && !a.tokens.some((t) => t.negated && ['want', 'feel', 'comfortable'].includes(t.lemma))) {
          const named = this.namedWay(a) ?? decision.slots.prefers;
          return named ? { value: named, confidence: 1, how: `yes, and names ${named}` } : { value: 'yes', confidence: 1, how: 'says yes first', settled: true };
        }
        // "I'd prefer not to, I get anxious on the phone": a no said first, whatever follows ("no phone" is about the phone).
        // ...unless they change their mind to a way ("Online I think. Actually no, phone").
        const changed = this.changedWay(a);
        if (changed) return changed;
        // ("No. Talking is hard for me since my stroke": after a full stop, the no is to the question.)
        const opening = a.clauses[0] ?? a.tokens;
        const aboutAWay = this.hardWays.phone.words.has(opening.slice(1, 3)) || this.hardWays.online.words.has(opening.slice(1, 3));
        // "I'd rather not ring anyone": not that way, so the other.
        // ("I'd rather not speak to the police" is about the police, not the phone: only a way named in so many words.)
        // (in the clause that says "rather": "I'd prefer not to, I get very anxious on the phone" gives a reason after it.)
        const strict = (way: 'phone' | 'online') => opening.some((t) => (way === 'phone' ? ['phone', 'ring', 'call', 'telephone'] : ['online', 'form', 'website', 'internet', 'email']).includes(t.lemma));
        const rejected = yesNo?.value === 'no' && this.answerPhrases.rather.has(a.tokens.slice(0, 4)) && opening.some((t) => t.negated || t.word === 'not') && strict('phone') !== strict('online') ? (strict('phone') ? 'phone' : 'online') : undefined;
        if (rejected) return { value: rejected === 'phone' ? 'online' : 'phone', confidence: 1, how: `would rather not ${rejected}: the other way` };
        if (yesNo?.settled && yesNo.value === 'no' && !aboutAWay) return yesNo;
        // "no I'd be fine talking to them": a yes in so many words outweighs what the slots read ("happy to phone" names the way).
        if (yesNo?.settled && yesNo.value === 'yes' && yesNo.how.startsWith('says "') && !this.hasContrast(a) && !this.answerPhrases.correction.has(a.tokens)) {
          const way = this.namedWay(a) ?? decision.slots.prefers;
          return way ? { value: way, confidence: 1, how: `yes, and names ${way}` } : yesNo;
        }
        // "online i hate phone calls", "online, i finish at 2am so i cant ring anyone": the way said first is the
        // choice; what follows says why.
        const first = this.firstWay(a);
        if (first) return { value: first, confidence: 1, how: `starts with ${first}` };
        if (decision.slots.police === 'no') return { value: 'no', confidence: 1, how: 'does not want to speak to the police' };
        // "phone, my writing isn't good": the "not" is about the other way, not a no to the police.
        // "My dad wants to ring, he doesn't use computers": a way that is hard for them outweighs the model's "no".
        const hard = this.hardWay(a);
        if (hard) return hard;
        // The slot reads negation itself: "not online, I'd rather ring" prefers the phone, it is no "no".
        const prefers = decision.slots.prefers;
        if (prefers && yesNo?.value !== 'not-sure') return { value: prefers, confidence: 1, how: `says how: ${prefers}` };
        if (yesNo?.value === 'no' || yesNo?.value === 'not-sure') return yesNo;
        // A yes that names one way ("yeah I'll call", "yeah but online") says how; a bare yes says neither.
        const named = this.namedWay(a);
        if (named) return { value: named, confidence: 1, how: `names one way: ${named}` };
        const how = this.models.answers['phone-online'].predict(feats)[0];
        if (how && how.label !== NO_ANSWER && how.p >= 0.85 && this.models.answers['phone-online'].coverage(feats) >= 0.5 && !yesNo) {
          return { value: how.label, confidence: how.p, how: `answer reader "phone-online": ${how.label} ${how.p.toFixed(2)}` };
        }
        return yesNo;
      }
    }
  }

  /**
   * A plain yes said first and not taken back: no "but", no correction, no doubt ("yes no i dont know" is not sure).
   */
  private plainYesFirst(a: Annotated): boolean {
    // ("Yes I'd be ok talking to them, I just don't know who to ask for": not knowing who is no doubt.)
    const doubt = this.answerPhrases.notSure.find(a.tokens).some((m) => this.answerPhrases.questionWords.matchAt(a.tokens, m.start + m.length) === undefined);
    return this.yesWordFirst(a) && !this.hasContrast(a) && !this.answerPhrases.correction.has(a.tokens) && !doubt;
  }

  /** A yes word opens the answer, and is not denied straight after ("definitely not", "sure not"). */
  private yesWordFirst(a: Annotated): boolean {
    const yes = this.answerPhrases.yesWords.matchAt(a.tokens, 0);
    return yes !== undefined && a.tokens[yes.length]?.word !== 'not';
  }

  /** The last clause, after a story, asks whether it counts: "is that a hate incident", "would that be racist", "counts?". */
  private asksIfItCounts(a: Annotated): boolean {
    const last = a.clauses[a.clauses.length - 1];
    if (!last || a.clauses.length < 2 || last.length > 8) return false;
    const opens = ['is', 'would', 'does', 'do', 'could', 'can', 'was', 'counts', 'count', 'surely'].includes(last[0]?.word ?? '');
    // ("Can I report that as a hate crime?", "can i report racist abuse online": asking to report, which the report flow answers.)
    return opens && this.countsQuestion.has(last) && !last.some((t) => t.lemma === 'report');
  }

  /** A person is named: a pronoun other than "it" ("me", "he", "us"), or someone ("my mum", "a lad", "the family"). */
  private namesSomeone(a: Annotated): boolean {
    return a.tokens.some((t) => (t.pos === 'PRON' && !IMPERSONAL.has(t.word)) || this.people.matchAt([t], 0) !== undefined);
  }

  /** The whole message is a yes or a no ("No", "yeah ok"). */
  private bareYesNo(a: Annotated): boolean {
    const said = this.answerPhrases.yesWords.matchAt(a.tokens, 0) ?? this.answerPhrases.no.matchAt(a.tokens, 0);
    return said !== undefined && a.tokens.length <= said.length + 1;
  }

  /** "no idea", "50/50" (not sure) and "no problem", "I suppose so" (yes), said in so many words. */
  private settledYesNo(a: Annotated): AnswerReading | undefined {
    // "kind of nervous but yes I think so": the last word, when it is a plain yes or no.
    const last = this.tail(a);
    const lastWord = last?.tokens[0]?.word ?? '';
    if (last && this.answerPhrases.yesWords.matchAt(last.tokens, 0)) return { value: 'yes', confidence: 1, how: `says "${lastWord}" last`, settled: true };
    if (last && this.answerPhrases.no.matchAt(last.tokens, 0) && !NO_ONE.has(last.tokens[1]?.word ?? '')) return { value: 'no', confidence: 1, how: 'says no last', settled: true };
    // ("i still think about it every day": dwelling on it, not doubt.)
    // ("people I don't know": someone not known, after the noun it describes, is no doubt.)
    const describes = (m: LexiconMatch) => a.tokens[m.start - 1]?.word === 'i' && ['people', 'someone', 'somebody', 'them', 'strangers', 'men', 'women', 'person', 'anyone'].includes(a.tokens[m.start - 2]?.word ?? '');
    const unsure = this.answerPhrases.notSure.find(a.tokens).find((m) => a.tokens[m.start - 1]?.word !== 'still' && !['every', 'all', 'constantly', 'always'].includes(a.tokens[m.start + m.length]?.word ?? '') && !describes(m));
    if (unsure) return { value: 'not-sure', confidence: 1, how: `says "${unsure.entry}"`, settled: true };
    const yes = this.answerPhrases.yes.first(a.tokens);
    // "I don't think so": a yes phrase denied is a no.
    // (in its own clause: "I'm not scared of them no, happy to talk" is a yes.)
    const yesToken = yes ? a.tokens[yes.start] : undefined;
    const clause = (yesToken && a.clauses.find((c) => c.includes(yesToken))) ?? a.tokens;
    // ("definitely not", "absolutely not": denied after it.)
    const deniedAfter = yes !== undefined && a.tokens[yes.start + yes.length]?.word === 'not';
    if (yes && (deniedAfter || a.tokens.slice(Math.max(0, yes.start - 2), yes.start).some((t) => ['not', 'never', 'no'].includes(t.word) && clause.includes(t)))) return { value: 'no', confidence: 1, how: `says "not ${yes.entry}"`, settled: true };
    // ("its not a problem, i just dont want them involved": a refusal said with it outweighs it.)
    if (yes && a.tokens.some((t) => t.negated && t.lemma === 'want')) return { value: 'no', confidence: 1, how: `says "${yes.entry}" but does not want to`, settled: true };
    if (yes) return { value: 'yes', confidence: 1, how: `says "${yes.entry}"`, settled: true };
    // "no one", "nobody" are not a no; "no, but they said they'd be back" is not settled.
    const no = this.answerPhrases.no.matchAt(a.tokens, 0);
    const pronoun = NO_ONE.has(a.tokens[no?.length ?? 0]?.word ?? '');
    if (no && !pronoun && !this.hasContrast(a)) return { value: 'no', confidence: 1, how: `says "${no.entry}" first`, settled: true };
    return this.shortAnswer(a);
  }

  /**
   * "he wont, he's had bad experiences", "I would", "yeah i think i will, cheers": someone and a helper verb, with or
   * without "not", is a short yes or no to a yes-or-no question, whoever answers for whom.
   */
  private shortAnswer(a: Annotated): AnswerReading | undefined {
    let c = a.clauses[0] ?? [];
    c = c.slice(this.answerPhrases.yesWords.matchAt(c, 0)?.length ?? 0);
    c = c.slice(this.answerPhrases.hedge.matchAt(c, 0)?.length ?? 0);
    const [who, verb, not] = c;
    if (!who || !verb || who.pos !== 'PRON' || IMPERSONAL.has(who.word) || !SHORT_ANSWER_VERBS.has(verb.word)) return undefined;
    if (c.length > 3 || (c.length === 3 && not?.word !== 'not')) return undefined;
    // ("i could but im scared": a short answer taken back is not settled.)
    if (this.hasContrast(a)) return undefined;
    // ("I might, I'm just worried...": a maybe.)
    const value = verb.word === 'might' ? 'not-sure' : not ? 'no' : 'yes';
    return { value, confidence: 1, how: `says "${c.map((t) => t.word).join(' ')}"`, settled: true };
  }

  /**
   * The way that suits someone who says the other is hard for them: the phone named with a difficulty in
   * the same clause ("I'm rubbish on the phone", "hate calling") means online; writing or computers
   * ("my English writing isn't good", "no good with computers") mean the phone. Both, or neither: undefined.
   */
  private hardWay(a: Annotated): AnswerReading | undefined {
    // "I don't mind talking to them" is no difficulty.
    const hard = (way: 'phone' | 'online') =>
      a.clauses.some((c) => {
        const { words, aversion } = this.hardWays[way];
        // "calling me names" is no phone call; the "hate" of "a hate crime" is no dislike.
        // "I'd rather not speak to anyone" is about speaking at all, not the phone.
        const named = words.find(c).filter((m) => !nameCalling(c, m.start) && !(way === 'phone' && c[m.start + 1]?.word === 'to' && this.toPeople.has(c[m.start + 2]?.word ?? '')));
        // ("on my call the client's son said he didn't want 'foreign scum' touching his mum": a dislike far from the way is about something else.)
        // ("i dont want my mum hearing me on the phone": the writer's own dislike reaches further.)
        const near = (k: number) => named.some((m) => Math.abs(m.start - k) <= AVERSION_REACH) || c.slice(Math.max(0, k - 3), k).some((t) => t.word === 'i' || t.word === 'we');
        const averse = aversion.find(c).some((m) => !(m.entry === 'hate' && c[m.start]?.pos !== 'VERB') && near(m.start));
        return named.length > 0 && averse && !c.some((t) => t.lemma === 'mind');
      });
    const phoneHard = hard('phone');
    if (phoneHard === hard('online')) return undefined;
    return phoneHard
      ? { value: 'online', confidence: 1, how: 'says the phone is hard for them' }
      : { value: 'phone', confidence: 1, how: 'says writing or computers are hard for them' };
  }

  /** The one way of reporting an answer names, not negated ("yeah I'll call": phone); none, or both: undefined. */
  private namedWay(a: Annotated): 'phone' | 'online' | undefined {
    // ("yes, I can speak with police" says the question's yes back, no way of reaching them; "I'll ring them" and
    // "I'd like to talk to someone" name the phone.)
    const toPeople = (m: LexiconMatch) => ['to', 'with'].includes(a.tokens[m.start + 1]?.word ?? '') && ['speak', 'talk', 'speaking', 'talking'].includes(a.tokens[m.start]!.word) && ['police', 'the', 'officers', 'officer', 'cops', 'them'].includes(a.tokens[m.start + 2]?.word ?? '');
    const names = (way: 'phone' | 'online') => this.hardWays[way].words.find(a.tokens).some((m) => !a.tokens[m.start]!.negated && !nameCalling(a.tokens, m.start) && !(way === 'phone' && toPeople(m)));
    const phone = names('phone');
    if (phone === names('online')) return undefined;
    return phone ? 'phone' : 'online';
  }

  /**
   * The way the answer opens with ("online i hate phone calls"), unless its own clause turns it down and names
   * nothing else ("online is too complicated, phone": the way that follows is the choice; "phone no problem" is no
   * turning down).
   */
  private firstWay(a: Annotated): 'phone' | 'online' | undefined {
    // ("prob phone, my laptop's knackered": after a hedge, still the first thing said.)
    const start = this.answerPhrases.hedge.matchAt(a.tokens, 0)?.length ?? 0;
    const first = this.wayAt(a, start);
    if (!first) return undefined;
    // ("phone? no i dont want the police involved", "prob online, actually no i dont want to report it": a way echoed, then turned down.)
    if (a.clauses.slice(1).some((c) => this.answerPhrases.no.matchAt(c, 0) !== undefined || this.answerPhrases.correction.matchAt(c, 0) !== undefined)) return undefined;
    const clause = a.clauses[0] ?? [];
    const other = first === 'phone' ? 'online' : 'phone';
    const turnedDown = this.hardWays[first].aversion.has(clause.slice(1)) && !this.hardWays[other].words.has(clause) && !this.answerPhrases.yes.has(clause);
    return turnedDown ? undefined : first;
  }

  /** The way of reporting a message opens with ("online i hate phone calls"), not negated; undefined if none. */
  private wayAt(a: Annotated, i: number, afterChange = false): 'phone' | 'online' | undefined {
    const t = a.tokens[i];
    if (!t || (t.negated && !afterChange) || nameCalling(a.tokens, i)) return undefined;
    // "talk to anyone" is not the phone; "phone" and "online" on their own are.
    if (this.hardWays.phone.words.matchAt(a.tokens, i) && ['phone', 'phones', 'fone', 'ring', 'call', 'telephone'].includes(t.word)) return 'phone';
    if (this.hardWays.online.words.matchAt(a.tokens, i) && ['online', 'internet', 'website', 'web', 'email', 'form'].includes(t.word)) return 'online';
    return undefined;
  }

  /** A question back: a question word first, or "do/does/can/is ... ?" asked of the bot. */
  private asksBack(a: Annotated): boolean {
    const first = a.tokens[0]?.word ?? '';
    if (this.answerPhrases.questionWords.matchAt(a.tokens, 0)) return true;
    return ['do', 'does', 'can', 'could', 'will', 'would', 'is', 'are'].includes(first) && ['i', 'you', 'they', 'it', 'that', 'this', 'there'].includes(a.tokens[1]?.word ?? '');
  }

  /** The answer opens with a way of reporting ("phone, ...", "online ..."): what follows explains the choice. */
  private startsWithWay(a: Annotated): boolean {
    return this.hardWays.phone.words.matchAt(a.tokens, 0) !== undefined || this.hardWays.online.words.matchAt(a.tokens, 0) !== undefined;
  }

  /**
   * What follows the last "but", "actually", "I mean" ("kind of nervous but yes I think so", "Online I think.
   * Actually no, phone"): the person's last word on it, as an annotated message of its own; undefined if none.
   */
  private tail(a: Annotated): Annotated | undefined {
    let at = -1;
    a.tokens.forEach((t, k) => {
      if (this.answerPhrases.contrast.matchAt(a.tokens, k) || this.answerPhrases.correction.matchAt(a.tokens, k)) at = k;
    });
    let start = at < 0 ? -1 : at + (this.answerPhrases.correction.matchAt(a.tokens, at)?.length ?? 1);
    // "but" opens a clause of its own (it is a clause break, so no token): the last such clause may come later.
    start = Math.max(start, this.contrastStart(a));
    if (start < 0) return undefined;
    const tokens = a.tokens.slice(start);
    return tokens.length > 0 ? { normalized: a.normalized, clauses: [tokens], tokens } : undefined;
  }

  /** "no, but they said they'd be back": a turn in what is said, typed as a word or opening a clause ("but" is a clause break). */
  private hasContrast(a: Annotated): boolean {
    return this.answerPhrases.contrast.has(a.tokens) || a.normalized.breaks.some((b) => this.contrastWords.has(b));
  }

  /** Where the last clause opened by a contrast ("but...") starts among the message's tokens; -1 if none. */
  private contrastStart(a: Annotated): number {
    let at = -1;
    let count = 0;
    a.normalized.clauses.forEach((c, i) => {
      if (this.contrastWords.has(a.normalized.breaks[i] ?? '')) at = count;
      count += c.length;
    });
    // (the annotator's tokens are the normaliser's, one for one, unless it split a word: then no position)
    return count === a.tokens.length ? at : -1;
  }

  /** "Online I think. Actually no, phone": the way named after a change of mind is the answer. */
  private changedWay(a: Annotated): AnswerReading | undefined {
    // "phone - no online actually": a first way, then "no" and the other way.
    const first = this.wayAt(a, 0);
    const taken = a.tokens.findIndex((t, k) => k > 0 && ['no', 'nah'].includes(t.word) && this.wayAt(a, k + 1, true) !== undefined && this.wayAt(a, k + 1, true) !== first);
    // ("online, no phone calls please" is online, not a change: a change of mind says so, "actually", "wait".)
    if (first && taken > 0 && this.answerPhrases.correction.has(a.tokens)) {
      const other = this.wayAt(a, taken + 1, true)!;
      return { value: other, confidence: 1, how: `changes to ${other}` };
    }
    const last = this.answerPhrases.correction.has(a.tokens) ? this.tail(a) : undefined;
    if (!last) return undefined;
    // "actually no online": the "no" takes back the first way; what was said before it negates nothing after it.
    const start = ['no', 'nah'].includes(last.tokens[0]?.word ?? '') ? 1 : 0;
    const way = this.wayAt(last, start, true) ?? this.namedWay(last);
    return way ? { value: way, confidence: 1, how: `changes to ${way}` } : undefined;
  }

  private fromModel(id: AnswerModelId, feats: string[], a?: Annotated): AnswerReading | undefined {
    if (a && (id === 'yes-no' || id === 'danger')) {
      const settled = this.settledYesNo(a);
      if (settled) return settled;
      // A question back ("what do you mean comfortable?") is not an answer.
      if (this.answerPhrases.questionWords.matchAt(a.tokens, 0)) return undefined;
    }
    const model = this.models.answers[id];
    const [best, second] = model.predict(feats);
    // "that is no answer" is the reader saying it cannot read it: asked again, never guessed.
    if (!best || best.label === NO_ANSWER) return undefined;
    // Mostly unknown words ("what do you mean comfortable") or two meanings close together: not sure.
    const sure = best.p >= this.settings.stepThreshold && best.p - (second?.p ?? 0) >= this.settings.answerShare && model.coverage(feats) >= 0.34;
    if (!sure) return undefined;
    return { value: best.label, confidence: best.p, how: `answer reader "${id}": ${best.label} ${best.p.toFixed(2)}${this.because(feats, best.label, model)}` };
  }

  /** The topic model's labels with the out-of-scope kinds summed into one "out-of-scope". */
  private rank(predictions: Prediction[]): IntentScore[] {
    let outOfScope = 0;
    const scores: IntentScore[] = [];
    for (const p of predictions) {
      if (p.label.startsWith(OUT_OF_SCOPE_PREFIX)) outOfScope += p.p;
      else scores.push({ intent: p.label, confidence: p.p });
    }
    scores.push({ intent: OUT_OF_SCOPE, confidence: outOfScope });
    return scores.sort((a, b) => b.confidence - a.confidence);
  }

  /** The likeliest out-of-scope kind in the topic model's predictions. */
  private outOfScopeKind(predictions: Prediction[]): OutOfScopeKind {
    const best = predictions.find((p) => p.label.startsWith(OUT_OF_SCOPE_PREFIX));
    return (best?.label.slice(OUT_OF_SCOPE_PREFIX.length) ?? 'everyday') as OutOfScopeKind;
  }

  private because(feats: string[], label: string, model: LinearModel = this.models.topic): string {
    const words = model.strongest(feats, label.startsWith(OUT_OF_SCOPE) ? `${OUT_OF_SCOPE_PREFIX}everyday` : label);
    return words.length > 0 ? ` (from ${words.map((w) => `"${w}"`).join(', ')})` : '';
  }
}
