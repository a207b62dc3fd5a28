/** Build step: validates knowledge/ and writes dist/knowledge.snapshot.json for a fast start-up. */
import { writeSnapshot } from '../knowledge/snapshot';

if (!writeSnapshot()) {
  // Not a build failure: staff editing knowledge/ get the problems from `npm run kb:check` or at start-up.
  console.warn('knowledge/ is not valid, so no start-up snapshot was written: `npm run kb:check` lists the problems.');
}
