/** Routing when the recognizer cannot choose between two intents, through the router and the real bot. */
import { buildBot } from '../../src/buildBot';
import { ConversationDriver } from '../../src/harness/conversationDriver';
import type { Decision } from '../../src/nlu/recognizer';
import { Recognizer } from '../../src/nlu/recognizer';
import { realBot, realKnowledge, realRecognizer } from '../helpers';

/** A real decision for `text`, made a close call between two intents. */
function closeCall(text: string, a: string, b: string): Decision {
  const decision = realRecognizer().recognize(text);
  return { ...decision, emergency: false, intent: a, confidence: 0.5, clarify: [a, b], reason: `close call: "${a}" vs "${b}"` };
}

describe('router', () => {
  const { router } = realBot();

  it('asks which was meant when two intents with different flows are close', () => {
    const routed = router.topLevel('officer info', closeCall('officer info', 'lgbt-liaison', 'more-info'));
    expect(routed.action).toEqual({ kind: 'clarify', intents: ['lgbt-liaison', 'more-info'] });
  });

  it('starts the shared flow without asking when both intents start it', () => {
    const routed = router.topLevel('my mum and me', closeCall('my mum and me', 'report', 'report-on-behalf'));
    expect(routed.action).toMatchObject({ kind: 'flow', flowId: 'report', presets: {} });
  });

  it('lists the channels of both readings of a close call, best first', () => {
    expect(router.channelsFor(closeCall('x', 'report-online', 'report-phone'))).toEqual(['online-report', 'call-101']);
  });

  it('maps a menu button straight to its intent and presets', () => {
    const routed = router.menuButton("I'm safe now, help me report");
    expect(routed?.action).toEqual({ kind: 'flow', intent: 'report', flowId: 'report', presets: { 'ask-in-danger': 'no' } });
  });
});

describe('a clarifying question in the real bot', () => {
  it('offers both as buttons, and a button press goes on to that flow', async () => {
    // A real recognizer that finds "officer info" a close call; every other message is read as usual.
    const recognizer = Recognizer.fromKnowledge(realKnowledge());
    const recognize = recognizer.recognize.bind(recognizer);
    recognizer.recognize = (text) => (text === 'officer info' ? closeCall(text, 'lgbt-liaison', 'more-info') : recognize(text));
    const { bot } = buildBot(realKnowledge(), { recognizer });
    const driver = new ConversationDriver(bot);
    const asked = await driver.say('officer info');
    expect(asked.explanation?.responses).toContain('q-clarify');
    expect(asked.buttons).toEqual(['LGBT+ Liaison Officer', 'More information']);
    const chosen = await driver.say('LGBT+ Liaison Officer');
    expect(chosen.explanation?.responses).toEqual(expect.arrayContaining(['r-lgbt-intro', 'q-lgbt-urgent']));
  });
});

describe('an emergency after the person said nobody is in danger', () => {
  const { router, recognizer } = realBot();
  const afterNo = { flowId: 'report', stepId: 'ask-who', presets: { 'ask-in-danger': 'no' } };

  it('is 999 at once when said plainly', () => {
    const decision = recognizer.recognize("they're outside right now");
    expect(router.interruption("they're outside right now", decision, afterNo)?.action.kind).toBe('emergency');
  });

  it('only hinted ("they won\'t leave me alone"), is read as an answer, or failing that asked the danger question again', () => {
    const text = "they won't leave me alone";
    const decision = recognizer.recognize(text);
    expect(decision.emergency).toBe(true);
    expect(decision.danger.plain).toBe(false);
    expect(router.interruption(text, decision, afterNo)).toBeUndefined();
    expect(router.dangerFirst(decision, afterNo, 'who')?.action).toMatchObject({ kind: 'flow', flowId: 'report' });
    // With no "no" given before, the same message is 999 at once.
    expect(router.interruption(text, decision, { ...afterNo, presets: {} })?.action.kind).toBe('emergency');
  });
});
