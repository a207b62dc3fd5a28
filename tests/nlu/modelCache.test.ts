/** The trained models' cache: what start-up reads must be the very model that was trained, weight for weight. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinearModel } from '../../src/nlu/linearModel';
import { loadModels, loadWordCounts } from '../../src/nlu/models';
import { realKnowledge } from '../helpers';

const examples = [
  { features: ['someone', 'hit', 'me'], label: 'harm' },
  { features: ['lost', 'my', 'bike'], label: 'other' },
  { features: ['they', 'hit', 'him', 'not:stop'], label: 'harm' },
  { features: ['where', 'is', 'the', 'station'], label: 'other' },
  { features: ['999', 'now'], label: 'harm' },
];

describe('packed linear model', () => {
  const trained = LinearModel.train(examples);
  const data = trained.toJSON();
  const packed = LinearModel.fromPacked(LinearModel.pack(data));
  const fromJson = LinearModel.fromJSON(data);

  it.each([[['someone', 'hit', 'me']], [['lost', 'bike']], [['999']], [['unknown', 'words']], [[]]])('predicts %j exactly as the JSON form does', (features) => {
    expect(packed.predict(features)).toEqual(fromJson.predict(features));
    expect(packed.coverage(features)).toBe(fromJson.coverage(features));
    expect(packed.strongest(features, 'harm')).toEqual(fromJson.strongest(features, 'harm'));
  });

  it('packs back to the same data', () => {
    expect(packed.toJSON()).toEqual(data);
  });

  it('refuses a block whose size does not fit its labels and features', () => {
    const bad = LinearModel.pack(data);
    expect(() => LinearModel.fromPacked({ ...bad, matrix: bad.matrix.subarray(1) })).toThrow(/sizes/);
  });
});

describe('model cache file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'models-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const k = realKnowledge();
  const features = (text: string) => text.toLowerCase().split(/\s+/);
  const both = { features, dangerFeatures: features };
  const never = () => {
    throw new Error('trained again although the cache is current');
  };

  it('reads back what it wrote, without training again, and a damaged file is retrained', () => {
    const path = join(dir, 'models.bin');
    const first = loadModels(k, both, path);
    const again = loadModels(k, { features: never, dangerFeatures: never }, path);
    for (const text of ['someone is hitting me', 'where is my nearest police station', 'yes', '']) {
      expect(again.topic.predict(features(text))).toEqual(first.topic.predict(features(text)));
      expect(again.danger.predict(features(text))).toEqual(first.danger.predict(features(text)));
      expect(again.answers['yes-no'].predict(features(text))).toEqual(first.answers['yes-no'].predict(features(text)));
    }
    writeFileSync(path, 'not a cache');
    const retrained = loadModels(k, both, path);
    expect(retrained.topic.predict(['hit'])).toEqual(first.topic.predict(['hit']));
  }, 120_000);

  it('keeps the training words counted with the models, and counts them again when the cache is not current', () => {
    const path = join(dir, 'words.bin');
    const counted = loadWordCounts(k, features, path);
    expect(counted['hit']).toBeGreaterThan(1);
    loadModels(k, both, path, counted);
    expect(loadWordCounts(k, never, path)).toEqual(counted);
    writeFileSync(path, 'not a cache');
    expect(loadWordCounts(k, features, path)).toEqual(counted);
  }, 120_000);
});
