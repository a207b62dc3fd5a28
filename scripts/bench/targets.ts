/** Issue 11's speed targets, and how the bench says whether each was met. */

/** Issue 11's "Done when" (the speed part), each as a bound on one figure. */
export const TARGETS = {
  throughputVsEcho: { at: 'least', bound: 1.0 },
  p99VsEcho: { at: 'most', bound: 1.0 },
  startMs: { at: 'most', bound: 1500 },
  recognizerMedianUs: { at: 'most', bound: 150 },
  peakRssMb: { at: 'most', bound: 200 },
} as const satisfies Record<string, { at: 'least' | 'most'; bound: number }>;

/** "target >= 1.0x: met" or "target <= 200 MB: MISSED", as the evaluation prints its targets. */
export function targetNote(name: keyof typeof TARGETS, value: number, unit = '', digits = 1): string {
  const { at, bound } = TARGETS[name];
  const met = at === 'least' ? value >= bound : value <= bound;
  return `target ${at === 'least' ? '>=' : '<='} ${bound.toFixed(digits)}${unit}: ${met ? 'met' : 'MISSED'}`;
}
