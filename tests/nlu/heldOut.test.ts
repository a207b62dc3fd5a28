/**
 * The evaluation corpus stays held out: `npm run nlu:eval` scores only messages that no training data in
 * knowledge/ holds (intents, topics, out of scope, danger training, answers), and there are enough of them.
 */
import { evaluationTexts, textKey, trainingKeys } from '../../src/cli/nluEval';
import { realKnowledge } from '../helpers';

describe('held-out evaluation', () => {
  const training = trainingKeys(realKnowledge());
  const evaluation = evaluationTexts();
  const unseen = evaluation.filter((t) => !training.has(textKey(t)));

  it('has at least 1,000 messages the bot was never trained on', () => {
    expect(unseen.length).toBeGreaterThanOrEqual(1000);
  });
});
