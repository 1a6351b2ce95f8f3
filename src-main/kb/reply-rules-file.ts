import { readFileSync } from 'node:fs';
import { compileReplyRules, type CompiledReplyRules } from '../../src-shared/reply-checks/check-reply.js';
import { parseReplyRules, ReplyRulesError } from '../../src-shared/reply-checks/reply-rules.js';

/**
 * Reads a company's reply rules (resources/ai/reply-rules.json, or WORKSTATION_REPLY_RULES) once,
 * at start: a broken file stops the start with the rule it names, rather than letting replies
 * go unchecked.
 */
export function loadReplyRules(file: string): CompiledReplyRules {
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ReplyRulesError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return compileReplyRules(parseReplyRules(raw, file));
}
