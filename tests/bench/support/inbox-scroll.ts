import { chromium } from 'playwright-core';

export interface InboxScroll {
  /** Conversations the list showed by the end (the last row's index + 1). */
  rowsReached: number;
  scrollSeconds: number;
  longTasks: number[];
  /** Long tasks while the page started and showed its first rows, before the scroll. */
  startLongTasks: number[];
}

/**
 * Runs in the page: scrolls the inbox list until its row `expected - 1` shows (or 15 minutes
 * pass), `step` pixels a frame; returns the last row shown + 1. A string, so the bench's
 * TypeScript loader cannot add helpers the page lacks.
 */
const SCROLL_TO_END = `async (expected, step) => {
  const list = document.getElementById('inbox-list');
  const lastIndex = () => Math.max(-1, ...Array.from(list.querySelectorAll('[data-testid=inbox-item]'), (row) => Number(row.id.replace('inbox-item-', ''))));
  const deadline = Date.now() + 15 * 60000;
  while (lastIndex() < expected - 1 && Date.now() < deadline) {
    list.scrollTop += step;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return lastIndex() + 1;
}`;

/**
 * Opens the workstation page in Chromium and scrolls its inbox from the first conversation to the
 * last, `pixelsPerFrame` a frame (a fast fling), the list fetching pages as it goes. Every task the
 * Long Tasks API reports (over 50 ms) is kept, with its duration.
 */
export async function scrollInbox(url: string, expectedRows: number, pixelsPerFrame: number): Promise<InboxScroll> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } })).newPage();
    await page.addInitScript(`
      localStorage.setItem('workstation.interfaceLanguage', 'en');
      window.benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.benchLongTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    `);
    await page.goto(url);
    await page.locator('[data-testid=inbox-item]').first().waitFor({ timeout: 60_000 });
    // Let the first screen settle (fonts, the first page's insights) before the scroll is measured.
    await page.waitForTimeout(2_000);
    const startLongTasks = await page.evaluate<number[]>('window.benchLongTasks.splice(0)');
    const started = performance.now();
    const rowsReached = await page.evaluate<number>(`(${SCROLL_TO_END})(${expectedRows}, ${pixelsPerFrame})`);
    const scrollSeconds = (performance.now() - started) / 1000;
    // A task still running when the scroll ended is reported once it ends.
    await page.waitForTimeout(500);
    const longTasks = await page.evaluate<number[]>('window.benchLongTasks.splice(0)');
    return { rowsReached, scrollSeconds, longTasks, startLongTasks };
  } finally {
    await browser.close();
  }
}
