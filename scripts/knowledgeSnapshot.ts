/**
 * Build step: validates knowledge/ and writes dist/knowledge.snapshot.json for a fast start-up, then trains
 * the understanding's models into dist/understanding.models.bin when what they learn from has changed (a
 * few seconds), so that neither the first `npm start` nor the first test has to.
 */
import { loadKnowledgeFast, writeSnapshot } from '../knowledge/snapshot';
import { Recognizer } from '../src/nlu/recognizer';

if (!writeSnapshot()) {
  // Not a build failure: staff editing knowledge/ get the problems from `npm run kb:check` or at start-up.
  console.warn('knowledge/ is not valid, so no start-up snapshot was written: `npm run kb:check` lists the problems.');
} else {
  Recognizer.fromKnowledge(loadKnowledgeFast());
}
