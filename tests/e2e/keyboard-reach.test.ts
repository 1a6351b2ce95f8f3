import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { chromiumAvailable, signInOnPage } from '../support/chromium.js';
import { focusedElement, tabTo, walkKeyboardReach } from '../support/keyboard-walk.js';

/**
 * Issue 21: every action reachable and announced for keyboard users, in a real Chromium. Mei
 * (agent) and the administrator use only the keyboard after signing in: views, a saved filter,
 * resolve and undo, the article editor; and every visible control of the inbox and an open
 * conversation is reached with Tab or with the arrow keys of its widget.
 */
describe.skipIf(!chromiumAvailable())('browser: keyboard reach', () => {
  let stack: BrowserStack;
  let mei: Page;
  let admin: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    mei = await (await stack.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
    admin = await (await stack.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** After each step the focus must be on something, never dropped to <body>. */
  async function focusKept(page: Page, step: string) {
    expect(await focusedElement(page), `focus lost to <body> after: ${step}`).not.toBe('body');
  }
  const selected = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('aria-selected');
  const press = async (page: Page, ...keys: string[]) => {
    for (const key of keys) await page.keyboard.press(key);
  };

  it('switches views, and creates, applies and removes a saved filter, by keyboard alone', async () => {
    await signInOnPage(mei, stack.host.url, 'mei@demo.test');
    await mei.getByTestId('inbox-item').first().waitFor({ timeout: 15_000 });
    await press(mei, 'g', 'm');
    await expect.poll(() => selected(mei, 'view-mine')).toBe('true');
    // `g v` puts the focus in the list; the arrows move it and the view follows.
    await press(mei, 'g', 'v', 'ArrowDown');
    await focusKept(mei, 'ArrowDown in the view list');
    const moved = await mei.evaluate(() => document.activeElement?.getAttribute('data-view-key'));
    expect(moved).not.toBe('mine');
    await expect.poll(() => selected(mei, `view-${moved}`)).toBe('true');

    await tabTo(mei, 'view-new-filter', { backwards: true });
    await mei.keyboard.press('Enter');
    await mei.getByTestId('filter-editor').waitFor();
    expect(await focusedElement(mei)).toBe('input[data-testid=filter-name]');
    await mei.keyboard.type('Mail by keys');
    await tabTo(mei, 'filter-channels-email');
    await mei.keyboard.press('Space');
    await tabTo(mei, 'filter-save');
    await mei.keyboard.press('Enter');
    await mei.getByTestId('filter-editor').waitFor({ state: 'hidden' });
    await focusKept(mei, 'saving the filter');

    const saved = mei.getByTestId('view-list').getByRole('option', { name: /^Mail by keys/ });
    await expect.poll(() => saved.getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true');
    // Applied: only email conversations are listed.
    await expect.poll(() => mei.getByTestId('inbox-item').count()).toBeGreaterThan(0);
    expect(await mei.getByTestId('inbox-item').filter({ hasNot: mei.locator('.channel-badge--email') }).count()).toBe(0);

    await tabTo(mei, 'view-delete-filter');
    await mei.keyboard.press('Enter');
    await focusKept(mei, 'asking to delete the filter');
    expect(await focusedElement(mei)).toBe('button[data-testid=view-delete-confirm]');
    // Keep it after all: the question goes, the focus goes back to Delete.
    await tabTo(mei, 'view-delete-keep', { max: 1 });
    await mei.keyboard.press('Enter');
    expect(await focusedElement(mei)).toBe('button[data-testid=view-delete-filter]');
    await mei.keyboard.press('Enter');
    await mei.keyboard.press('Enter');
    await expect.poll(() => saved.count()).toBe(0);
    await focusKept(mei, 'deleting the filter');
    await expect.poll(() => selected(mei, 'view-all')).toBe('true');
  });

  it('resolves with e and takes it back with z or from the toast, which is announced, keeping the focus', async () => {
    const toast = mei.getByTestId('resolve-undo');
    const statusOpen = () => mei.getByTestId('status-open').getAttribute('aria-pressed');
    // `j` puts the focus in the inbox and opens the next conversation.
    await mei.keyboard.press('j');
    await expect.poll(statusOpen, { timeout: 15_000 }).toBe('true');
    await mei.keyboard.press('e');
    await toast.waitFor();
    const region = mei.locator('.resolve-undo-region', { has: toast });
    expect(await region.getAttribute('role')).toMatch(/^(status|alert)$/);
    expect(await toast.textContent()).toContain('Resolved');
    // Read out with it: the key that takes it back.
    expect(await toast.textContent()).toContain('Press z to undo.');
    await focusKept(mei, 'resolving with e');
    await mei.keyboard.press('z');
    await expect.poll(() => toast.count()).toBe(0);
    await expect.poll(statusOpen).toBe('true');
    await focusKept(mei, 'undoing with z');

    // Again, now with the toast's own button, the last Tab stop of the page.
    await mei.keyboard.press('e');
    await toast.waitFor();
    await tabTo(mei, 'resolve-undo-button', { max: 150 });
    await mei.keyboard.press('Enter');
    await expect.poll(() => toast.count()).toBe(0);
    await expect.poll(statusOpen).toBe('true');
    await focusKept(mei, 'undoing from the toast');
  });

  it('reaches every visible control of the inbox and an open conversation with Tab or the arrow keys', async () => {
    await mei.getByTestId('composer-input').waitFor();
    const walk = await walkKeyboardReach(mei);
    expect(walk.listed).toBeGreaterThan(20);
    expect(walk.unreached, `unreached by keyboard (of ${walk.listed} controls, ${walk.tabStops} Tab stops):\n${walk.unreached.join('\n')}`).toEqual([]);
  }, 120_000);

  it('opens, edits and saves a knowledge article by keyboard alone', async () => {
    const desk = await stack.openDesk();
    await signInOnPage(admin, desk.host.url, 'admin@demo.test');
    await admin.getByTestId('inbox-item').first().waitFor({ timeout: 15_000 });
    await admin.keyboard.press('j');
    await admin.getByTestId('knowledge-search').waitFor();
    await tabTo(admin, 'knowledge-search', { max: 200 });
    await admin.keyboard.type('address');
    await admin.getByTestId('knowledge-hit').first().waitFor({ timeout: 10_000 });
    await tabTo(admin, 'knowledge-hit');
    const articleId = (await admin.evaluate(() => document.activeElement?.getAttribute('data-article-id'))) ?? '';
    await admin.keyboard.press('Enter');
    await admin.getByTestId('knowledge-body').waitFor();
    await focusKept(admin, 'opening an article');

    await tabTo(admin, 'knowledge-edit', { backwards: true });
    await admin.keyboard.press('Enter');
    await admin.getByTestId('article-editor').waitFor();
    // The dialog puts the focus on its first field, the title.
    expect(await focusedElement(admin)).toBe('input[data-testid=editor-title]');
    const original = await admin.getByTestId('editor-title').inputValue();
    const markets = await admin.getByTestId('editor-markets').inputValue();

    // Saved with the title emptied and a market written out: each field says what is wrong under it, in plain words.
    await admin.keyboard.press('Control+A');
    await admin.keyboard.press('Backspace');
    await tabTo(admin, 'editor-markets');
    await admin.keyboard.press('Control+A');
    await admin.keyboard.type('Germany');
    await tabTo(admin, 'editor-save');
    await admin.keyboard.press('Enter');
    await admin.getByTestId('article-editor-error').waitFor();
    expect(await admin.getByTestId('article-editor-error').innerText()).toBe('Some fields need a change: see the notes under them.');
    expect(await fieldProblem(admin, 'editor-title')).toBe('This cannot be empty.');
    expect(await fieldProblem(admin, 'editor-markets')).toBe('Write countries or regions as two-letter codes, separated by commas, such as DE, AT.');
    expect(await fieldProblem(admin, 'editor-body')).toBeNull();
    expect(await admin.getByTestId('article-editor').innerText()).not.toMatch(/✖|Too small|expected (string|number|array)|Invalid input|title:|markets\./);
    await focusKept(admin, 'saving with errors');

    await tabTo(admin, 'editor-title', { backwards: true });
    await admin.keyboard.type(`${original} (by keyboard)`);
    await tabTo(admin, 'editor-markets');
    await admin.keyboard.press('Control+A');
    await admin.keyboard.press('Backspace');
    await admin.keyboard.type(markets);
    await tabTo(admin, 'editor-save');
    await admin.keyboard.press('Enter');
    await admin.getByTestId('article-editor').waitFor({ state: 'hidden' });
    // The article being read shows the saved title without being opened again.
    await expect.poll(() => admin.getByTestId('knowledge-article-title').innerText(), { timeout: 20_000 }).toBe(`${original} (by keyboard)`);
    // Saved: the relay confirms it and the desk's cache holds the new title.
    const title = async () => {
      const result = await desk.workstation.handlers['kb.article']({ articleId });
      return result.article.title;
    };
    await expect.poll(title, { timeout: 20_000 }).toContain('(by keyboard)');
    await focusKept(admin, 'saving the article');
  }, 90_000);
});

/** The problem shown under a field, as the field itself points to it (aria-describedby, aria-invalid); null when none. */
async function fieldProblem(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).evaluate((input) => {
    const id = input.getAttribute('aria-describedby');
    if (!id || input.getAttribute('aria-invalid') !== 'true') return null;
    return document.getElementById(id)?.textContent ?? '';
  });
}
