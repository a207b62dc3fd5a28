/** The bench's target lines: each says whether issue 11's bound was met, and MISSED when it was not. */
import { targetNote } from '../../scripts/bench/targets';

describe('bench targets', () => {
  it.each([
    ['throughputVsEcho', 1.02, 'x', 1, 'target >= 1.0x: met'],
    ['throughputVsEcho', 1.0, 'x', 1, 'target >= 1.0x: met'],
    ['throughputVsEcho', 0.77, 'x', 1, 'target >= 1.0x: MISSED'],
    ['p99VsEcho', 0.9, 'x', 1, 'target <= 1.0x: met'],
    ['p99VsEcho', 1.24, 'x', 1, 'target <= 1.0x: MISSED'],
    ['startMs', 940, ' ms', 0, 'target <= 1500 ms: met'],
    ['startMs', 1501, ' ms', 0, 'target <= 1500 ms: MISSED'],
    ['recognizerMedianUs', 138, ' us', 0, 'target <= 150 us: met'],
    ['recognizerMedianUs', 150.1, ' us', 0, 'target <= 150 us: MISSED'],
    ['peakRssMb', 199, ' MB', 0, 'target <= 200 MB: met'],
    ['peakRssMb', 219, ' MB', 0, 'target <= 200 MB: MISSED'],
  ] as const)('%s %s', (name, value, unit, digits, note) => {
    expect(targetNote(name, value, unit, digits)).toBe(note);
  });
});
