import { describe, expect, it } from 'vitest';
import { evaluatePii, marketOf, piiFixtures } from './support/pii-evaluation.js';

/**
 * The detector against the labelled set written apart from it (fixtures/README.md). The floors are
 * what a masking policy can lean on: most finds real, most personal data found. `npm run bench --
 * pii` prints the figures per kind.
 */
describe('personal data detector on the independent fixture set', () => {
  const evaluation = evaluatePii(piiFixtures());

  it('finds most of the labelled personal data, and few things that are not', () => {
    expect(evaluation.overall.precision, evaluation.falseFinds.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.overall.recall, evaluation.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('takes no number that fails its check as a card, CPF or Chinese or Thai id', () => {
    for (const kind of ['card', 'cpf', 'cn_resident_id', 'th_citizen_id'] as const) {
      expect(evaluation.byKind[kind].precision, `${kind}: ${evaluation.falseFinds.filter((f) => f.includes(` ${kind} `)).join('; ')}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("reads each fixture's market from its language as the desk would know it", () => {
    expect(marketOf('pt-BR')).toBe('BR');
    expect(marketOf('zh-Hans')).toBe('CN');
    expect(marketOf('hi-Latn')).toBe('IN');
    expect(marketOf('xx')).toBeNull();
  });
});
