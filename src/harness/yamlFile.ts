/** Reads a staff-editable YAML file through its zod schema; errors name the file and the key at fault. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';

export function parseWith<T extends z.ZodType>(path: string, schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`${path}: ` + result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

export function loadYamlFile<T extends z.ZodType>(path: string, schema: T): z.infer<T> {
  return parseWith(path, schema, parse(readFileSync(path, 'utf8')));
}
