/**
 * Intent classification with natural's Bayes classifier, trained on the utterances in intents.yaml.
 * Tokens arrive already normalised (stop words kept) and are stemmed with natural's Porter stemmer.
 *
 * natural scores every message against its whole vocabulary; we score only the words present, through
 * the sparse observation its own classifier accepts, which gives the same scores (a test checks it) at a
 * fraction of the cost. The scores are not probabilities: we normalise them, then scale by the share of
 * the message's words the model knows, so a message of unknown words cannot look confident.
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';

export interface IntentScore {
  intent: string;
  /** Calibrated confidence, 0..1. */
  confidence: number;
}

export interface Classification {
  ranking: IntentScore[];
  /** Share of the message's distinct stems that the model has seen, 0..1. */
  coverage: number;
  /** Normalised scores before the coverage scaling, by intent. */
  posteriors: Map<string, number>;
  /** The message is exactly one of the training phrases. */
  exact?: boolean;
}

/** Longer messages are classified on their first words: enough to tell the intent, bounded in cost. */
const MAX_CLASSIFIED_TOKENS = 60;

export class IntentClassifier {
  private readonly bayes: BayesClassifier;
  private readonly featureIndex = new Map<string, number>();
  /** A message that is exactly a training phrase gets that phrase's intent outright. */
  private readonly exact = new Map<string, string>();

  /** `smoothing` is natural's additive smoothing: lower trusts single words more (tuned by `npm run nlu:eval`). */
  constructor(examples: { intent: string; tokens: string[] }[], smoothing = 1) {
    this.bayes = new BayesClassifier(undefined, smoothing);
    for (const { intent, tokens } of examples) {
      this.exact.set(tokens.join(' '), intent);
      const stems = stemAll(tokens);
      if (stems.length > 0) this.bayes.addDocument(stems, intent);
    }
    this.bayes.train();
    // The feature index is the position in natural's own `for...in` walk of its features.
    let index = 0;
    for (const feature in this.bayes.features) this.featureIndex.set(feature, index++);
  }

  classify(tokens: readonly string[]): Classification {
    const exact = this.exact.get(tokens.join(' '));
    if (exact !== undefined) {
      return { ranking: [{ intent: exact, confidence: 1 }], coverage: 1, posteriors: new Map([[exact, 1]]), exact: true };
    }
    const stems = new Set(stemAll(tokens.slice(0, MAX_CLASSIFIED_TOKENS)));
    const observation: Record<string, number> = {};
    let known = 0;
    for (const stem of stems) {
      const index = this.featureIndex.get(stem);
      if (index !== undefined) observation[known++] = index;
    }
    const coverage = stems.size === 0 ? 0 : known / stems.size;
    const posteriors = new Map<string, number>();
    if (known === 0) return { ranking: [], coverage, posteriors };
    const scores = this.bayes.classifier.getClassifications(observation);
    const total = scores.reduce((sum, s) => sum + s.value, 0);
    if (!(total > 0)) return { ranking: [], coverage, posteriors };
    for (const s of scores) posteriors.set(s.label, s.value / total);
    const ranking = scores.map((s) => ({ intent: s.label, confidence: (s.value / total) * coverage }));
    return { ranking, coverage, posteriors };
  }

  /** natural's own dense scoring, for the test that proves the sparse path gives the same answer. */
  classifyDense(tokens: readonly string[]): { label: string; value: number }[] {
    return this.bayes.getClassifications([...new Set(stemAll(tokens.slice(0, MAX_CLASSIFIED_TOKENS)))]);
  }
}

function stemAll(tokens: readonly string[]): string[] {
  return tokens.map((t) => (/^[a-z]+$/.test(t) ? PorterStemmer.stem(t) : t));
}
