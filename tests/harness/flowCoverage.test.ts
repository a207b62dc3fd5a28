/** Flow coverage: what the scenario suite touches, and the minimums in tests/flow-coverage.yaml. */
import { join } from 'node:path';
import { belowMinimum, coverageHtml, coverageUniverse, flowCoverage, formatCoverageTable, loadCoverageConfig } from '../../src/harness/flowCoverage';
import { runScenarios } from '../../src/harness/scenarios';
import { realBot, realKnowledge } from '../helpers';

const { bot } = realBot({ traceAllChannels: true });
const config = loadCoverageConfig(join(__dirname, '..', 'flow-coverage.yaml'));

describe('flow coverage', () => {
  it('the scenario suite meets the minimums', async () => {
    const results = await runScenarios(bot, join(__dirname, '..', 'conversations'));
    const sections = flowCoverage(realKnowledge(), results, config.ignore);
    expect(belowMinimum(sections, config.minimum)).toEqual([]);
  });

  it('counts what one scenario touches, and lists the rest as not covered', async () => {
    const results = await runScenarios(bot, [join(__dirname, '..', 'conversations', 'report-victim-phone.yaml')]);
    const sections = flowCoverage(realKnowledge(), results);
    const steps = sections.find((s) => s.name === 'steps')!;
    expect(steps.items.find((i) => i.id === 'report/ask-in-danger')!.by).toEqual(['report-victim-phone.yaml']);
    expect(steps.items.find((i) => i.id === 'lgbt-liaison/ask-lgbt-urgent')!.by).toEqual([]);
    const channels = sections.find((s) => s.name === 'channels')!;
    expect(channels.items.filter((i) => i.by.length > 0).map((i) => i.id)).toEqual(['call-101']);
    expect(belowMinimum(sections, config.minimum).length).toBeGreaterThan(0);
    expect(formatCoverageTable(sections, config.minimum)).toMatch(/Not covered by any scenario:\n[\s\S]*lgbt-liaison\/ask-lgbt-urgent/);
    expect(coverageHtml(sections, config.minimum, 1)).toMatch(/<tr class="no"><td><code>lgbt-liaison\/ask-lgbt-urgent<\/code>/);
  });

  it('counts an interruption at every step and before any question', () => {
    const universe = coverageUniverse(realKnowledge());
    expect(universe.interrupts).toContain('emergency@start');
    expect(universe.interrupts).toContain('help@report/ask-speak-to-police');
    expect(universe.interrupts).toHaveLength(3 * (1 + universe.steps.length));
  });
});
