/** `npm run kb:check`: validates knowledge/, checks every quote against its source, prints a summary. */
import { KnowledgeError, loadKnowledge } from '../../knowledge/loadKnowledge';
import { verifyQuotes } from '../../knowledge/verifyQuotes';

function main(): number {
  let k;
  try {
    k = loadKnowledge();
  } catch (error) {
    if (error instanceof KnowledgeError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const quotes = verifyQuotes(k);
  if (quotes.problems.length > 0) {
    console.error('knowledge/ quotes do not match their sources:\n' + quotes.problems.join('\n'));
    return 1;
  }
  const steps = Object.values(k.flows).reduce((n, f) => n + f.steps.length, 0);
  const utterances = k.intents.reduce((n, i) => n + i.utterances.length, 0);
  const words = Object.values(k.safety.lexicons).reduce((n, l) => n + l.length, 0);
  const u = k.understanding;
  const count = (groups: Record<string, string[] | undefined>) => Object.values(groups).reduce((n, l) => n + (l?.length ?? 0), 0);
  const answers = Object.values(u.answers).reduce((n, byMeaning) => n + count(byMeaning), 0);
  console.log(
    [
      'knowledge/ is valid',
      `  channels: ${k.channels.length} (${k.channels.map((c) => c.id).join(', ')}), accessible routes: ${k.accessibleRoutes.length}`,
      `  sources: ${k.sources.length}, facts: ${k.facts.length}, quotes checked against the article: ${quotes.checked}`,
      `  responses: ${Object.keys(k.responses).length}, menus: ${Object.keys(k.menus).length}`,
      `  flows: ${Object.keys(k.flows).length} (${steps} steps), intents: ${k.intents.length} (${utterances} training phrases)`,
      `  emergency families: ${Object.keys(k.safety.families).length}, built from ${Object.keys(k.safety.lexicons).length} word lists (${words} entries)`,
      `  training: ${count(u.topics)} more topic phrases, ${count(u.outOfScope)} out-of-scope, ${u.danger.emergency.length} + ${u.danger['not-emergency'].length} emergency / not, ${answers} typed answers`,
    ].join('\n'),
  );
  return 0;
}

process.exitCode = main();
