import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads a JSON file an administrator may edit (intents, regional notes, canned replies, the
 * model catalog); a mistake fails with the file, the path to the bad entry and what is wrong.
 */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  return parseJson(readFileSync(file, 'utf8'), file, schema);
}

export function parseJson<T>(text: string, source: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new JsonFileError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new JsonFileError(`${source}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export class JsonFileError extends Error {}
