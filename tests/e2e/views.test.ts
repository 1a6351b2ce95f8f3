import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack, type Desk } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';

/**
 * The inbox's views in a real Chromium (issue 21): Mei (agent, Asia Pacific) walks Mine,
 * Unassigned in her team, Mentions, her team and a channel, partly by keyboard; saves a filter
 * and watches its count drop when her supervisor resolves a conversation from another desk.
 */
describe.skipIf(!chromiumAvailable())('browser: inbox views', () => {
  let stack: BrowserStack;
  let mei: Page;
  let samDesk: Desk;

  beforeAll(async () => {
    stack = await startBrowserStack();
    mei = await (await stack.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
    samDesk = await stack.openDesk();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const count = (key: string) => mei.getByTestId(`view-${key}`).getByTestId('view-count').innerText();
  const customers = async () => (await mei.getByTestId('inbox-item').locator('.inbox-item-name').allInnerTexts()).sort();
  const shoot = (name: string) => mei.screenshot({ path: artifactPath(name) });

  it('lists Mine, Unassigned in my teams, Mentions, the team and a channel, each with its count', async () => {
    await signInOnPage(mei, stack.host.url, 'mei@demo.test');
    const sam = await (await stack.browser.newContext({ locale: 'en-US' })).newPage();
    await signInOnPage(sam, samDesk.host.url, 'sam@demo.test');
    await expect.poll(() => count('mine'), { timeout: 15_000 }).toBe('5');
    await mei.getByTestId('view-mine').click();
    expect(await mei.getByTestId('view-mine').getAttribute('aria-selected')).toBe('true');
    // Five open ones and a resolved one: the tab is All, the count is the work still to do.
    await expect.poll(() => mei.getByTestId('inbox-item').count()).toBe(6);
    await shoot('views-mine.png');

    // `g u` from anywhere outside a text field.
    await mei.locator('body').press('g');
    await mei.locator('body').press('u');
    await expect.poll(() => mei.getByTestId('view-unassigned').getAttribute('aria-selected')).toBe('true');
    expect(await count('unassigned')).toBe('1');
    await expect.poll(customers).toEqual(['佐藤 博']);
    await shoot('views-unassigned.png');

    // Sam writes a note naming Mei on that conversation, from his desk.
    await samDesk.workstation.handlers['notes.add']({ conversationId: 'conv-jp-corporate-quote', body: '@Mei Chen the quote needs your Japanese', mentions: ['agent-mei'] });
    await expect.poll(() => count('mentions'), { timeout: 15_000 }).toBe('1');
    await mei.locator('body').press('g');
    await mei.locator('body').press('n');
    await expect.poll(customers).toEqual(['佐藤 博']);
    await shoot('views-mentions.png');

    await mei.getByTestId('view-team-team-apac').click();
    expect(await count('team-team-apac')).toBe('6');
    await shoot('views-team.png');

    // `g v` puts the focus in the list; the arrows walk it and the view follows.
    await mei.locator('body').press('g');
    await mei.locator('body').press('v');
    await mei.keyboard.press('ArrowDown');
    const focused = await mei.evaluate(() => document.activeElement?.getAttribute('data-view-key'));
    expect(focused).toMatch(/^channel-/);
    expect(await mei.getByTestId(`view-${focused}`).getAttribute('aria-selected')).toBe('true');
    await mei.getByTestId('view-channel-email').click();
    await expect.poll(customers).toEqual(['佐藤 博', '田中 由紀']);
    await shoot('views-channel.png');
  });

  it('saves a filter whose count follows a change made on another desk, then edits and deletes it', async () => {
    await mei.getByTestId('view-new-filter').click();
    const editor = mei.getByTestId('filter-editor');
    await editor.getByTestId('filter-save').click();
    expect(await editor.getByText('Give the filter a name.').isVisible()).toBe(true);
    await editor.getByTestId('filter-name').fill('Open mail');
    await editor.getByTestId('filter-statuses').getByLabel('Pending').uncheck();
    await editor.getByTestId('filter-channels').getByLabel('Email').check();
    await shoot('views-filter-editor.png');
    await editor.getByTestId('filter-save').click();

    const saved = mei.getByTestId('view-list').getByRole('option', { name: /^Open mail/ });
    await expect.poll(() => saved.getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true');
    expect(await saved.getByTestId('view-count').innerText()).toBe('2');
    await expect.poll(customers).toEqual(['佐藤 博', '田中 由紀']);
    await shoot('views-saved-before.png');

    // Sam resolves Yuki's conversation on his desk; Mei's count and list follow without a click.
    await samDesk.workstation.handlers['conversations.setStatus']({ conversationId: 'conv-ja-size-exchange', status: 'resolved' });
    await expect.poll(() => saved.getByTestId('view-count').innerText(), { timeout: 15_000 }).toBe('1');
    await expect.poll(customers).toEqual(['佐藤 博']);
    await shoot('views-saved-after.png');

    await mei.getByTestId('view-edit-filter').click();
    await editor.getByTestId('filter-name').fill('Mail still open');
    await editor.getByTestId('filter-save').click();
    await expect.poll(() => mei.getByTestId('view-list').getByRole('option', { name: /^Mail still open/ }).count()).toBe(1);

    await mei.getByTestId('view-delete-filter').click();
    await mei.getByTestId('view-delete-confirm').click();
    await expect.poll(() => mei.getByTestId('view-list').getByRole('option', { name: /^Mail still open/ }).count()).toBe(0);
    await expect.poll(() => mei.getByTestId('view-all').getAttribute('aria-selected')).toBe('true');
  });
});
