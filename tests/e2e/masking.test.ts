import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SETTINGS_PATH, AdminSettings } from '../../src-shared/protocol/admin.js';
import { AUDIT_PATH, AuditPage } from '../../src-shared/protocol/audit.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

const CARD = '4111 1111 1111 1111';

/** A customer writes a card number; the agent sees it masked, reveals it with a reason, and the audit log has the reveal. */
describe.skipIf(!chromiumAvailable())('browser: masked personal data', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ browser } = stack);
    // Written from China, so the conversation goes to the Asia Pacific team (Mei).
    customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('shows the card masked, in the thread, the inbox and the desk’s search', async () => {
    await signInOnPage(agent, stack.host.url, 'mei@demo.test');
    await startWebChat(customer, stack.relay.url, '李娜', `我的卡号是 ${CARD}，请退款`);
    const item = agent.getByTestId('inbox-item').filter({ hasText: '李娜' });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.innerText()).toContain('•••• 1111');
    await item.click();
    const message = agent.getByTestId('thread-message').filter({ hasText: '请退款' });
    await message.waitFor();
    expect(await message.getByTestId('masked-value').innerText()).toMatch(/^•••• 1111/);
    expect(await message.innerText()).not.toContain('4111');
    const search = await stack.workstation.handlers['messages.search']({ query: '4111', limit: 20 });
    expect(search.hits).toEqual([]);
    const masked = await stack.workstation.handlers['messages.search']({ query: '请退款', limit: 20 });
    expect(masked.hits.map((hit) => hit.snippet).join(' ')).not.toContain('4111');
  });

  it('reveals the value for this view after a reason, and the relay audits the reveal without the value', async () => {
    const message = agent.getByTestId('thread-message').filter({ hasText: '请退款' });
    await message.getByTestId('masked-reveal').click();
    const confirm = message.getByTestId('masked-reveal-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await message.getByTestId('masked-reason').fill('Customer asked for a refund to this card');
    await confirm.click();
    await expect.poll(() => message.getByTestId('revealed-value').innerText().catch(() => ''), { timeout: 10_000 }).toBe(CARD);
    await agent.screenshot({ path: artifactPath('masking-revealed.png') });

    const { token } = await login(stack.relay.url, 'admin@demo.test', 'demo1234');
    const response = await fetch(`${stack.relay.url}${AUDIT_PATH}?action=personal_data.revealed`, { headers: { authorization: `Bearer ${token}` } });
    const page = AuditPage.parse(await response.json());
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      actorId: 'agent-mei',
      action: 'personal_data.revealed',
      target: { type: 'conversation' },
      details: { kind: 'card', reason: 'Customer asked for a refund to this card' },
    });
    expect(JSON.stringify(page.entries)).not.toContain('4111');

    // The value was for that view only: opened again, the thread shows the mask.
    await agent.reload();
    await agent.getByTestId('inbox-item').filter({ hasText: '李娜' }).click();
    const again = agent.getByTestId('thread-message').filter({ hasText: '请退款' });
    await again.getByTestId('masked-value').waitFor();
    expect(await again.getByTestId('revealed-value').count()).toBe(0);
  });

  it('lets an administrator mask phone numbers for agents in Company settings, never unmask cards', async () => {
    const desk = await stack.openDesk();
    const admin = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } })).newPage();
    await signInOnPage(admin, desk.host.url, 'admin@demo.test');
    await admin.getByTestId('open-live').click();
    await admin.getByTestId('supervisor-tab-admin').click();
    const section = admin.getByTestId('admin-masking');
    await section.waitFor();
    expect(await section.getByTestId('masking-agent-iban').isChecked()).toBe(true);
    expect(await section.getByTestId('masking-admin-card').isDisabled()).toBe(true);
    await section.getByTestId('masking-agent-phone').check();
    await section.getByTestId('save-masking').click();
    await section.getByTestId('admin-saved').filter({ hasText: 'Saved' }).waitFor();
    const { token } = await login(stack.relay.url, 'admin@demo.test', 'demo1234');
    const settings = AdminSettings.parse(await (await fetch(`${stack.relay.url}${ADMIN_SETTINGS_PATH}`, { headers: { authorization: `Bearer ${token}` } })).json());
    expect(settings.maskingPolicy).toEqual({ agent: ['card', 'iban', 'national_id', 'phone'], supervisor: ['card'], admin: ['card'] });
  });
});
