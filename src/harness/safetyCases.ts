/** tests/nlu/safety-cases.yaml: messages that must, and must not, get the emergency answer. */
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../projectRoot';
import { loadYamlFile } from './yamlFile';

export const SAFETY_CASES_FILE = 'tests/nlu/safety-cases.yaml';

const SafetyCasesSchema = z.strictObject({
  version: z.literal(1),
  emergencies: z.array(z.string().min(1)).min(1),
  not_emergencies: z.array(z.string()).min(1),
});
export type SafetyCases = z.infer<typeof SafetyCasesSchema>;

export function loadSafetyCases(path = join(projectRoot(), SAFETY_CASES_FILE)): SafetyCases {
  return loadYamlFile(path, SafetyCasesSchema);
}
