import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkReply, compileReplyRules } from '../../src-shared/reply-checks/check-reply.js';
import { parseReplyRules } from '../../src-shared/reply-checks/reply-rules.js';

interface FixtureReply {
  language: string;
  text: string;
  flag: string[];
}

const RULES_FILE = 'resources/ai/reply-rules.json';
const rules = compileReplyRules(parseReplyRules(JSON.parse(readFileSync(RULES_FILE, 'utf8')), RULES_FILE));
const fixture = JSON.parse(readFileSync('tests/reply-checks/fixtures/replies.json', 'utf8')) as { replies: FixtureReply[] };

/** Counted per (reply, rule): a rule that should fire and did, fired wrongly, or stayed silent. */
function score(): { truePositives: number; falsePositives: number; falseNegatives: number; mistakes: string[] } {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const mistakes: string[] = [];
  for (const reply of fixture.replies) {
    const fired = new Set(checkReply(rules, { text: reply.text, language: reply.language, market: null }).map((hit) => hit.ruleId));
    for (const ruleId of fired) {
      if (reply.flag.includes(ruleId)) truePositives += 1;
      else {
        falsePositives += 1;
        mistakes.push(`false: ${ruleId} on "${reply.text}"`);
      }
    }
    for (const ruleId of reply.flag) {
      if (!fired.has(ruleId)) {
        falseNegatives += 1;
        mistakes.push(`missed: ${ruleId} on "${reply.text}"`);
      }
    }
  }
  return { truePositives, falsePositives, falseNegatives, mistakes };
}

describe('the default reply rules on replies written apart from them', () => {
  it('flag what they should and pass the rest, in eight languages', () => {
    const { truePositives, falsePositives, falseNegatives, mistakes } = score();
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(`reply rules: ${fixture.replies.length} replies, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${mistakes.length ? `\n  ${mistakes.join('\n  ')}` : ''}`);
    expect(new Set(fixture.replies.map((reply) => reply.language)).size).toBeGreaterThanOrEqual(8);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it("pass every canned reply and knowledge article the product ships, which agents insert as they are", () => {
    const canned = (JSON.parse(readFileSync('resources/kb/canned-replies.json', 'utf8')) as { replies: { body: string; locale: string }[] }).replies;
    const articles = (JSON.parse(readFileSync('resources/demo/articles.json', 'utf8')) as { articles: { body: string; locale: string }[] }).articles;
    const texts = [...canned, ...articles];
    expect(texts.length).toBeGreaterThan(40);
    const flagged = texts.filter((text) => checkReply(rules, { text: text.body, language: text.locale, market: null }).length > 0);
    expect(flagged.map((text) => text.body.slice(0, 80))).toEqual([]);
  });

  it('every rule of the file is exercised by the fixture, flagged and passed', () => {
    const expected = new Set(fixture.replies.flatMap((reply) => reply.flag));
    expect([...expected].sort()).toEqual(rules.rules.map((rule) => rule.rule.id).sort());
    expect(fixture.replies.filter((reply) => reply.flag.length === 0).length).toBeGreaterThanOrEqual(20);
  });
});
