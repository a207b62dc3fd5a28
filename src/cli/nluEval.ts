/**
 * `npm run nlu:eval`: how well the recognizer reads people, measured on our own data.
 * 1. k-fold cross-validation of intents on the training phrases in knowledge/intents.yaml: each fold
 *    trains on the other phrases, so a phrase is never scored by a model that saw it. Accuracy, the
 *    share answered "none", per-intent precision and recall, and a confusion matrix.
 * 2. The emergency check on tests/nlu/safety-cases.yaml: recall and false-alarm rate.
 * 3. Robustness: every training phrase and emergency message perturbed (a typo, capitals, a dropped
 *    word, filler words), reporting how often the route (999, or the intent) changes.
 * Writes reports/nlu-eval.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import type { Knowledge } from '../../knowledge/schema';
import { loadSafetyCases, type SafetyCases } from '../harness/safetyCases';
import { NO_INTENT, Recognizer } from '../nlu/recognizer';
import { projectRoot } from '../projectRoot';

export interface EvalResult {
  folds: number;
  phrases: number;
  accuracy: number;
  noneRate: number;
  perIntent: { intent: string; precision: number; recall: number; support: number }[];
  confusions: { expected: string; got: string; count: number }[];
  /** matrix[i][j]: phrases of labels[i] read as labels[j] (the last label is "none"). */
  matrix: { labels: string[]; counts: number[][] };
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
  const labels = [...k.intents.map((i) => i.id), NO_INTENT];
  const counts = labels.map(() => labels.map(() => 0));
  for (const p of predictions) counts[labels.indexOf(p.expected)]![labels.indexOf(p.got)]! += 1;
  const confusions = labels
    .flatMap((expected, i) => labels.map((got, j) => ({ expected, got, count: i === j ? 0 : counts[i]![j]! })))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count);
  return {
    folds,
    phrases: predictions.length,
    accuracy: correct / predictions.length,
    noneRate: predictions.filter((p) => p.got === NO_INTENT).length / predictions.length,
    perIntent,
    confusions,
    matrix: { labels, counts },
  };
}

export interface SafetyEval {
  emergencies: number;
  recall: number;
  nonEmergencies: number;
  falseAlarmRate: number;
  missed: string[];
  falseAlarms: string[];
}

export function evaluateSafety(recognizer: Recognizer, cases: SafetyCases): SafetyEval {
  const missed = cases.emergencies.filter((t) => !recognizer.recognize(t).emergency);
  const falseAlarms = cases.not_emergencies.filter((t) => recognizer.recognize(t).emergency);
  return {
    emergencies: cases.emergencies.length,
    recall: 1 - missed.length / cases.emergencies.length,
    nonEmergencies: cases.not_emergencies.length,
    falseAlarmRate: falseAlarms.length / cases.not_emergencies.length,
    missed,
    falseAlarms,
  };
}

export const PERTURBATIONS = ['typo', 'capitals', 'dropped word', 'filler'] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

/** A small seeded generator, so every run perturbs the same way and figures can be compared. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLERS = [['um', ''], ['', 'please'], ['so basically', ''], ['', 'if that makes sense'], ['hi', 'thanks']] as const;

export function perturb(text: string, kind: Perturbation, random: () => number): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const pick = (n: number) => Math.floor(random() * n);
  switch (kind) {
    case 'typo': {
      const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{4,}$/i.test(w));
      if (long.length === 0) return text;
      const [word, index] = long[pick(long.length)]!;
      const at = 1 + pick(word.length - 2);
      // Swap two neighbouring letters, or drop one: the slips people make on a phone.
      const slipped = random() < 0.5 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
      return words.map((w, i) => (i === index ? slipped : w)).join(' ');
    }
    case 'capitals':
      return text.toUpperCase();
    case 'dropped word':
      return words.length < 3 ? text : words.filter((_w, i) => i !== pick(words.length)).join(' ');
    case 'filler': {
      const [before, after] = FILLERS[pick(FILLERS.length)]!;
      return [before, text, after].filter((s) => s !== '').join(' ');
    }
  }
}

export interface RobustnessRow {
  perturbation: Perturbation;
  phrases: number;
  /** Share of training phrases whose route (999 or intent) changed. */
  routeChanged: number;
  /** Share of emergency messages no longer answered with 999. */
  emergencyLost: number;
  examples: { from: string; to: string; was: string; now: string }[];
}

export function robustness(k: Knowledge, recognizer: Recognizer, cases: SafetyCases, seed = 20261124): RobustnessRow[] {
  const route = (text: string) => {
    const d = recognizer.recognize(text);
    return d.emergency ? '999' : d.intent;
  };
  const phrases = k.intents.flatMap((i) => i.utterances);
  return PERTURBATIONS.map((perturbation) => {
    const random = seeded(seed);
    const examples: RobustnessRow['examples'] = [];
    let changed = 0;
    for (const text of phrases) {
      const altered = perturb(text, perturbation, random);
      const was = route(text);
      const now = route(altered);
      if (was !== now) {
        changed += 1;
        if (examples.length < 5) examples.push({ from: text, to: altered, was, now });
      }
    }
    const lost = cases.emergencies.filter((t) => !recognizer.recognize(perturb(t, perturbation, random)).emergency).length;
    return { perturbation, phrases: phrases.length, routeChanged: changed / phrases.length, emergencyLost: lost / cases.emergencies.length, examples };
  });
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function printMatrix({ labels, counts }: EvalResult['matrix']): void {
  console.log('\nconfusion matrix (rows: the intent a phrase belongs to; columns: what it was read as)');
  labels.forEach((label, i) => console.log(`  ${String(i + 1).padStart(2)} ${label}`));
  console.log(`      ${labels.map((_l, j) => String(j + 1).padStart(3)).join('')}`);
  counts.forEach((row, i) => console.log(`  ${String(i + 1).padStart(2)}  ${row.map((n, j) => (n === 0 ? (i === j ? '  0' : '  .') : String(n).padStart(3))).join('')}`));
}

function main(): void {
  const k = loadKnowledge();
  const cases = loadSafetyCases();
  const recognizer = Recognizer.fromKnowledge(k);
  const cv = crossValidate(k);
  const safety = evaluateSafety(recognizer, cases);
  const robust = robustness(k, recognizer, cases);

  console.log(`INTENTS: ${cv.folds}-fold cross-validation on ${cv.phrases} training phrases`);
  console.log(`accuracy ${pct(cv.accuracy)}, answered "none" ${pct(cv.noneRate)} (the bot offers the menu)`);
  console.log('\nintent                 precision  recall  phrases');
  for (const r of cv.perIntent) console.log(`${r.intent.padEnd(22)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(7)} ${String(r.support).padStart(8)}`);
  printMatrix(cv.matrix);
  console.log('\nmost common confusions (expected -> read as):');
  for (const c of cv.confusions.slice(0, 10)) console.log(`  ${c.expected} -> ${c.got}: ${c.count}`);

  console.log(`\nEMERGENCIES (${'tests/nlu/safety-cases.yaml'})`);
  console.log(`recall ${pct(safety.recall)} (${safety.emergencies - safety.missed.length}/${safety.emergencies}), false alarms ${pct(safety.falseAlarmRate)} (${safety.falseAlarms.length}/${safety.nonEmergencies})`);
  for (const t of safety.missed) console.log(`  MISSED: ${t}`);
  for (const t of safety.falseAlarms) console.log(`  FALSE ALARM: ${t}`);

  console.log('\nROBUSTNESS (the full model, each phrase perturbed once, fixed seed)');
  console.log('perturbation    route changed   emergencies no longer 999');
  for (const r of robust) console.log(`${r.perturbation.padEnd(15)} ${pct(r.routeChanged).padStart(13)}   ${pct(r.emergencyLost).padStart(25)}`);
  for (const r of robust) for (const e of r.examples.slice(0, 2)) console.log(`  ${r.perturbation}: "${e.to}" read as ${e.now}, not ${e.was}`);

  const reports = join(projectRoot(), 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(join(reports, 'nlu-eval.json'), JSON.stringify({ crossValidation: cv, safety, robustness: robust }, null, 2));
  console.log('\nwritten: reports/nlu-eval.json');
}

if (require.main === module) main();
