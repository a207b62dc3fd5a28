/** The intent recognizer: typical messages, "none" below the threshold, and natural's own scores. */
import { IntentClassifier } from '../../src/nlu/intentClassifier';
import { NO_INTENT } from '../../src/nlu/recognizer';
import { realKnowledge, realRecognizer } from '../helpers';

const recognizer = realRecognizer();

describe('intent recognizer', () => {
  it.each([
    ['I want to report a hate crime', 'report'],
    ['someone keeps shouting racist stuff at me', 'report'],
    ['i saw a woman get abused for wearing a headscarf', 'report-witness'],
    ['my brother got abuse for being gay', 'report-on-behalf'],
    ['i dont want to talk to police', 'report-not-police'],
    ['can i fill in a form online', 'report-online'],
    ['whats the number to ring', 'report-phone'],
    ['what does hate crime mean', 'what-is-hate-crime'],
    ['not sure if this is serious enough to report', 'not-sure-counts'],
    ['i want to speak to an lgbt liaison officer', 'lgbt-liaison'],
    ['I am deaf, can I text', 'accessible-contact'],
    ['where can i find more info', 'more-info'],
    ['how does this work', 'help'],
    ['start again', 'restart'],
    ['is this chat anonymous', 'privacy'],
    ['thank you', 'thanks'],
    ['hello', 'greeting'],
    ['yeah', 'affirm'],
    ['nope', 'deny'],
    ['dunno', 'unsure'],
  ])('"%s" -> %s', (text, intent) => {
    const decision = recognizer.recognize(text);
    expect(decision.emergency).toBe(false);
    expect(decision.intent).toBe(intent);
    expect(decision.confidence).toBeGreaterThanOrEqual(recognizer.settings.threshold);
  });

  it.each([['purple monkey dishwasher'], ['asdfghjkl'], ['the weather is nice'], ['']])('"%s" -> none', (text) => {
    const decision = recognizer.recognize(text);
    expect(decision.intent).toBe(NO_INTENT);
    expect(decision.reason).toMatch(/^no intent/);
  });

  it('gives every decision a reason and ranked alternatives', () => {
    const decision = recognizer.recognize('someone called me a racist name at work');
    expect(decision.reason).toContain(decision.intent);
    expect(decision.alternatives.length).toBeGreaterThan(0);
    expect(decision.alternatives[0]!.confidence).toBeLessThanOrEqual(decision.confidence);
  });

  it('spots LGBT+ topics and personal details', () => {
    expect(recognizer.recognize('they shouted homophobic abuse at me').lgbtMention).toBe(true);
    expect(recognizer.recognize('they shouted racist abuse at me').lgbtMention).toBe(false);
    expect(recognizer.recognize('my number is 07700 900123').personalDetails).toBe(true);
    expect(recognizer.recognize('email me at sam@example.com').personalDetails).toBe(true);
    expect(recognizer.recognize('I live at AL1 3AB').personalDetails).toBe(true);
    expect(recognizer.recognize('should I call 101 or 999').personalDetails).toBe(false);
  });

  it("scores only the words present, giving natural's own dense scores", () => {
    const k = realKnowledge();
    const examples = k.intents.flatMap((i) => i.utterances.map((u) => ({ intent: i.id, tokens: recognizer.normalize(u).tokens })));
    const classifier = new IntentClassifier(examples, k.nlu.recognizer.smoothing);
    for (const text of ['someone called me a racist name at work', 'can i ring the police about it', 'my friend was attacked']) {
      const tokens = recognizer.normalize(text).tokens;
      const dense = classifier.classifyDense(tokens);
      const total = dense.reduce((s, d) => s + d.value, 0);
      const sparse = classifier.classify(tokens);
      expect(sparse.ranking[0]!.intent).toBe(dense[0]!.label);
      expect(sparse.posteriors.get(dense[0]!.label)).toBeCloseTo(dense[0]!.value / total, 10);
    }
  });
});
