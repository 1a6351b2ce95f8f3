import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
/** The WCAG 2.1 A and AA rules; axe's best practices and AAA rules are left out on purpose. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 AA findings on what the page shows now, one line per element:
 * "screen: rule-id target → what fails". The page's context needs `bypassCSP: true`, since the
 * desk's policy allows no injected script.
 */
export async function axeFindings(page: Page, screen: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_21_AA,
  );
  return results.violations.flatMap((rule) =>
    rule.nodes.map((node) => `${screen}: ${rule.id} ${JSON.stringify(node.target)} → ${(node.failureSummary ?? rule.help).replace(/\s+/g, ' ')}`),
  );
}
