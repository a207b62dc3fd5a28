/**
 * Reads one message: the emergency check first, then the intent, then the side signals. Every decision
 * carries its reason, for staff (trace activity, console /explain, triage command).
 */
import type { Knowledge } from '../../knowledge/schema';
import { IntentClassifier, type IntentScore } from './intentClassifier';
import { SafetyCheck, type SafetyResult } from './safetyCheck';
import { Signals } from './signals';
import { TextNormalizer, type NormalizedText } from './textNormalizer';
import { TypoCorrector } from './typoCorrector';

export const NO_INTENT = 'none';

export interface Decision {
  emergency: boolean;
  safety: SafetyResult;
  /** The intent id, or "none" below the threshold. */
  intent: string;
  confidence: number;
  /** The runners-up, best first. */
  alternatives: IntentScore[];
  /** Two intents too close to call: the bot asks which was meant. */
  clarify?: [string, string];
  /** Every intent's confidence, best first (for choosing among a question's answers). */
  ranking: IntentScore[];
  /** Share of the message's words the model knows. */
  coverage: number;
  lgbtMention: boolean;
  personalDetails: boolean;
  reason: string;
}

export interface RecognizerSettings {
  threshold: number;
  stepThreshold: number;
  clarifyMargin: number;
  answerShare: number;
  smoothing: number;
}

export class Recognizer {
  readonly settings: RecognizerSettings;
  /** A turn keys the message it has just recognised up to three times (menu, interruption, answer). */
  private lastKey = { text: '', key: '' };

  constructor(
    private readonly normalizer: TextNormalizer,
    private readonly safety: SafetyCheck,
    private readonly classifier: IntentClassifier,
    private readonly signals: Signals,
    settings: RecognizerSettings,
  ) {
    this.settings = settings;
  }

  /** Builds the whole pipeline from knowledge/: normaliser, typo corrector, safety rules, classifier. */
  static fromKnowledge(k: Knowledge): Recognizer {
    const normalizer = new TextNormalizer({ expansions: k.nlu.expansions, emoji: k.safety.emoji, clauseBreaks: [] });
    const tokenize = (s: string) => normalizer.normalize(s).tokens;
    const examples = k.intents.flatMap((i) => i.utterances.map((u) => ({ intent: i.id, tokens: tokenize(u) })));
    const vocabulary = new Set([
      ...SafetyCheck.vocabulary(k.safety, tokenize),
      ...examples.flatMap((e) => e.tokens),
      ...k.nlu.lgbtTerms.flatMap(tokenize),
    ]);
    // The real normaliser splits clauses and corrects typos; phrases in knowledge/ are read without either.
    const reader = new TextNormalizer({ expansions: k.nlu.expansions, emoji: k.safety.emoji, clauseBreaks: k.safety.clauseBreaks });
    reader.useCorrector(new TypoCorrector(vocabulary, new Set(k.nlu.protectedWords)));
    return new Recognizer(
      reader,
      new SafetyCheck(k.safety, tokenize),
      new IntentClassifier(examples, k.nlu.recognizer.smoothing),
      new Signals(k.nlu.lgbtTerms, k.nlu.personalDetailPhrases, tokenize),
      k.nlu.recognizer,
    );
  }

  normalize(text: string): NormalizedText {
    return this.normalizer.normalize(text);
  }

  /** Text reduced to a comparable key, so typed "yes." or "YES" matches the "Yes" button. */
  key(text: string): string {
    if (text === this.lastKey.text) return this.lastKey.key;
    return this.normalizer.normalize(text).tokens.join(' ');
  }

  recognize(text: string): Decision {
    const normalized = this.normalizer.normalize(text);
    this.lastKey = { text, key: normalized.tokens.join(' ') };
    const safety = this.safety.check(normalized);
    const { ranking, coverage, exact } = this.classifier.classify(normalized.tokens);
    const top = ranking[0];
    const second = ranking[1];
    const { threshold, clarifyMargin } = this.settings;
    const signals = {
      lgbtMention: this.signals.mentionsLgbt(normalized),
      personalDetails: this.signals.hasPersonalDetails(text, normalized),
    };
    const base = { safety, ranking, coverage, alternatives: ranking.slice(1, 4), ...signals };
    if (safety.emergency) {
      return { ...base, emergency: true, intent: top && top.confidence >= threshold ? top.intent : NO_INTENT, confidence: top?.confidence ?? 0, reason: safety.reason };
    }
    const safetyNote = safety.cue ? `; ${safety.reason}` : '';
    if (!top || top.confidence < threshold) {
      const best = top ? `best "${top.intent}" ${top.confidence.toFixed(2)}` : 'no known words';
      return { ...base, emergency: false, intent: NO_INTENT, confidence: top?.confidence ?? 0, reason: `no intent: ${best} < threshold ${threshold}${safetyNote}` };
    }
    if (second && top.confidence - second.confidence < clarifyMargin && second.confidence >= threshold / 2) {
      return {
        ...base,
        emergency: false,
        intent: top.intent,
        confidence: top.confidence,
        clarify: [top.intent, second.intent],
        reason: `close call: "${top.intent}" ${top.confidence.toFixed(2)} vs "${second.intent}" ${second.confidence.toFixed(2)} (margin < ${clarifyMargin})${safetyNote}`,
      };
    }
    if (exact) return { ...base, emergency: false, intent: top.intent, confidence: 1, reason: `intent "${top.intent}": exactly a training phrase${safetyNote}` };
    return {
      ...base,
      emergency: false,
      intent: top.intent,
      confidence: top.confidence,
      reason: `intent "${top.intent}" ${top.confidence.toFixed(2)} (runner-up ${second ? `"${second.intent}" ${second.confidence.toFixed(2)}` : 'none'})${safetyNote}`,
    };
  }

  /**
   * The best of `allowed` intents, renormalised among them: how a question's possible answers compete.
   * ("Would you rather phone or report online?" "ring them" need only beat "online".)
   */
  bestAmong(decision: Decision, allowed: ReadonlySet<string>): IntentScore | undefined {
    const candidates = decision.ranking.filter((r) => allowed.has(r.intent));
    const total = candidates.reduce((sum, r) => sum + r.confidence, 0);
    const best = candidates[0];
    // When the message clearly means something else ("it was my friend" to "would you speak to the
    // police?"), the answers' leftover scores are noise: renormalising them would invent an answer.
    if (!best || total < this.settings.answerShare * decision.coverage) return undefined;
    return { intent: best.intent, confidence: (best.confidence / total) * decision.coverage };
  }
}
