import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings } from '../support/axe.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

type Look = { name: string; colorScheme: 'light' | 'dark'; language: 'en' | 'ar' };
const LOOKS: Look[] = [
  { name: 'light', colorScheme: 'light', language: 'en' },
  { name: 'dark', colorScheme: 'dark', language: 'en' },
  { name: 'Arabic (right to left)', colorScheme: 'light', language: 'ar' },
];
/** A walk checks up to thirteen screens, each a full axe run: minutes on a loaded machine. */
const WALK_MS = 180_000;

/**
 * axe-core's WCAG 2.1 A/AA rules find nothing on any main screen of the desk (inbox, a conversation
 * with its composer, the undo toast of a resolve, the saved-filter editor, the knowledge panel and
 * its article editor, settings, the phone panel, the supervisor's and the
 * administrator's views) nor on the customer's chat page, in the light and the dark theme and in a
 * right-to-left interface, in a real Chromium.
 */
describe.skipIf(!chromiumAvailable())('browser: accessibility (axe-core, WCAG 2.1 AA)', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let mei: Page;
  let admin: Page;
  /** The conversation the agent's walk opens, the same in every look. */
  let chatId: string | undefined;

  beforeAll(async () => {
    stack = await startBrowserStack();
    browser = stack.browser;
    // The desk's Content-Security-Policy allows no injected script, axe's included.
    const context = (locale: string) => browser.newContext({ locale, bypassCSP: true, viewport: { width: 1440, height: 900 } });
    mei = await (await context('en-GB')).newPage();
    admin = await (await context('en-GB')).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Switches theme and interface language in place, as the system setting and the picker would. */
  async function wear(page: Page, look: Look) {
    await page.emulateMedia({ colorScheme: look.colorScheme });
    await page.getByTestId('language-picker').selectOption(look.language);
    await expect.poll(() => page.evaluate(() => document.documentElement.dir || 'ltr')).toBe(look.language === 'ar' ? 'rtl' : 'ltr');
  }

  /** Shows or leaves the administrator's live view, whichever way the last walk left it. */
  async function showLive(open: boolean) {
    const shown = (await admin.getByTestId('supervisor-view').count()) > 0;
    if (shown !== open) await admin.getByTestId('open-live').click();
    await admin.getByTestId('supervisor-view').waitFor({ state: open ? 'visible' : 'detached' });
  }

  /** Opens a dialog from the top bar, checks it, and closes it with Escape. */
  async function dialogFindings(page: Page, opener: string, dialog: string, screen: string) {
    await page.getByTestId(opener).click();
    await page.getByTestId(dialog).waitFor();
    const found = await axeFindings(page, screen);
    await page.keyboard.press('Escape');
    await page.getByTestId(dialog).waitFor({ state: 'hidden' });
    return found;
  }

  const report = (findings: string[]) => `axe-core found ${findings.length} violation(s):\n${findings.join('\n')}`;

  it('finds nothing on the sign-in screen, then signs an agent and an administrator in, each on a desk', async () => {
    await mei.goto(stack.host.url);
    await mei.getByTestId('login-email').waitFor();
    const findings = await axeFindings(mei, 'sign-in (light)');
    await mei.emulateMedia({ colorScheme: 'dark' });
    findings.push(...(await axeFindings(mei, 'sign-in (dark)')));
    expect(findings.length, report(findings)).toBe(0);
    await signInOnPage(mei, stack.host.url, 'mei@demo.test');
    await signInOnPage(admin, (await stack.openDesk()).host.url, 'admin@demo.test');
    expect(await admin.getByTestId('open-live').count()).toBe(1);
  }, WALK_MS);

  for (const look of LOOKS) {
    it(`finds nothing on the agent's screens (${look.name})`, async () => {
      await wear(mei, look);
      const findings: string[] = [];
      await mei.getByTestId('inbox-item').first().waitFor({ timeout: 15_000 });
      findings.push(...(await axeFindings(mei, 'inbox')));

      await mei.getByTestId('search-input').fill('e-wallet');
      await mei.getByTestId('search-hit').first().waitFor({ timeout: 10_000 });
      findings.push(...(await axeFindings(mei, 'search')));
      await mei.getByTestId('search-input').press('Escape');

      chatId ??= (await mei.getByTestId('inbox-item').first().getAttribute('data-conversation-id')) ?? undefined;
      const row = mei.locator(`[data-testid="inbox-item"][data-conversation-id="${chatId}"]`);
      await row.click();
      // A label puts a chip on the conversation's inbox row too (shown, or counted in its "+N" where the row is full).
      if ((await mei.getByTestId('conversation-label').count()) === 0) {
        await mei.getByTestId('label-input').fill('callback');
        await mei.getByTestId('label-input').press('Enter');
      }
      await row.getByTestId('label-chip').waitFor({ state: 'attached', timeout: 10_000 });
      await mei.getByTestId('composer-input').fill('Thank you, I am checking your order now.');
      findings.push(...(await axeFindings(mei, 'conversation and composer')));

      // The undo toast after `e`, taken back with `z` so that every look finds the conversation open.
      await row.click();
      await mei.keyboard.press('e');
      await mei.getByTestId('resolve-undo').waitFor();
      findings.push(...(await axeFindings(mei, 'resolve undo toast')));
      await mei.keyboard.press('z');
      await mei.getByTestId('resolve-undo').waitFor({ state: 'detached' });

      // The saved-filter editor, with its plain-words error for a missing name.
      await mei.getByTestId('view-new-filter').click();
      await mei.getByTestId('filter-save').click();
      await mei.getByTestId('filter-name').and(mei.locator('[aria-invalid="true"]')).waitFor();
      findings.push(...(await axeFindings(mei, 'saved-filter editor')));
      await mei.keyboard.press('Escape');
      await mei.getByTestId('filter-editor').waitFor({ state: 'detached' });

      // A new search leaves the article being read, so each look opens one afresh.
      await mei.getByTestId('knowledge-search').fill('');
      await mei.getByTestId('knowledge-search').fill('address');
      await mei.getByTestId('knowledge-hit').first().click({ timeout: 10_000 });
      await mei.getByTestId('knowledge-body').waitFor();
      findings.push(...(await axeFindings(mei, 'knowledge panel')));
      await mei.screenshot({ path: artifactPath(`accessibility-desk-${look.colorScheme}-${look.language}.png`) });

      await mei.getByTestId('inbox-item').filter({ has: mei.locator('.channel-badge--email') }).first().click();
      await mei.getByTestId('composer-input').fill('Dear customer, the exchange is on its way.');
      findings.push(...(await axeFindings(mei, 'email conversation')));

      findings.push(...(await dialogFindings(mei, 'open-models', 'models-panel', 'settings (models)')));
      findings.push(...(await dialogFindings(mei, 'open-phone', 'phone-panel', 'phone')));
      findings.push(...(await dialogFindings(mei, 'open-two-factor', 'two-factor-dialog', 'two-step sign-in')));
      findings.push(...(await dialogFindings(mei, 'open-shortcuts', 'shortcuts-help', 'keyboard shortcuts')));
      expect(findings.length, report(findings)).toBe(0);
    }, WALK_MS);

    it(`finds nothing on the supervisor's and the administrator's screens (${look.name})`, async () => {
      await wear(admin, look);
      const findings: string[] = [];
      await showLive(true);
      await admin.getByTestId('supervisor-tab-live').click();
      await admin.getByTestId('supervisor-queues').waitFor({ timeout: 15_000 });
      findings.push(...(await axeFindings(admin, 'supervisor: live')));

      // The tabs move with the arrow keys, mirrored right to left, and take the focus along.
      await admin.getByTestId('supervisor-tab-live').focus();
      await admin.keyboard.press(look.language === 'ar' ? 'ArrowLeft' : 'ArrowRight');
      await expect.poll(() => admin.getByTestId('supervisor-tab-history').getAttribute('aria-selected')).toBe('true');
      expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-tab'))).toBe('history');
      await admin.getByTestId('figure-conversations').waitFor({ timeout: 15_000 });
      findings.push(...(await axeFindings(admin, 'supervisor: history')));

      // A supervisor's conversation: assign, take over, write an article.
      await admin.getByTestId('inbox-item').first().click({ timeout: 15_000 });
      await showLive(false);
      await admin.getByTestId('assign-select').waitFor();
      findings.push(...(await axeFindings(admin, 'supervisor: conversation')));
      // The article editor, after a save without a title shows its error.
      await admin.getByTestId('knowledge-new').click();
      await admin.getByTestId('article-editor').getByTestId('editor-save').click();
      await admin.getByTestId('article-editor-error').waitFor();
      findings.push(...(await axeFindings(admin, 'knowledge article editor')));
      await admin.keyboard.press('Escape');
      await admin.getByTestId('article-editor').waitFor({ state: 'hidden' });
      await showLive(true);

      await admin.getByTestId('supervisor-tab-admin').click();
      await admin.getByTestId('admin-panel').waitFor();
      findings.push(...(await axeFindings(admin, 'administration')));
      await admin.screenshot({ path: artifactPath(`accessibility-admin-${look.colorScheme}-${look.language}.png`), fullPage: true });

      await admin.getByTestId('open-privacy').click();
      await admin.getByTestId('privacy-view').waitFor();
      findings.push(...(await axeFindings(admin, 'privacy requests')));
      await admin.getByTestId('open-privacy').click();
      await admin.getByTestId('privacy-view').waitFor({ state: 'detached' });
      expect(findings.length, report(findings)).toBe(0);
    }, WALK_MS);
  }

  it("finds nothing on the customer's chat page, left to right and right to left; the desk announces the new chat", async () => {
    const findings: string[] = [];
    for (const locale of ['en-GB', 'ar']) {
      const customer = await (await browser.newContext({ locale, bypassCSP: true })).newPage();
      await startWebChat(customer, stack.relay.url, 'Layla', 'Hello, where is my parcel?');
      await customer.getByText('Hello, where is my parcel?').waitFor({ timeout: 10_000 });
      findings.push(...(await axeFindings(customer, `customer chat (${locale})`)));
    }
    expect(findings.length, report(findings)).toBe(0);
    // A screen reader on the supervising desk is told, politely, whose message came in.
    const said = admin.getByTestId('new-activity');
    expect(await said.getAttribute('role')).toBe('status');
    await expect.poll(() => said.textContent(), { timeout: 15_000 }).toContain('Layla');
  });
});
