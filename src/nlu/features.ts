/**
 * What the learned models see of a message: its lemmas, pairs of neighbouring lemmas, negated lemmas,
 * and the word forms that carry tense ("was", "is", "stabbed"). Built from the annotations, so the
 * models and the rules read the same thing.
 */
import type { Annotated } from './annotator';

/** Bump when the features, or the emergency rules the backstop learns from (src/nlu/danger.ts), change: cached models are then retrained. */
export const FEATURES_VERSION = 51;

/** Longer messages are read on their first words: enough to tell the topic, bounded in cost. */
const MAX_TOKENS = 80;

/** The danger backstop and the topic model read the same message: its features are worked out once. */
const computed = new WeakMap<Annotated, string[]>();

export function features(annotated: Annotated): string[] {
  const known = computed.get(annotated);
  if (known) return known;
  const result = featuresOf(annotated);
  computed.set(annotated, result);
  return result;
}

function featuresOf(annotated: Annotated): string[] {
  const out = new Set<string>();
  let seen = 0;
  for (const clause of annotated.clauses) {
    let previous = '<s>';
    for (const t of clause) {
      if (seen++ >= MAX_TOKENS) break;
      const lemma = t.lemma;
      out.add(lemma);
      out.add(`${previous} ${lemma}`);
      if (t.negated) out.add(`not:${lemma}`);
      if (t.word !== lemma) out.add(`w:${t.word}`);
      previous = lemma;
    }
    out.add(`${previous} </s>`);
  }
  return [...out];
}
