import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../src-relay/server.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

interface RowFit {
  /** Each chip the agent cannot see that the row's "+N" does not name, and every other misfit. */
  problems: string[];
  /** Chips summed up in a "+N", over all rows. */
  summarised: number;
  /** SLA clocks out of sight, over all rows: the most urgent fact should never be behind "+N". */
  slaUnseen: number;
  rows: number;
}

/**
 * Reads every inbox row as the agent sees it: a chip is seen when it is not hidden and its whole
 * box lies inside the row and inside the box that clips it; every chip not seen must be named by
 * the row's "+N" (tooltip and screen-reader text), and "+N" must count exactly those. The
 * language name must stay on one line.
 */
function rowFit(page: Page): Promise<RowFit> {
  return page.evaluate(() => {
    const problems: string[] = [];
    let summarised = 0;
    let slaUnseen = 0;
    const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="inbox-item"]'));
    const inside = (r: DOMRect, box: DOMRect) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    for (const row of rows) {
      const name = row.querySelector('.inbox-item-name')?.textContent ?? '?';
      const rowBox = row.getBoundingClientRect();
      const facts = row.querySelector<HTMLElement>('.inbox-item-facts')!;
      const more = facts.querySelector<HTMLElement>('[data-testid="chip-more"]');
      const named = more ? more.title.split('\n') : [];
      const chips = Array.from(facts.querySelectorAll<HTMLElement>('.channel-badge, .inbox-item-language, .status-label, .sla-timer, .vip-badge, .intent-badge, .sentiment-badge, .label-chip, .chip-more'));
      let unseen = 0;
      for (const chip of chips) {
        // Its name in "+N", as the row gives it (use-chip-overflow.ts): a compact chip names itself in full.
        const text = (chip.dataset.chipText ?? chip.textContent ?? '').trim();
        const clip = (chip.closest('.inbox-item-chips') ?? row).getBoundingClientRect();
        const rect = chip.getBoundingClientRect();
        const seen = getComputedStyle(chip).visibility !== 'hidden' && rect.width > 0 && inside(rect, rowBox) && inside(rect, clip);
        if (seen) continue;
        unseen += 1;
        if (chip.classList.contains('sla-timer')) slaUnseen += 1;
        if (!named.includes(text)) problems.push(`${name}: "${text}" at x=${Math.round(rect.left)}–${Math.round(rect.right)} in a row at ${Math.round(rowBox.left)}–${Math.round(rowBox.right)} is neither seen nor summed up`);
      }
      const count = more ? Number(more.dataset.count) : 0;
      if (count !== unseen) problems.push(`${name}: "+${count}" for ${unseen} chips out of sight`);
      if (more && named.some((text) => !(more.querySelector('.sr-only')?.textContent ?? '').includes(text))) problems.push(`${name}: the screen-reader text of "+${count}" leaves out some of ${named.join(', ')}`);
      const language = facts.querySelector<HTMLElement>('.inbox-item-language')!;
      const fontSize = parseFloat(getComputedStyle(language).fontSize);
      if (language.getBoundingClientRect().height >= fontSize * 2) problems.push(`${name}: the language "${language.textContent}" wraps`);
      if (language.scrollWidth > language.clientWidth + 1 && language.title !== language.textContent) problems.push(`${name}: the language is cut without its whole name in the tooltip`);
      summarised += unseen;
    }
    return { problems, summarised, slaUnseen, rows: rows.length };
  });
}

/** Intent, SLA and label chips on inbox rows, at every width from a phone's to a wide desk's. */
describe.skipIf(!chromiumAvailable())('browser: every chip of an inbox row is seen or summed up', () => {
  let stack: BrowserStack;
  let relay: RunningRelay;
  let browser: Browser;
  let agent: Page;

  beforeAll(async () => {
    // No models: intent comes from the keyword fallback.
    stack = await startBrowserStack();
    ({ relay, browser } = stack);
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function label(customerName: string, labels: string[]): Promise<void> {
    await agent.getByTestId('inbox-item').filter({ hasText: customerName }).click({ timeout: 15_000 });
    const input = agent.getByTestId('label-input');
    for (const text of labels) {
      await input.fill(text);
      await input.press('Enter');
      await agent.getByTestId('conversation-label').filter({ hasText: text }).waitFor();
    }
  }

  it('shows or counts every chip from 320 px to 1440 px, and names the hidden ones', async () => {
    await signInOnPage(agent, stack.host.url, 'olivia@demo.test');
    for (const [locale, name, text] of [
      ['en-US', 'Megan Price', 'I want my money back, the jacket arrived broken and nobody answers.'],
      ['de-DE', 'Jonas Keller', 'Ich möchte mein Geld zurück, die Jacke ist kaputt angekommen.'],
      ['pt-BR', 'Ana Beatriz Gonçalves', 'Olá, quero cancelar minha assinatura, por favor.'],
    ] as const) {
      await startWebChat(await (await browser.newContext({ locale })).newPage(), relay.url, name, text);
    }
    await label('Megan Price', ['billing', 'damaged-in-transit', 'follow-up-friday', 'warranty-claim', 'courier-complaint']);
    await label('Jonas Keller', ['returns', 'eu-withdrawal']);
    await expect.poll(() => agent.getByTestId('intent-badge').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => agent.getByTestId('sla-timer').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    const fits: Record<number, RowFit> = {};
    for (const width of [1440, 1280, 1024, 768, 480, 375, 320]) {
      await agent.setViewportSize({ width, height: 900 });
      // The rows measure themselves after each resize; poll until they have.
      await expect.poll(async () => (fits[width] = await rowFit(agent)).problems, { timeout: 10_000 }).toEqual([]);
      expect(fits[width]!.rows).toBeGreaterThan(3);
      if (width === 1440 || width === 320) await agent.screenshot({ path: artifactPath(`inbox-row-chips-${width}.png`) });
    }
    // The narrow desk really had chips to sum up; the wide one shows at least as many.
    expect(fits[320]!.summarised).toBeGreaterThan(0);
    expect(fits[1440]!.summarised).toBeLessThanOrEqual(fits[320]!.summarised);
    // The SLA clock (compact: a clock and "15 min") keeps its place even in a phone-wide column.
    for (const width of [375, 320]) expect(fits[width]!.slaUnseen).toBe(0);
    const more = agent.getByTestId('inbox-item').filter({ hasText: 'Megan Price' }).getByTestId('chip-more');
    expect(await more.getAttribute('title')).toContain('courier-complaint');
    expect(await more.locator('.sr-only').innerText()).toMatch(/^Also: .*courier-complaint/);
  }, 180_000);
});
