import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../src-relay/server.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/** A supervisor watches the queues and agents live and steers a conversation, in a real Chromium. */
describe.skipIf(!chromiumAvailable())('browser: the supervisor view', () => {
  let stack: BrowserStack;
  let relay: RunningRelay;
  let browser: Browser;
  let sam: Page;
  let somchai: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ relay, browser } = stack);
    sam = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const queueWaiting = (teamId: string) => sam.locator(`[data-testid="supervisor-queue"][data-team-id="${teamId}"] [data-testid="queue-waiting"]`).innerText().then(Number);
  /** A channel's row of the live view (0 while the channel has none waiting or held: no row). */
  const onChannel = async (channel: string, cell: 'channel-waiting' | 'channel-active') => {
    const row = sam.locator(`[data-testid="supervisor-channel"][data-channel="${channel}"]`);
    return (await row.count()) === 0 ? 0 : Number(await row.getByTestId(cell).innerText());
  };

  it('shows a new customer waiting in the team queue, then handed out once an agent signs in', async () => {
    await signInOnPage(sam, stack.host.url, 'sam@demo.test');
    await sam.getByTestId('open-live').click();
    await sam.getByTestId('supervisor-queues').waitFor();
    const before = await queueWaiting('team-apac');
    const webchatBefore = { waiting: await onChannel('webchat', 'channel-waiting'), active: await onChannel('webchat', 'channel-active') };
    const customer = await (await browser.newContext({ locale: 'th-TH' })).newPage();
    await startWebChat(customer, relay.url, 'พลอย', 'สวัสดีค่ะ ชำระเงินไม่ผ่านค่ะ');
    await expect.poll(() => queueWaiting('team-apac'), { timeout: 15_000 }).toBe(before + 1);
    // The same customer, by channel: one more waiting on web chat.
    await expect.poll(() => onChannel('webchat', 'channel-waiting'), { timeout: 15_000 }).toBe(webchatBefore.waiting + 1);
    await sam.screenshot({ path: artifactPath('supervisor-live.png') });

    const desk = await stack.openDesk();
    somchai = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await signInOnPage(somchai, desk.host.url, 'somchai@demo.test');
    await expect.poll(() => queueWaiting('team-apac'), { timeout: 15_000 }).toBeLessThan(before + 1);
    await expect.poll(() => onChannel('webchat', 'channel-active'), { timeout: 15_000 }).toBeGreaterThan(webchatBefore.active);
    const row = sam.locator('[data-testid="supervisor-agent"][data-agent-id="agent-somchai"]');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('available');
    expect(await row.getByTestId('agent-load').innerText()).toMatch(/^[1-8]\/8 chats/);
  });

  it('hands a conversation to another agent of the team, and takes one over', async () => {
    const item = sam.getByTestId('inbox-item').filter({ hasText: 'พลอย' });
    await item.click({ timeout: 15_000 });
    // Opening a conversation leaves the live view.
    expect(await sam.getByTestId('supervisor-view').count()).toBe(0);
    await expect.poll(() => sam.locator('.conversation-facts').innerText(), { timeout: 15_000 }).toContain('Somchai Prasert');
    await sam.getByTestId('assign-select').selectOption('agent-mei');
    await expect.poll(() => sam.locator('.conversation-facts').innerText(), { timeout: 15_000 }).toContain('Mei Chen');
    // Somchai is told it went to a colleague.
    await somchai.locator('[data-testid="notice"][data-kind="reassigned"]').waitFor({ timeout: 15_000 });
    await sam.getByTestId('take-over').click();
    await expect.poll(() => sam.locator('.conversation-facts').innerText(), { timeout: 15_000 }).toContain('You');
    expect(await sam.getByTestId('take-over').count()).toBe(0);
  });

  it("sets an agent's presence from the live view, and the agent's desk shows it", async () => {
    await sam.getByTestId('open-live').click();
    const row = sam.locator('[data-testid="supervisor-agent"][data-agent-id="agent-somchai"]');
    await row.getByTestId('agent-presence').selectOption('away');
    await expect.poll(() => somchai.getByTestId('presence-select').inputValue(), { timeout: 15_000 }).toBe('away');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('away');
    // The agent says why; the supervisor sees it.
    await somchai.getByTestId('presence-select').selectOption('away:lunch');
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('(lunch)');
    // After-call work counts down on the agent's desk.
    await somchai.getByTestId('presence-select').selectOption('after-call-work');
    await expect.poll(() => somchai.getByTestId('presence-timer').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/^[12] min$/);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('after-call-work');
    await sam.getByTestId('open-live').click();
  });

  it('shows the history as figures and charts, and exports it as CSV', async () => {
    await sam.getByTestId('open-live').click();
    await sam.getByTestId('supervisor-tab-history').click();
    const conversations = sam.getByTestId('figure-conversations').locator('dd');
    await expect.poll(() => conversations.innerText().then(Number), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await sam.getByTestId('chart-by-hour').locator('canvas').count()).toBe(1);
    const hours = await sam.getByTestId('chart-by-hour').locator('td').allInnerTexts();
    expect(hours).toHaveLength(24);
    expect(hours.map(Number).reduce((a, b) => a + b, 0)).toBe(Number(await conversations.innerText()));
    expect(await sam.getByTestId('chart-by-market').locator('th').count()).toBeGreaterThan(1);
    // By channel: every conversation of the period counted once, on its channel; web chat among them.
    const byChannel = sam.getByTestId('history-channel');
    const perChannel = await byChannel.getByTestId('history-channel-conversations').allInnerTexts();
    expect(perChannel.map(Number).reduce((a, b) => a + b, 0)).toBe(Number(await conversations.innerText()));
    expect(await byChannel.locator('.channel-badge').allInnerTexts()).toContain('Web chat');
    await sam.screenshot({ path: artifactPath('supervisor-history.png') });
    const [byChannelCsv] = await Promise.all([sam.waitForEvent('download'), sam.getByTestId('export-channels').click()]);
    expect(byChannelCsv.suggestedFilename()).toMatch(/^channels-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(await byChannelCsv.path(), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('channel,conversations,first_responses,first_response_median_s,first_response_p90_s,resolved,resolution_median_s,sla_with_targets,sla_breached,sla_attainment,csat_ratings,csat_average');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toContain('webchat');
    const [download] = await Promise.all([sam.waitForEvent('download'), sam.getByTestId('export-sla').click()]);
    expect(download.suggestedFilename()).toMatch(/^sla-breaches-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
