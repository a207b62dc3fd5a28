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
import { Lexicon } from './lexicon';
import { nameCalling } from './nameCalling';
import { loadModels, OUT_OF_SCOPE_PREFIX, type AnswerModelId, type Models } from './models';
import { Signals } from './signals';
import { SlotReader, type Slots } from './slots';
import { TextNormalizer } from './textNormalizer';
import { TypoCorrector } from './typoCorrector';

/** No intent is confident enough: the bot offers the menu. */
export const NO_INTENT = 'none';
/** Not about hate crime: the bot says what this chat is for (`outOfScope` says what kind). */
export const OUT_OF_SCOPE = 'out-of-scope';

/** Danger families whose MAYBE is weak enough for a clearly out-of-scope reading to outweigh it. */
const WEAK_FAMILIES = new Set(['abuse-now', 'intruder', 'need-help-now', 'harm-now']);
/** A hate-related message whose report readings add up to this is taken into the report flow. */
const REPORT_SHARE = 0.5;
/** The identity gate needs the classifier to give a hate-crime reading at least this chance. */
const IDENTITY_GATE_MINIMUM = 0;

/** A word with letters masked by asterisks: "p*ki", "c***". */
const MASKED_WORD = /[a-z]\*+[a-z]*|\b[a-z]\*{2,}/i;

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

/** Out of scope this surely outweighs a weak sign of danger (a past-tense act, or the backstop alone). */
const OUT_OF_SCOPE_OVER_MAYBE = 0.85;

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
}

export interface RecognizerSettings {
  threshold: number;
  stepThreshold: number;
  clarifyMargin: number;
  answerShare: number;
  smoothing: number;
  hateCheck: number;
  rerouteThreshold: number;
}

export class Recognizer {
  readonly settings: RecognizerSettings;
  /**
   * A turn keys the message it has just recognised up to three times (menu, interruption, answer). Turns
   * of different conversations interleave (each awaits its state), so the keys of the last few messages
   * are kept, not only the last one's.
   */
  private readonly recentKeys = new Map<string, string>();

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
    private readonly answerPhrases: { yes: Lexicon; notSure: Lexicon; questionWords: Lexicon; no: Lexicon; contrast: Lexicon },
    /** Intents that start the report flow: a hate-related message the classifier is unsure of goes there. */
    private readonly reportIntents: ReadonlySet<string> = new Set(),
    /** One-word yeses ("yes", "yeah", "aye"), from the affirm intent's phrases. */
    private readonly affirmative: ReadonlySet<string> = new Set(['yes']),
    /** A message that is exactly a training phrase (normalised) gets that phrase's intent: what staff add, works. */
    private readonly exact: ReadonlyMap<string, string> = new Map(),
  ) {
    this.settings = settings;
  }

  /** Builds the whole pipeline from knowledge/: normaliser, typo corrector, annotator, rules, models. */
  static fromKnowledge(k: Knowledge, modelsPath?: string): Recognizer {
    const plain = new TextNormalizer({ expansions: k.nlu.expansions, emoji: k.safety.emoji, clauseBreaks: [] });
    const tokenize = (s: string) => plain.normalize(s).tokens;
    const phrases = [
      ...k.intents.flatMap((i) => i.utterances),
      ...Object.values(k.understanding.topics).flat(),
      ...Object.values(k.understanding.outOfScope).flat(),
      ...Object.values(k.understanding.answers).flatMap((byMeaning) => Object.values(byMeaning).flat()),
      ...k.understanding.danger.emergency,
      ...k.understanding.danger['not-emergency'],
      ...k.nlu.lgbtTerms,
      ...Object.values(k.nlu.slots).flat(),
    ];
    const vocabulary = new Set([...DangerCheck.vocabulary(k.safety), ...phrases.flatMap(tokenize)]);
    const reader = new TextNormalizer({ expansions: k.nlu.expansions, emoji: k.safety.emoji, clauseBreaks: k.safety.clauseBreaks });
    reader.useCorrector(new TypoCorrector(vocabulary, new Set(k.nlu.protectedWords)));
    const annotator = new Annotator();
    const rulesOnly = new DangerCheck(k.safety);
    const featuresOf = (text: string) => features(annotator.annotate(reader.normalize(text)));
    const dangerFeatures = (text: string) => {
      const a = annotator.annotate(reader.normalize(text));
      return [...features(a), ...ruleFeatures(rulesOnly.check(a).findings)];
    };
    const models = loadModels(k, { features: featuresOf, dangerFeatures }, modelsPath);
    const backstop = (a: Annotated, findings: readonly DangerFinding[]) => models.danger.probability([...features(a), ...ruleFeatures(findings)], 'emergency');
    return new Recognizer(
      reader,
      annotator,
      new DangerCheck(k.safety, backstop),
      models,
      new SlotReader(k.nlu.slots, new Lexicon(k.safety.lexicons.negation ?? [], false)),
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
      },
      new Set(k.intents.filter((i) => i.flow === 'report').map((i) => i.id)),
      new Set((k.intents.find((i) => i.id === 'affirm')?.utterances ?? []).flatMap(tokenize).filter((w) => w.length <= 5)),
      exactPhrases(k, (text) => reader.normalize(text).tokens.join(' ')),
    );
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
    const feats = features(annotated);
    const lgbtMention = this.signals.mentionsLgbt(normalized);
    // A slur written with asterisks ("p*ki", "f****t") is hate aimed at someone too.
    const identity = lgbtMention ? 'LGBT+' : (this.identity.first(annotated.tokens)?.entry ?? (MASKED_WORD.test(text) ? 'a masked slur' : undefined));
    const predictions = this.models.topic.predict(feats);
    let ranking = this.rank(predictions);
    // A message about who someone is, or hate aimed at them, is never out of scope: take the best hate-crime reading.
    let gate = '';
    const inScope = ranking.filter((r) => r.intent !== OUT_OF_SCOPE);
    // ...when the classifier gives a hate-crime reading some chance at all ("is there a synagogue in Borehamwood" stays out).
    if (identity && ranking[0]?.intent === OUT_OF_SCOPE && (inScope[0]?.confidence ?? 0) >= IDENTITY_GATE_MINIMUM) {
      const total = inScope.reduce((sum, r) => sum + r.confidence, 0) || 1;
      ranking = [...inScope.map((r) => ({ intent: r.intent, confidence: r.confidence / total })), { intent: OUT_OF_SCOPE, confidence: 0 }];
      gate = ` (mentions "${identity}", so not out of scope)`;
    }
    // Clearly about something else ("sum1 robbed my bike"), with only a weak sign of danger: no danger question.
    const top0 = ranking[0];
    // Weak signs only: a past act, or abuse or noise described in the present ("being bullied on snapchat").
    const weakOnly = danger.findings.filter((f) => f.level === 'maybe').every((f) => f.time === 'past-tense' || WEAK_FAMILIES.has(f.family));
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
    if (top.confidence < threshold && identity && reporting[0] && reportShare >= REPORT_SHARE) {
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
    switch (kind) {
      case 'danger': {
        if (decision.danger.level === 'now') return { value: 'yes', confidence: 1, how: decision.danger.reason };
        if (decision.danger.over) return { value: 'no', confidence: 1, how: 'says it is over' };
        const reading = this.fromModel('danger', feats, a);
        // "Yes" to "is anyone in danger?" must say yes or describe danger: "I don't want to talk to the police" does neither.
        if (reading?.value === 'yes' && decision.danger.level === 'no' && !this.affirmative.has(a.tokens[0]?.word ?? '')) return undefined;
        return reading;
      }
      case 'yes-no':
        return this.fromModel('yes-no', feats, a);
      case 'who': {
        const slot = this.slotReader.who(a);
        const model = this.fromModel('who', feats);
        if (model && (!slot || model.value === slot)) return model;
        return slot ? { value: slot, confidence: 1, how: `says who: ${slot}` } : model;
      }
      case 'phone-online':
        return this.hardWay(a) ?? this.fromModel('phone-online', feats);
      case 'police': {
        const yesNo = this.fromModel('yes-no', feats, a);
        if (decision.slots.police === 'no') return { value: 'no', confidence: 1, how: 'does not want to speak to the police' };
        // "phone, my writing isn't good": the "not" is about the other way, not a no to the police.
        const hard = this.hardWay(a);
        if (hard && (yesNo?.value !== 'no' || this.startsWithWay(a))) return hard;
        // The slot reads negation itself: "not online, I'd rather ring" prefers the phone, it is no "no".
        const prefers = decision.slots.prefers;
        if (prefers && yesNo?.value !== 'not-sure') return { value: prefers, confidence: 1, how: `says how: ${prefers}` };
        if (yesNo?.value === 'no' || yesNo?.value === 'not-sure') return yesNo;
        // A yes that names one way ("yeah I'll call", "yeah but online") says how; a bare yes says neither.
        const named = this.namedWay(a);
        if (named) return { value: named, confidence: 1, how: `names one way: ${named}` };
        const how = this.models.answers['phone-online'].predict(feats)[0];
        if (how && how.p >= 0.85 && this.models.answers['phone-online'].coverage(feats) >= 0.5 && !yesNo) {
          return { value: how.label, confidence: how.p, how: `answer reader "phone-online": ${how.label} ${how.p.toFixed(2)}` };
        }
        return yesNo;
      }
    }
  }

  /** "no idea", "50/50" (not sure) and "no problem", "I suppose so" (yes), said in so many words. */
  private settledYesNo(a: Annotated): AnswerReading | undefined {
    const unsure = this.answerPhrases.notSure.first(a.tokens);
    if (unsure) return { value: 'not-sure', confidence: 1, how: `says "${unsure.entry}"` };
    const yes = this.answerPhrases.yes.first(a.tokens);
    if (yes) return { value: 'yes', confidence: 1, how: `says "${yes.entry}"` };
    // "no one", "nobody" are not a no; "no, but they said they'd be back" is not settled.
    const no = this.answerPhrases.no.matchAt(a.tokens, 0);
    const pronoun = ['one', 'body', 'where'].includes(a.tokens[no?.length ?? 0]?.word ?? '');
    if (no && !pronoun && !this.answerPhrases.contrast.has(a.tokens)) return { value: 'no', confidence: 1, how: `says "${no.entry}" first` };
    return undefined;
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
        const named = words.find(c).some((m) => !nameCalling(c, m.start));
        const averse = aversion.find(c).some((m) => !(m.entry === 'hate' && c[m.start]?.pos !== 'VERB'));
        return named && averse && !c.some((t) => t.lemma === 'mind');
      });
    const phoneHard = hard('phone');
    if (phoneHard === hard('online')) return undefined;
    return phoneHard
      ? { value: 'online', confidence: 1, how: 'says the phone is hard for them' }
      : { value: 'phone', confidence: 1, how: 'says writing or computers are hard for them' };
  }

  /** The one way of reporting an answer names, not negated ("yeah I'll call": phone); none, or both: undefined. */
  private namedWay(a: Annotated): 'phone' | 'online' | undefined {
    const names = (way: 'phone' | 'online') => this.hardWays[way].words.find(a.tokens).some((m) => !a.tokens[m.start]!.negated && !nameCalling(a.tokens, m.start));
    const phone = names('phone');
    if (phone === names('online')) return undefined;
    return phone ? 'phone' : 'online';
  }

  /** The answer opens with a way of reporting ("phone, ...", "online ..."): what follows explains the choice. */
  private startsWithWay(a: Annotated): boolean {
    return this.hardWays.phone.words.matchAt(a.tokens, 0) !== undefined || this.hardWays.online.words.matchAt(a.tokens, 0) !== undefined;
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
    if (!best) return undefined;
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
