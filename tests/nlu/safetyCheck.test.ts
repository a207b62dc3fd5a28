/** The emergency check: what must give 999 at once, and what must not (tests/nlu/safety-cases.yaml). */
import { loadSafetyCases } from '../../src/harness/safetyCases';
import { realRecognizer } from '../helpers';

const recognizer = realRecognizer();
const cases = loadSafetyCases();

describe('emergency check', () => {
  it('has its cases', () => {
    expect(cases.emergencies.length).toBeGreaterThanOrEqual(36);
    expect(cases.not_emergencies.length).toBeGreaterThanOrEqual(27);
  });

  it.each(cases.emergencies.map((t) => [t]))('"%s" is an emergency', (text) => {
    const decision = recognizer.recognize(text);
    expect(decision.emergency).toBe(true);
    expect(decision.reason).toMatch(/^emergency rule/);
  });

  it.each(cases.not_emergencies.map((t) => [t]))('"%s" is not an emergency', (text) => {
    expect(recognizer.recognize(text).emergency).toBe(false);
  });

  it('explains a negated cue', () => {
    expect(recognizer.recognize('I am not in danger').reason).toMatch(/negated by "not"/);
  });

  it('explains a cue in the past', () => {
    expect(recognizer.recognize('they were outside my house yesterday').reason).toMatch(/in the past/);
  });
});
