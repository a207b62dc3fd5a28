/**
 * A small multinomial logistic regression over sparse string features (words, lemma pairs, negated
 * words). Chosen over a Bayes model because its scores are probabilities we can calibrate a threshold
 * on, and over a library because the ones on npm want dense matrices (15,000 messages x 10,000 words).
 * Training is deterministic (seeded shuffle), so the same data always gives the same model.
 */

export interface Example {
  features: readonly string[];
  label: string;
  /** How much this example counts (balances a large class against a small one). */
  weight?: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches. */
  l2: number;
  seed: number;
}

export interface LinearModelData {
  labels: string[];
  bias: number[];
  /** Per feature, one weight per label (rounded, features with negligible weights dropped). */
  weights: Record<string, number[]>;
}

/**
 * The same weights as one block: feature names in row order and every row's weights, `labels.length` a
 * row. How the trained models are cached (see models.ts): loading it builds no object per feature.
 */
export interface PackedLinearModel {
  labels: string[];
  bias: Float64Array;
  features: string[];
  matrix: Float32Array;
}

export interface Prediction {
  label: string;
  p: number;
}

/**
 * A feature whose every weight is smaller than this is dropped from the trained model: a third of the features,
 * none of which moved a held-out figure, and a third less memory.
 */
const PRUNE_BELOW = 0.05;

export const DEFAULT_TRAINING: TrainOptions = { epochs: 12, learningRate: 0.3, l2: 1e-5, seed: 7 };

/**
 * Every feature of the models that score, numbered once for them all. The emergency backstop and the topic model
 * read the same message's features one after the other: looked up once in one table, not once in each model's (a
 * look-up among tens of thousands of features is most of what scoring costs).
 */
const FEATURE_NUMBERS = new Map<string, number>();

/** The features last numbered, and their numbers (-1: no model has the feature), while no feature has been numbered since. */
let lastNumbered: readonly string[] = [];
let lastNumbers = new Int32Array(0);
let lastNumberedOf = 0;

/**
 * The features' numbers. The topic model reads the words the backstop has just read (the backstop's features are
 * the message's words, then what the rules found): a number known for the same feature in the same place is kept.
 */
function numbersOf(features: readonly string[]): Int32Array {
  // (A model numbering its features since makes what was unknown then known.)
  if (lastNumberedOf !== FEATURE_NUMBERS.size) lastNumbered = [];
  if (features === lastNumbered) return lastNumbers;
  const numbers = new Int32Array(features.length);
  let i = 0;
  for (; i < features.length && i < lastNumbered.length && features[i] === lastNumbered[i]; i++) numbers[i] = lastNumbers[i]!;
  for (; i < features.length; i++) numbers[i] = FEATURE_NUMBERS.get(features[i]!) ?? -1;
  lastNumbered = features;
  lastNumbers = numbers;
  lastNumberedOf = FEATURE_NUMBERS.size;
  return numbers;
}

export class LinearModel {
  private constructor(
    readonly labels: readonly string[],
    private readonly bias: Float64Array,
    /** Row of each feature in `matrix`: one block of memory, not tens of thousands of small arrays. */
    private readonly rows: Map<string, number>,
    /** Single precision: the weights are rounded to 4 decimals anyway, and it halves the models' memory. */
    private readonly matrix: Float32Array,
  ) {}

  private static fromRows(labels: readonly string[], bias: Float64Array, weights: Map<string, Float64Array>): LinearModel {
    const k = labels.length;
    const rows = new Map<string, number>();
    const matrix = new Float32Array(weights.size * k);
    let row = 0;
    for (const [feature, w] of weights) {
      matrix.set(w, row * k);
      rows.set(feature, row++);
    }
    return new LinearModel(labels, bias, rows, matrix);
  }

  private weightsOf(feature: string): Float32Array | undefined {
    const row = this.rows.get(feature);
    const k = this.labels.length;
    return row === undefined ? undefined : this.matrix.subarray(row * k, row * k + k);
  }

  static train(examples: readonly Example[], options: TrainOptions = DEFAULT_TRAINING): LinearModel {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const index = new Map(labels.map((l, i) => [l, i]));
    const k = labels.length;
    const weights = new Map<string, Float64Array>();
    const bias = new Float64Array(k);
    const order = examples.map((_e, i) => i);
    const random = mulberry32(options.seed);
    const scores = new Float64Array(k);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffle(order, random);
      const rate = options.learningRate / (1 + epoch);
      for (const i of order) {
        const example = examples[i]!;
        const rows = example.features.map((f) => {
          let row = weights.get(f);
          if (!row) weights.set(f, (row = new Float64Array(k)));
          return row;
        });
        softmaxInto(scores, bias, rows);
        const target = index.get(example.label)!;
        const step = rate * (example.weight ?? 1);
        for (let c = 0; c < k; c++) {
          const gradient = scores[c]! - (c === target ? 1 : 0);
          bias[c] = bias[c]! - step * gradient;
          for (const row of rows) row[c] = row[c]! - step * (gradient + options.l2 * row[c]!);
        }
      }
    }
    return LinearModel.fromRows(labels, bias, weights);
  }

  /**
   * One model per seed, their weights averaged: a linear model's average is a model of the same size, and
   * it depends far less on the order the examples were shuffled in than any one of them.
   */
  static trainAveraged(examples: readonly Example[], seeds: readonly number[], options: TrainOptions = DEFAULT_TRAINING): LinearModel {
    const models = seeds.map((seed) => LinearModel.train(examples, { ...options, seed }));
    const { labels } = models[0]!;
    const k = labels.length;
    const bias = new Float64Array(k);
    const weights = new Map<string, Float64Array>();
    for (const m of models) {
      for (let c = 0; c < k; c++) bias[c] = bias[c]! + m.bias[c]! / models.length;
      for (const [feature, row] of m.rows) {
        let sum = weights.get(feature);
        if (!sum) weights.set(feature, (sum = new Float64Array(k)));
        for (let c = 0; c < k; c++) sum[c] = sum[c]! + m.matrix[row * k + c]! / models.length;
      }
    }
    return LinearModel.fromRows(labels, bias, weights);
  }

  static fromJSON(data: LinearModelData): LinearModel {
    const weights = new Map(Object.entries(data.weights).map(([f, w]) => [f, Float64Array.from(w)]));
    return LinearModel.fromRows(data.labels, Float64Array.from(data.bias), weights);
  }

  /** The model as packed by `pack()`: the arrays are used as they are, not copied. */
  static fromPacked({ labels, bias, features, matrix }: PackedLinearModel): LinearModel {
    if (matrix.length !== features.length * labels.length || bias.length !== labels.length) throw new Error('packed model: sizes do not match');
    return new LinearModel(labels, bias, new Map(features.map((f, row) => [f, row])), matrix);
  }

  /** The model's data as `toJSON()` gives it (rounded, negligible features dropped), as one block. */
  static pack(data: LinearModelData): PackedLinearModel {
    const k = data.labels.length;
    const features = Object.keys(data.weights);
    const matrix = new Float32Array(features.length * k);
    features.forEach((f, row) => matrix.set(data.weights[f]!, row * k));
    return { labels: [...data.labels], bias: Float64Array.from(data.bias), features, matrix };
  }

  toJSON(): LinearModelData {
    const weights: Record<string, number[]> = {};
    for (const feature of this.rows.keys()) {
      const row = this.weightsOf(feature)!;
      if (row.some((w) => Math.abs(w) >= PRUNE_BELOW)) weights[feature] = Array.from(row, round);
    }
    return { labels: [...this.labels], bias: Array.from(this.bias, round), weights };
  }

  /** Every label's probability, best first (ties in label order). Unknown features are ignored. */
  predict(features: readonly string[]): Prediction[] {
    const scores = this.scores(features);
    // Insertion sort of the label indices: stable, as Array.prototype.sort is, and no comparator calls.
    const k = scores.length;
    const order = new Array<number>(k);
    for (let c = 0; c < k; c++) {
      let at = c;
      for (; at > 0 && scores[order[at - 1]!]! < scores[c]!; at--) order[at] = order[at - 1]!;
      order[at] = c;
    }
    const predictions = new Array<Prediction>(k);
    for (let i = 0; i < k; i++) predictions[i] = { label: this.labels[order[i]!]!, p: scores[order[i]!]! };
    return predictions;
  }

  /** Probability of one label (the same figure `predict` gives it). */
  probability(features: readonly string[], label: string): number {
    const c = this.labels.indexOf(label);
    return c < 0 ? 0 : this.scores(features)[c]!;
  }

  /** The features last scored, and their rows (see rowsOf). */
  private lastFeatures: readonly string[] | undefined;
  private lastRows = new Int32Array(0);
  /** This model's row of each numbered feature, -1 where it has none: made when it first scores. */
  private rowByNumber: Int32Array | undefined;

  /** Numbers this model's features (see FEATURE_NUMBERS), once. */
  private numbered(): Int32Array {
    if (this.rowByNumber !== undefined) return this.rowByNumber;
    for (const feature of this.rows.keys()) if (!FEATURE_NUMBERS.has(feature)) FEATURE_NUMBERS.set(feature, FEATURE_NUMBERS.size);
    // (Features numbered later, for another model, are none of this one's: their numbers fall past the end.)
    const rowByNumber = new Int32Array(FEATURE_NUMBERS.size).fill(-1);
    for (const [feature, row] of this.rows) rowByNumber[FEATURE_NUMBERS.get(feature)!] = row;
    this.rowByNumber = rowByNumber;
    return rowByNumber;
  }

  /**
   * Each feature's row, -1 for a feature the model has not seen. A message's features are looked up once: the
   * explanation (`strongest`) and `coverage` then read the same message's, and a look-up in tens of thousands of
   * features is most of what scoring costs.
   */
  private rowsOf(features: readonly string[]): Int32Array {
    if (features === this.lastFeatures) return this.lastRows;
    const rowByNumber = this.numbered();
    const numbers = numbersOf(features);
    const rows = new Int32Array(features.length);
    for (let i = 0; i < features.length; i++) {
      const number = numbers[i]!;
      rows[i] = number >= 0 && number < rowByNumber.length ? rowByNumber[number]! : -1;
    }
    this.lastFeatures = features;
    this.lastRows = rows;
    return rows;
  }

  /** Every label's probability, in label order. */
  private scores(features: readonly string[]): Float64Array {
    // The fields in locals: read through `this` in the inner loop, this took twice as long.
    const k = this.labels.length;
    const matrix = this.matrix;
    const rows = this.rowsOf(features);
    const scores = this.bias.slice();
    for (const row of rows) {
      if (row < 0) continue;
      const at = row * k;
      for (let c = 0; c < k; c++) scores[c] = scores[c]! + matrix[at + c]!;
    }
    softmaxInPlace(scores);
    return scores;
  }

  /** The features that pushed most towards `label`, for explanations. */
  strongest(features: readonly string[], label: string, count = 3): string[] {
    const c = this.labels.indexOf(label);
    if (c < 0) return [];
    // The best `count` by weight, ties in the features' order, each feature once: what sorting them all
    // gave, without building and sorting an object a feature (this runs for every message's reason).
    const k = this.labels.length;
    const top: string[] = [];
    const weights: number[] = [];
    const rows = this.rowsOf(features);
    for (let i = 0; i < features.length; i++) {
      const f = features[i]!;
      const row = rows[i]!;
      if (row < 0) continue;
      const w = this.matrix[row * k + c]!;
      if (!(w > 0)) continue;
      let at = top.length;
      while (at > 0 && weights[at - 1]! < w) at--;
      if (at >= count || top.includes(f)) continue;
      top.splice(at, 0, f);
      weights.splice(at, 0, w);
      if (top.length > count) {
        top.pop();
        weights.pop();
      }
    }
    return top;
  }

  /** Share of the features the model has seen. */
  coverage(features: readonly string[]): number {
    if (features.length === 0) return 0;
    return this.rowsOf(features).filter((row) => row >= 0).length / features.length;
  }
}

function softmaxInPlace(out: Float64Array): void {
  let max = -Infinity;
  for (const v of out) if (v > max) max = v;
  let total = 0;
  for (let c = 0; c < out.length; c++) total += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < out.length; c++) out[c] = out[c]! / total;
}

function softmaxInto(out: Float64Array, bias: Float64Array, rows: readonly Float64Array[]): void {
  const k = out.length;
  for (let c = 0; c < k; c++) {
    let s = bias[c]!;
    for (const row of rows) s += row[c]!;
    out[c] = s;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (out[c]! > max) max = out[c]!;
  let total = 0;
  for (let c = 0; c < k; c++) total += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < k; c++) out[c] = out[c]! / total;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
