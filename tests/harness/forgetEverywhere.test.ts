/**
 * "Forget me" works wherever the person is: before any question and at every step of every flow (the
 * points are generated from knowledge/flows.yaml, as for emergency injection). Each time the reply says
 * so and the conversation's state is gone from the store on that very turn.
 */
import { injectionPoints } from '../../src/harness/emergencyInjection';
import { ConversationDriver } from '../../src/harness/conversationDriver';
import { ExpiringMemoryStorage } from '../../src/storage/expiringMemoryStorage';
import { realBot, realKnowledge } from '../helpers';

const storage = new ExpiringMemoryStorage({ idleMs: 30 * 60_000, maxEntries: 1000 });
const parts = realBot({ storage });
const points = injectionPoints(realKnowledge(), parts.responder);

describe('"forget me" at every point of every flow', () => {
  it.each(points.map((p) => [p.at, p]))('at %s the state is deleted on that turn', async (_at, point) => {
    const driver = new ConversationDriver(parts.bot);
    await driver.say('hello');
    for (const text of point.path) await driver.say(text);
    const before = storage.size;
    expect(before).toBeGreaterThan(0);
    const turn = await driver.say('forget me');
    expect(turn.explanation?.visited.interrupts).toContain(`forget@${point.at}`);
    expect(turn.explanation?.responses).toContain('r-forgotten');
    expect(storage.size).toBe(before - 1);
    // Afterwards the chat starts afresh: the old question is not waiting.
    const next = await driver.say('Yes');
    expect(next.explanation?.responses).not.toContain('r-forgotten');
    expect(next.explanation?.visited.steps).toEqual([]);
    // (and the new turn keeps only what it needs again)
    expect(storage.size).toBe(before);
  });
});
