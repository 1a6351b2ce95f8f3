import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/** The chat page's Thai lines (src-webchat/chat/strings.ts): the promise, and the honest line instead. */
const thai = { subtitle: 'เราตอบกลับเป็นภาษาของคุณ', subtitleUnsure: 'เราอาจไม่สามารถตอบกลับเป็นภาษาของคุณได้' };

/**
 * With no translation model on any desk: a Thai customer and Mei, who writes Chinese, in a real
 * Chromium against the real relay and web host. No reply leaves in a language the customer has
 * not used without Mei confirming it, and the chat page never promises what is not true.
 */
describe.skipIf(!chromiumAvailable())('browser: honest about language without a model', () => {
  let stack: BrowserStack;
  let customer: Page;
  let mei: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    customer = await (await stack.browser.newContext({ locale: 'th-TH', viewport: { width: 420, height: 720 } })).newPage();
    mei = await (await stack.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const promise = (page: Page) => page.getByTestId('chat-language-promise');
  const replies = () => customer.locator('[data-testid="chat-message"][data-author="agent"]');

  it('tells a Thai customer honestly that the agents at work may not reply in Thai', async () => {
    await signInOnPage(mei, stack.host.url, 'mei@demo.test');
    await customer.goto(`${stack.relay.url}/chat`);
    // Before the relay has said anything, the header promises nothing.
    expect(await customer.locator('header').innerText()).not.toContain(thai.subtitle);
    await startWebChat(customer, stack.relay.url, 'สมหญิง', 'สวัสดีค่ะ สั่งของไปหนึ่งสัปดาห์แล้วยังไม่ได้รับเลยค่ะ');
    await expect.poll(() => promise(customer).getAttribute('data-promise'), { timeout: 15_000 }).toBe('unsure');
    expect(await promise(customer).innerText()).toBe(thai.subtitleUnsure);
    expect(await customer.locator('header').innerText()).not.toContain(thai.subtitle);
    await customer.screenshot({ path: artifactPath('chat-promise-unsure.png') });
  });

  it('names both languages on the send button and asks before a Chinese reply goes to a Thai customer', async () => {
    await mei.getByTestId('inbox-item').filter({ hasText: 'สมหญิง' }).click({ timeout: 15_000 });
    const send = mei.getByTestId('composer-send');
    await expect.poll(() => send.innerText(), { timeout: 15_000 }).toBe('Send in Chinese (no Thai translation)');

    const chinese = '您好，我们正在为您查询包裹的位置。';
    await mei.getByTestId('composer-input').fill(chinese);
    await send.click();
    const confirm = mei.getByTestId('untranslated-confirm');
    await confirm.waitFor({ timeout: 15_000 });
    expect(await confirm.innerText()).toContain('Send this reply in Chinese?');
    expect(await confirm.innerText()).toMatch(/สมหญิง writes Thai, and no Chinese → Thai translation model is installed/);
    await mei.screenshot({ path: artifactPath('untranslated-confirm.png') });
    // Keeping on editing sends nothing.
    await mei.getByTestId('untranslated-cancel').click();
    await mei.waitForTimeout(1_000);
    expect(await replies().count()).toBe(0);
    expect(await mei.getByTestId('composer-input').inputValue()).toBe(chinese);

    // Enter asks too; confirmed, the reply goes exactly as written.
    await mei.getByTestId('composer-input').press('Enter');
    await confirm.waitFor();
    await mei.getByTestId('untranslated-send').click();
    await expect.poll(() => replies().first().innerText().catch(() => ''), { timeout: 15_000 }).toContain(chinese);
    expect(await replies().count()).toBe(1);
  });

  it('sends a reply written in Thai without asking', async () => {
    const reply = 'ขอบคุณที่รอค่ะ พัสดุของคุณจะถึงภายในวันพรุ่งนี้ค่ะ';
    await mei.getByTestId('composer-input').fill(reply);
    await expect.poll(() => mei.getByTestId('composer-send').innerText(), { timeout: 15_000 }).toBe('Send');
    await mei.getByTestId('composer-send').click();
    await expect.poll(() => replies().count(), { timeout: 15_000 }).toBe(2);
    expect(await replies().last().innerText()).toContain(reply);
    expect(await mei.getByTestId('untranslated-confirm').count()).toBe(0);
  });

  it('asks the same before an email reply goes in Chinese to a Japanese customer', async () => {
    await mei.getByTestId('inbox-item').filter({ hasText: 'Email' }).filter({ hasText: 'Japanese' }).first().click();
    const send = mei.getByTestId('composer-send');
    await expect.poll(() => send.innerText(), { timeout: 15_000 }).toBe('Send in Chinese (no Japanese translation)');
    const thread = mei.locator('[data-testid="thread-message"][data-author="agent"]');
    const before = await thread.count();
    await mei.getByTestId('composer-input').fill('您好，发票我们今天会重新开具。');
    await send.click();
    const confirm = mei.getByTestId('untranslated-confirm');
    await confirm.waitFor({ timeout: 15_000 });
    expect(await confirm.innerText()).toContain('writes Japanese, and no Chinese → Japanese translation model is installed');
    await mei.getByTestId('untranslated-cancel').click();
    await mei.waitForTimeout(1_000);
    expect(await thread.count()).toBe(before);
    // Confirmed, the email reply is queued as written, subject and all.
    await send.click();
    await mei.getByTestId('untranslated-send').click();
    await expect.poll(() => thread.count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await thread.last().innerText()).toContain('发票我们今天会重新开具');
  });

  it('promises a reply in Thai once a Thai-speaking agent has the conversation', async () => {
    const desk = await stack.openDesk();
    const somchai = await (await stack.browser.newContext({ locale: 'en-US' })).newPage();
    await signInOnPage(somchai, desk.host.url, 'somchai@demo.test');
    const second = await (await stack.browser.newContext({ locale: 'th-TH', viewport: { width: 420, height: 720 } })).newPage();
    await startWebChat(second, stack.relay.url, 'ปรียา', 'สวัสดีค่ะ ขอเปลี่ยนที่อยู่จัดส่งได้ไหมคะ');
    await expect.poll(() => promise(second).getAttribute('data-promise'), { timeout: 15_000 }).toBe('yours');
    expect(await promise(second).innerText()).toBe(thai.subtitle);
    await somchai.getByTestId('inbox-item').filter({ hasText: 'ปรียา' }).waitFor({ timeout: 15_000 });
    await second.screenshot({ path: artifactPath('chat-promise-yours.png') });

    // The first customer's conversation became Mei's when she replied: she writes no Thai and
    // her desk has no model, so that page still promises nothing, though a Thai speaker is at work now.
    await somchai.waitForTimeout(1_000);
    expect(await promise(customer).getAttribute('data-promise')).toBe('unsure');
    expect(await customer.locator('header').innerText()).not.toContain(thai.subtitle);
  });
});
