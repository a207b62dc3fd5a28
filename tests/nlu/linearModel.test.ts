/** The linear model: trained, and trained as an average of several seeds' models. */
import { DEFAULT_TRAINING, LinearModel, type Example } from '../../src/nlu/linearModel';

const examples: Example[] = [
  ...['knife', 'stab', 'bleeding', 'kicking door'].map((w) => ({ features: w.split(' '), label: 'emergency' })),
  ...['weather', 'bank', 'train times', 'last week'].map((w) => ({ features: w.split(' '), label: 'not-emergency' })),
];

describe('LinearModel.trainAveraged', () => {
  it('one seed averaged is that seed’s model', () => {
    const single = LinearModel.train(examples, { ...DEFAULT_TRAINING, seed: 7 });
    const averaged = LinearModel.trainAveraged(examples, [7]);
    for (const f of ['knife', 'weather', 'door', 'unknown']) expect(averaged.probability([f], 'emergency')).toBeCloseTo(single.probability([f], 'emergency'), 10);
  });

  it('the average of several seeds still learns the classes, and lies between its members', () => {
    const averaged = LinearModel.trainAveraged(examples, [7, 11, 13]);
    expect(averaged.probability(['knife'], 'emergency')).toBeGreaterThan(0.5);
    expect(averaged.probability(['bank'], 'emergency')).toBeLessThan(0.5);
    const members = [7, 11, 13].map((seed) => LinearModel.train(examples, { ...DEFAULT_TRAINING, seed }).probability(['stab', 'weather'], 'emergency'));
    const p = averaged.probability(['stab', 'weather'], 'emergency');
    expect(p).toBeGreaterThanOrEqual(Math.min(...members) - 1e-9);
    expect(p).toBeLessThanOrEqual(Math.max(...members) + 1e-9);
  });
});
