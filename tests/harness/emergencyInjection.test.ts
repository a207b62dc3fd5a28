/**
 * Emergency injection: every emergency message in tests/nlu/safety-cases.yaml, sent at every step of
 * every flow (found from knowledge/flows.yaml) and before any question, must get 999 on that turn.
 */
import { emergencyNumber, injectEmergency, injectionPoints } from '../../src/harness/emergencyInjection';
import { loadSafetyCases } from '../../src/harness/safetyCases';
import { realBot, realKnowledge } from '../helpers';

const parts = realBot();
const points = injectionPoints(realKnowledge(), parts.responder);
const messages = loadSafetyCases().emergencies;

describe('emergency injection', () => {
  it('reaches every step of every flow, and the start', () => {
    const steps = Object.values(realKnowledge().flows).reduce((n, f) => n + f.steps.length, 0);
    expect(points).toHaveLength(steps + 1);
    expect(points[0]).toEqual({ at: 'start', path: [] });
  });

  it('reports a message that does not get 999 (the check can fail)', async () => {
    const result = await injectEmergency(parts.bot, emergencyNumber(realKnowledge()), points[2]!, 'I saw it happen');
    expect(result.problem).toMatch(/no emergency answer/);
  });

  it.each(points.map((p) => [p.at, p]))('an emergency at %s gets 999 on that turn', async (_at, point) => {
    const misses: string[] = [];
    for (const message of messages) {
      const result = await injectEmergency(parts.bot, emergencyNumber(realKnowledge()), point, message);
      if (result.problem) misses.push(`"${message}": ${result.problem}`);
    }
    expect(misses).toEqual([]);
  });
});
