import { findPersonalData } from '../../src-shared/privacy/find-personal-data.js';
import { evaluatePii, marketOf, piiFixtures } from '../privacy/support/pii-evaluation.js';

/**
 * `npm run bench -- pii`: the personal-data detector's precision and recall per kind on the
 * fixture set written apart from it (tests/privacy/fixtures), and its speed over those texts.
 * The last line is one JSON object.
 */
const cases = piiFixtures();
const evaluation = evaluatePii(cases);
const round = (value: number) => Math.round(value * 1000) / 1000;

const ROUNDS = 20;
const started = performance.now();
for (let round = 0; round < ROUNDS; round += 1) for (const fixture of cases) findPersonalData(fixture.text, { market: marketOf(fixture.language) });
const msPerMessage = (performance.now() - started) / (ROUNDS * cases.length);

for (const miss of evaluation.misses) console.log(`missed      ${miss}`);
for (const find of evaluation.falseFinds) console.log(`false find  ${find}`);
console.log(
  JSON.stringify({
    cases: cases.length,
    labelled: evaluation.overall.truePositives + evaluation.overall.falseNegatives,
    precision: round(evaluation.overall.precision),
    recall: round(evaluation.overall.recall),
    by_kind: Object.fromEntries(Object.entries(evaluation.byKind).map(([kind, score]) => [kind, { precision: round(score.precision), recall: round(score.recall), found: score.truePositives, false_finds: score.falsePositives, missed: score.falseNegatives }])),
    ms_per_message: round(msPerMessage),
  }),
);
