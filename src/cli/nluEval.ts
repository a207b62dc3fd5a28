/**
 * `npm run nlu:eval`: k-fold cross-validation of the intent recognizer on the training phrases in
 * knowledge/intents.yaml. Each fold trains on the other phrases and classifies the held-out ones, so a
 * phrase is never scored by a model that saw it. Prints accuracy, the share answered "none", and
 * per-intent precision and recall.
 */
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import type { Knowledge } from '../../knowledge/schema';
import { NO_INTENT, Recognizer } from '../nlu/recognizer';

export interface EvalResult {
  folds: number;
  phrases: number;
  accuracy: number;
  noneRate: number;
  perIntent: { intent: string; precision: number; recall: number; support: number }[];
  confusions: { expected: string; got: string; count: number }[];
}

export function crossValidate(k: Knowledge, folds = 5): EvalResult {
  const all = k.intents.flatMap((intent) => intent.utterances.map((text, i) => ({ intent: intent.id, text, fold: i % folds })));
  const predictions: { expected: string; got: string }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train: Knowledge = {
      ...k,
      intents: k.intents.map((intent) => ({ ...intent, utterances: intent.utterances.filter((_u, i) => i % folds !== fold) })),
    };
    const recognizer = Recognizer.fromKnowledge(train);
    for (const example of all.filter((e) => e.fold === fold)) {
      predictions.push({ expected: example.intent, got: recognizer.recognize(example.text).intent });
    }
  }
  const correct = predictions.filter((p) => p.expected === p.got).length;
  const perIntent = k.intents.map(({ id }) => {
    const truePositives = predictions.filter((p) => p.expected === id && p.got === id).length;
    const predicted = predictions.filter((p) => p.got === id).length;
    const support = predictions.filter((p) => p.expected === id).length;
    return { intent: id, precision: predicted ? truePositives / predicted : 0, recall: support ? truePositives / support : 0, support };
  });
  const confusionCounts = new Map<string, number>();
  for (const p of predictions) if (p.expected !== p.got) confusionCounts.set(`${p.expected}\t${p.got}`, (confusionCounts.get(`${p.expected}\t${p.got}`) ?? 0) + 1);
  const confusions = [...confusionCounts]
    .map(([key, count]) => ({ expected: key.split('\t')[0]!, got: key.split('\t')[1]!, count }))
    .sort((a, b) => b.count - a.count);
  return {
    folds,
    phrases: predictions.length,
    accuracy: correct / predictions.length,
    noneRate: predictions.filter((p) => p.got === NO_INTENT).length / predictions.length,
    perIntent,
    confusions,
  };
}

function main(): void {
  const result = crossValidate(loadKnowledge());
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  console.log(`${result.folds}-fold cross-validation on ${result.phrases} training phrases`);
  console.log(`accuracy ${pct(result.accuracy)}, answered "none" ${pct(result.noneRate)}`);
  console.log('\nintent                 precision  recall  phrases');
  for (const r of result.perIntent) console.log(`${r.intent.padEnd(22)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(7)} ${String(r.support).padStart(8)}`);
  console.log('\nmost common confusions (expected -> got):');
  for (const c of result.confusions.slice(0, 10)) console.log(`  ${c.expected} -> ${c.got}: ${c.count}`);
}

if (require.main === module) main();
