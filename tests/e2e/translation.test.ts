import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyBert, writeTinyMarian } from '../../src-main/ai/testing/tiny-models.js';
import type { Workstation } from '../../src-main/core/workstation.js';
import type { RunningRelay } from '../../src-relay/server.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/**
 * A customer writes Spanish to an English-speaking agent, in a real Chromium, with the real
 * inference process on tiny models: the words are nonsense, so the flow and what is stored are checked.
 */
describe.skipIf(!chromiumAvailable())('browser: two-way translation', () => {
  let stack: BrowserStack;
  let relay: RunningRelay;
  let workstation: Workstation;
  let host: BrowserStack['host'];
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    stack = await startBrowserStack((models) => {
      writeTinyMarian(models, 'opus-mt-es-en');
      writeTinyMarian(models, 'opus-mt-en-es', { seed: 2 });
      writeTinyBert(models, 'paraphrase-multilingual-MiniLM-L12-v2');
    });
    ({ relay, workstation, host } = stack);
    customer = await (await stack.browser.newContext({ locale: 'es-ES' })).newPage();
    agent = await (await stack.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('shows the agent the translation with the original a click away, and sends the customer the translated reply', async () => {
    await signInOnPage(agent, host.url, 'olivia@demo.test');
    const spanish = 'Hola, mi pedido no ha llegado todavía.';
    await startWebChat(customer, relay.url, 'Carmen Ruiz', spanish);

    await agent.getByTestId('inbox-item').filter({ hasText: 'Carmen Ruiz' }).click({ timeout: 15_000 });
    const incoming = agent.locator('[data-testid="thread-message"][data-author="customer"]');
    // Translated on this machine: the agent reads English first, the Spanish is one click away.
    const toggle = incoming.getByTestId('message-toggle-translated');
    await toggle.waitFor({ timeout: 20_000 });
    const translated = await incoming.getByTestId('message-body').innerText();
    expect(translated).not.toBe(spanish);
    expect(await incoming.innerText()).toContain('Translated from Spanish');
    await toggle.click();
    expect(await incoming.getByTestId('message-body').innerText()).toBe(spanish);
    await toggle.click();
    expect(await incoming.getByTestId('message-body').innerText()).toBe(translated);

    const draft = 'Your order left our warehouse today.';
    await agent.getByTestId('composer-input').fill(draft);
    const preview = agent.getByTestId('reply-preview-body');
    await expect.poll(() => preview.inputValue(), { timeout: 15_000 }).not.toBe('');
    const previewText = await preview.inputValue();
    await agent.screenshot({ path: artifactPath('translation.png') });
    await agent.getByTestId('composer-send').click();

    // The customer reads the preview as shown; the agent's English never reaches them.
    const reply = customer.locator('[data-testid="chat-message"][data-author="agent"]');
    await expect.poll(() => reply.first().innerText().catch(() => ''), { timeout: 15_000 }).toContain(previewText.trim().slice(0, 10));
    expect(await customer.locator('body').innerText()).not.toContain(draft);

    // The transcript keeps both; the agent sees what they wrote, what the customer got a click away.
    const conversationId = (await agent.getByTestId('inbox-item').filter({ hasText: 'Carmen Ruiz' }).getAttribute('data-conversation-id')) as string;
    const { messages } = await workstation.handlers['conversations.get']({ conversationId, before: null, limit: 50 });
    expect(messages.find((m) => m.author === 'agent')).toMatchObject({ body: previewText, original: { body: draft, language: 'en' } });
    const sent = agent.locator('[data-testid="thread-message"][data-author="agent"]');
    await expect.poll(() => sent.getByTestId('message-body').innerText()).toBe(draft);
  });

  it('checks the translation the customer gets against the reply rules, as corrected by the agent', async () => {
    await agent.getByTestId('composer-input').fill('Thank you for waiting.');
    const preview = agent.getByTestId('reply-preview-body');
    await expect.poll(() => preview.inputValue(), { timeout: 15_000 }).not.toBe('');
    // The agent's English is fine; the Spanish they type over the preview is what the customer would get.
    await preview.fill('Podemos compartir sus datos con nuestros socios.');
    await agent.getByTestId('composer-input').press('Enter');
    const flagged = agent.locator('[data-testid="reply-check"][data-rule-id="share-with-partners"]');
    await flagged.waitFor({ timeout: 10_000 });
    expect(await flagged.getAttribute('data-part')).toBe('translation');
    expect(await flagged.getByTestId('reply-check-mark').innerText()).toBe('compartir sus datos');
    const replies = customer.locator('[data-testid="chat-message"][data-author="agent"]');
    const before = await replies.count();
    await agent.waitForTimeout(1_000);
    expect(await replies.count()).toBe(before);
    await agent.getByTestId('reply-check-override').click();
    await expect.poll(() => replies.count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await replies.last().innerText()).toContain('compartir sus datos');
  });

  it('lists the installed models with size and licence, and offers the rest for download', async () => {
    await agent.getByTestId('open-models').click();
    const row = (id: string) => agent.locator(`[data-testid="model-row"][data-model-id="${id}"]`);
    await row('opus-mt-es-en').waitFor();
    expect(await row('opus-mt-es-en').getAttribute('data-state')).toBe('installed');
    expect(await row('opus-mt-es-en').innerText()).toMatch(/es → en[\s\S]*CC-BY-4\.0[\s\S]*Downloaded/);
    expect(await row('m2m100_418M').getAttribute('data-state')).toBe('available');
    expect(await row('m2m100_418M').getByTestId('model-download').isVisible()).toBe(true);
    expect(await agent.getByTestId('models-panel').innerText()).not.toContain('nllb');
    await agent.screenshot({ path: artifactPath('models.png') });
  });
});
