import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SETTINGS_PATH, AdminSettings } from '../../src-shared/protocol/admin.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';

/** What zod writes on its own ("✖ Too small: expected string to have >=1 characters → at name"): never shown. */
const SCHEMA_TEXT = /✖|Too small|Too big|expected (string|number|array)|Invalid input|→ at/;

/** axe-core (a devDependency since issue 21), run in the page by the test rather than shipped with the app. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA rules broken inside `selector`, as "rule: element" lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [include] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  }, selector);
}

/** The administrator's forms by the keyboard and mouse, and a supervisor's steering controls, in a real Chromium. */
describe.skipIf(!chromiumAvailable())('browser: admin pickers, field errors and supervisor controls', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ browser } = stack);
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function relaySettings(): Promise<AdminSettings> {
    const { token } = await login(stack.relay.url, 'admin@demo.test', 'demo1234');
    const response = await fetch(`${stack.relay.url}${ADMIN_SETTINGS_PATH}`, { headers: { authorization: `Bearer ${token}` } });
    return AdminSettings.parse(await response.json());
  }

  const chips = (picker: Locator) => picker.getByTestId('picker-chip').evaluateAll((items) => items.map((item) => item.getAttribute('data-value')));

  /** The field's own error, found the way a screen reader does: through aria-describedby. */
  async function describedError(field: Locator): Promise<string> {
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const id = await field.getAttribute('aria-describedby');
    expect(id).toBeTruthy();
    return page.locator(`[id="${id}"]`).innerText();
  }

  it('opens the company settings', async () => {
    await signInOnPage(page, stack.host.url, 'admin@demo.test');
    await page.getByTestId('open-live').click();
    await page.getByTestId('supervisor-tab-admin').click();
    await page.getByTestId('admin-panel').waitFor();
  });

  it('shows an empty team name and no language as plain-word errors beside each field, never the schema text', async () => {
    const form = page.getByTestId('admin-new-team');
    await form.getByTestId('create-team').click();
    expect(await describedError(form.getByTestId('new-team-name'))).toBe('Enter a name.');
    expect(await describedError(form.getByTestId('new-team-languages-search'))).toBe('Choose at least one.');
    expect(await form.getByTestId('admin-error').innerText()).toBe('Some fields need a change: see the notes under them.');
    expect(await page.getByTestId('admin-panel').innerText()).not.toMatch(SCHEMA_TEXT);
    await form.screenshot({ path: artifactPath('admin-team-name-error.png') });
    expect(await axeViolations(page, '[data-testid="admin-new-team"]')).toEqual([]);
  });

  it('finds languages by name as typed, adds with Enter, removes the last with Backspace, and creates the team', async () => {
    const form = page.getByTestId('admin-new-team');
    const picker = form.getByTestId('new-team-languages');
    const search = picker.getByTestId('new-team-languages-search');
    await search.click();
    await search.pressSequentially('swed');
    expect(await search.getAttribute('aria-expanded')).toBe('true');
    const active = page.locator(`[id="${await search.getAttribute('aria-activedescendant')}"]`);
    expect(await active.getAttribute('data-value')).toBe('sv');
    expect(await active.getAttribute('aria-selected')).toBe('true');
    await form.screenshot({ path: artifactPath('admin-picker-search.png') });
    expect(await axeViolations(page, '[data-testid="admin-new-team"]')).toEqual([]);
    await search.press('Enter');
    // By the language's own name ("dansk" is Danish), then by moving down the list to the second match.
    await search.pressSequentially('dansk');
    await search.press('Enter');
    await search.pressSequentially('norw');
    const norwegian = await picker.getByTestId('new-team-languages-options').getByRole('option').evaluateAll((items) => items.map((item) => item.getAttribute('data-value')));
    expect(norwegian.length).toBeGreaterThan(1);
    await search.press('ArrowDown');
    await search.press('Enter');
    expect(await chips(picker)).toEqual(['sv', 'da', norwegian[1]]);
    await search.press('Backspace');
    expect(await chips(picker)).toEqual(['sv', 'da']);
    await search.pressSequentially('xyzzy');
    expect(await picker.getByTestId('new-team-languages-options').innerText()).toBe('Nothing matches');
    await search.fill('');
    await form.getByTestId('new-team-name').fill('Nordics');
    // Fixing the field clears its error at the next try, and the team is created.
    await form.getByTestId('create-team').click();
    // Its card names its languages in the interface language.
    await page.getByRole('group', { name: 'Nordics (Swedish, Danish)' }).waitFor({ timeout: 10_000 });
    expect((await relaySettings()).teams.find((team) => team.name === 'Nordics')?.languages).toEqual(['sv', 'da']);
  });

  it("picks a team's holiday markets by country name, and a region by its code", async () => {
    const team = page.locator('[data-testid="admin-team"][data-team-id="team-europe-americas"]');
    await team.getByTestId('team-always-open').uncheck();
    await team.getByTestId('team-time-zone').fill('America/Sao_Paulo');
    await team.getByTestId('team-hours-mon').fill('9:00-17:00');
    const picker = team.getByTestId('team-holidays');
    const search = picker.getByTestId('team-holidays-search');
    await search.click();
    await search.pressSequentially('brazi');
    await search.press('Enter');
    await search.pressSequentially('us-ca');
    expect(await picker.getByTestId('team-holidays-options').getByRole('option').last().innerText()).toContain('Add “United States (US-CA)”');
    await picker.getByTestId('team-holidays-options').getByRole('option', { name: /US-CA/ }).click();
    expect(await chips(picker)).toEqual(['BR', 'US-CA']);
    await search.pressSequentially('ger');
    await team.screenshot({ path: artifactPath('admin-picker-selection.png') });
    expect(await axeViolations(page, '[data-testid="team-holidays"]')).toEqual([]);
    await search.press('Escape');
    expect(await search.getAttribute('aria-expanded')).toBe('false');
    await team.getByTestId('save-team').click();
    await team.getByTestId('admin-saved').filter({ hasText: 'Saved' }).waitFor();
    expect((await relaySettings()).teams.find((t) => t.id === 'team-europe-americas')?.schedule?.holidayMarkets).toEqual(['BR', 'US-CA']);
  });

  it('lays the SLA policies out with every value readable in full', async () => {
    const policy = page.getByTestId('admin-sla-policy').first();
    for (const field of ['sla-name', 'sla-firstResponseMinutes', 'sla-nextResponseMinutes', 'sla-resolutionMinutes']) {
      const cut = await policy.getByTestId(field).evaluate((input: HTMLInputElement) => input.scrollWidth > input.clientWidth || input.clientWidth < 80);
      expect(cut, field).toBe(false);
    }
    await policy.getByTestId('sla-firstResponseMinutes').fill('');
    await page.getByTestId('save-policies').click();
    expect(await describedError(policy.getByTestId('sla-firstResponseMinutes'))).toBe('Enter a number above zero.');
    await policy.getByTestId('sla-firstResponseMinutes').fill('30');
    await policy.screenshot({ path: artifactPath('admin-sla-policy.png') });
  });

  it('checks the offer time and the retention days beside their fields, in the same plain words', async () => {
    await page.getByTestId('offers-on').check();
    await page.getByTestId('offer-seconds').fill('2');
    await page.getByTestId('save-offers').click();
    expect(await describedError(page.getByTestId('offer-seconds'))).toBe('Enter 5 or more.');
    const retention = page.getByTestId('admin-retention');
    await retention.getByTestId('retention-action').selectOption('delete');
    await retention.getByTestId('retention-default-days').fill('0');
    await retention.getByTestId('save-retention').click();
    expect(await describedError(retention.getByTestId('retention-default-days'))).toBe('Enter 1 or more.');
    expect(await page.getByTestId('admin-panel').innerText()).not.toMatch(SCHEMA_TEXT);
    await retention.getByTestId('retention-action').selectOption('keep');
    await page.getByTestId('offers-on').uncheck();
  });

  it("names languages and countries in the administrator's interface language, and says the errors in it", async () => {
    await page.getByTestId('language-picker').selectOption('de');
    const form = page.getByTestId('admin-new-team');
    const search = form.getByTestId('new-team-languages-search');
    await search.click();
    await search.pressSequentially('deutsch');
    expect(await form.getByTestId('new-team-languages-options').getByRole('option').first().innerText()).toMatch(/^Deutsch/);
    await search.press('Enter');
    await form.getByTestId('new-team-name').fill('');
    await form.getByTestId('create-team').click();
    expect(await describedError(form.getByTestId('new-team-name'))).toBe('Geben Sie einen Namen ein.');
    const markets = page.getByTestId('admin-sla-policy').first().getByTestId('sla-markets-search');
    await markets.click();
    await markets.pressSequentially('brasil');
    expect(await page.getByTestId('admin-sla-policy').first().getByTestId('sla-markets-options').getByRole('option').first().innerText()).toMatch(/^Brasilien/);
    expect(await page.getByTestId('admin-panel').innerText()).not.toMatch(SCHEMA_TEXT);
    await page.getByTestId('language-picker').selectOption('en');
  });

  it("gives a supervisor's Assign to and Take over the app's own controls, labelled and apart", async () => {
    const desk = await stack.openDesk();
    const sam = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } })).newPage();
    await signInOnPage(sam, desk.host.url, 'sam@demo.test');
    await sam.getByTestId('inbox-item').first().click({ timeout: 15_000 });
    const control = sam.locator('.assign-control');
    await control.waitFor();
    const select = control.getByTestId('assign-select');
    const takeOver = control.getByTestId('take-over');
    // Its visible label names the select; the button is a button like the others in the header.
    expect(await select.evaluate((el: HTMLSelectElement) => el.labels?.[0]?.textContent)).toBe('Assign to');
    expect(await select.evaluate((el) => el.classList.contains('input'))).toBe(true);
    expect(await takeOver.evaluate((el) => el.classList.contains('button'))).toBe(true);
    const style = (el: Element) => {
      const css = getComputedStyle(el);
      return { height: css.height, radius: css.borderTopLeftRadius, border: css.borderTopColor };
    };
    const claimLike = await sam.locator('.status-buttons').evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
    const selectStyle = await select.evaluate(style);
    const buttonStyle = await takeOver.evaluate(style);
    expect(selectStyle.height).toBe(buttonStyle.height);
    expect(selectStyle.radius).toBe(claimLike);
    const [a, b] = [await select.boundingBox(), await takeOver.boundingBox()];
    expect(a && b && (b.x - (a.x + a.width) >= 8 || b.y >= a.y + a.height)).toBe(true);
    await sam.locator('.conversation-header').screenshot({ path: artifactPath('supervisor-assign-controls.png') });
    expect(await axeViolations(sam, '.assign-control')).toEqual([]);
  });
});
