/**
 * `npm run coverage:flows`: runs the scenario suite through the real bot and reports which intents,
 * flow steps, choices, channel outcomes, responses and interruptions it covers, as a table here and an
 * HTML page in reports/flow-coverage.html. Exits 1 below the minimums in tests/flow-coverage.yaml or if
 * a scenario fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { buildBot } from '../buildBot';
import { belowMinimum, coverageHtml, flowCoverage, formatCoverageTable, loadCoverageConfig } from '../harness/flowCoverage';
import { runScenarios, SCENARIO_DIR } from '../harness/scenarios';
import { projectRoot } from '../projectRoot';

export const COVERAGE_CONFIG_FILE = 'tests/flow-coverage.yaml';

async function main(): Promise<void> {
  const root = projectRoot();
  const knowledge = loadKnowledge();
  const { minimum, ignore } = loadCoverageConfig(join(root, COVERAGE_CONFIG_FILE));
  const results = await runScenarios(buildBot(knowledge, { traceAllChannels: true }).bot, join(root, SCENARIO_DIR));
  const sections = flowCoverage(knowledge, results, ignore);
  const reports = join(root, 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(join(reports, 'flow-coverage.html'), coverageHtml(sections, minimum, results.length));
  writeFileSync(join(reports, 'flow-coverage.json'), JSON.stringify({ scenarios: results.length, sections }, null, 2));
  console.log(`Flow coverage of ${results.length} scenarios\n`);
  console.log(formatCoverageTable(sections, minimum));
  console.log(`\nHTML report: reports/flow-coverage.html`);
  const failed = results.filter((r) => !r.passed);
  if (failed.length > 0) console.log(`\n${failed.length} scenarios fail: run npm run scenarios to see why.`);
  const below = belowMinimum(sections, minimum);
  for (const line of below) console.log(`BELOW MINIMUM ${line}`);
  if (below.length > 0 || failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
