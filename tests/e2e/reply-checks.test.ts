import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PATH, type AuditPage } from '../../src-shared/protocol/audit.js';
import type { RunningRelay } from '../../src-relay/server.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/**
 * The company's reply rules (resources/ai/reply-rules.json) in a real Chromium: an agent is warned
 * before a reply offering to share the customer's data goes, sends it anyway (audited), cannot send
 * a reply quoting a card number, and the supervisor sees both on the live view.
 */
describe.skipIf(!chromiumAvailable())('browser: reply checks', () => {
  let stack: BrowserStack;
  let relay: RunningRelay;
  let browser: Browser;
  let olivia: Page;
  let customer: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ relay, browser } = stack);
    olivia = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } })).newPage();
    customer = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const agentReplies = () => customer.locator('[data-testid="chat-message"][data-author="agent"]');
  const check = (ruleId: string) => olivia.locator(`[data-testid="reply-check"][data-rule-id="${ruleId}"]`);

  it('warns before a reply offering to share the customer\'s information goes, and sends it only when the agent chooses to', async () => {
    await signInOnPage(olivia, stack.host.url, 'olivia@demo.test');
    await startWebChat(customer, relay.url, 'Emma Clarke', 'Hello, where is my order 48213?');
    await olivia.getByTestId('inbox-item').filter({ hasText: 'Emma Clarke' }).click({ timeout: 15_000 });

    const input = olivia.getByTestId('composer-input');
    await input.fill('Hi Emma, we can share your information with partners to speed this up.');
    // Shown while writing, before any attempt to send: which rule, why, and the words marked.
    await check('share-with-partners').waitFor({ timeout: 10_000 });
    expect(await check('share-with-partners').getAttribute('data-action')).toBe('warn');
    expect(await check('share-with-partners').innerText()).toContain('privacy team');
    expect(await check('share-with-partners').getByTestId('reply-check-mark').innerText()).toBe('share your information with');
    await olivia.screenshot({ path: artifactPath('reply-check-warning.png') });

    // Send (the button, then Enter) holds the reply: nothing reaches the customer.
    await olivia.getByTestId('composer-send').click();
    await input.press('Enter');
    await olivia.waitForTimeout(1_000);
    expect(await agentReplies().count()).toBe(0);
    expect(await input.inputValue()).toContain('share your information');

    await olivia.getByTestId('reply-check-override').click();
    await expect.poll(() => agentReplies().first().innerText().catch(() => ''), { timeout: 15_000 }).toContain('share your information with partners');
    await expect.poll(() => olivia.getByTestId('reply-checks').count()).toBe(0);
  });

  it('keeps a reply that quotes a card number from being sent until it is changed', async () => {
    const input = olivia.getByTestId('composer-input');
    await input.fill('The charge was on card 4111 1111 1111 1111, is that yours?');
    await check('card-number-quoted').waitFor({ timeout: 10_000 });
    expect(await check('card-number-quoted').getAttribute('data-action')).toBe('block');
    expect(await check('card-number-quoted').getByTestId('reply-check-mark').innerText()).toBe('4111 1111 1111 1111');
    expect(await olivia.getByTestId('reply-check-override').count()).toBe(0);
    await expect.poll(() => olivia.getByTestId('composer-send').isDisabled()).toBe(true);
    await input.press('Enter');
    await olivia.screenshot({ path: artifactPath('reply-check-block.png') });
    await olivia.waitForTimeout(1_000);
    expect(await agentReplies().count()).toBe(1);

    await input.fill('The charge was on your card ending in 1111, is that yours?');
    await expect.poll(() => olivia.getByTestId('reply-checks').count(), { timeout: 10_000 }).toBe(0);
    await olivia.getByTestId('composer-send').click();
    await expect.poll(() => agentReplies().count(), { timeout: 15_000 }).toBe(2);
    expect(await agentReplies().nth(1).innerText()).toContain('ending in 1111');
  });

  it('records the override in the audit log, and shows the supervisor both flags on the live view', async () => {
    const { token } = await login(relay.url, 'admin@demo.test', 'demo1234');
    const response = await fetch(`${relay.url}${AUDIT_PATH}?action=reply.flagged`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as AuditPage;
    expect(page.entries.map((entry) => ({ actor: entry.actorId, target: entry.target?.type, rule: entry.details.ruleId, overridden: entry.details.overridden }))).toEqual([
      { actor: 'agent-olivia', target: 'conversation', rule: 'card-number-quoted', overridden: false },
      { actor: 'agent-olivia', target: 'conversation', rule: 'share-with-partners', overridden: true },
    ]);

    const desk = await stack.openDesk();
    const sam = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } })).newPage();
    await signInOnPage(sam, desk.host.url, 'sam@demo.test');
    await sam.getByTestId('open-live').click();
    const row = sam.getByTestId('flagged-conversation').filter({ hasText: 'Emma Clarke' });
    await row.waitFor({ timeout: 15_000 });
    const marker = (ruleId: string) => row.locator(`[data-testid="flag-marker"][data-rule-id="${ruleId}"]`);
    expect(await marker('share-with-partners').getAttribute('data-overridden')).toBe('true');
    expect(await marker('share-with-partners').innerText()).toContain('Olivia Grant sent it anyway');
    expect(await marker('card-number-quoted').getAttribute('data-overridden')).toBe('false');
    await sam.screenshot({ path: artifactPath('reply-check-supervisor.png') });
  });
});
