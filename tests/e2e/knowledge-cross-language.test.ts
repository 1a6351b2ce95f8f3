import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/**
 * The knowledge panel without any model: a Thai agent's Thai search finds the address-change
 * article, which is written in English (and, separately, Spanish) only, through its Thai title
 * and tags, with the words found marked and the matching language named.
 */
describe.skipIf(!chromiumAvailable())('browser: knowledge-base search across languages', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let agent: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    browser = stack.browser;
    agent = await (await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 860 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('finds an English article from a Thai search and marks the Thai words found', async () => {
    await signInOnPage(agent, stack.host.url, 'somchai@demo.test');
    const customer = await (await browser.newContext({ locale: 'th-TH' })).newPage();
    await startWebChat(customer, stack.relay.url, 'ปรียาพร เคบี', 'สวัสดีค่ะ สอบถามเรื่องคำสั่งซื้อหน่อยค่ะ');
    await agent.getByTestId('inbox-item').filter({ hasText: 'ปรียาพร เคบี' }).click({ timeout: 15_000 });

    // Written for this test: "I've moved house; can the delivery address be fixed?"
    await agent.getByTestId('knowledge-search').fill('ย้ายบ้านแล้ว แก้ที่อยู่สำหรับส่งของได้ไหมคะ');
    const hit = agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-change-address"]');
    await hit.waitFor({ timeout: 10_000 });
    expect(await agent.getByTestId('knowledge-hit').first().getAttribute('data-article-id')).toBe('kb-change-address');
    // Shown under its Thai title to a Thai agent, the words found marked as text.
    expect(await hit.locator('.knowledge-hit-title').innerText()).toBe('เปลี่ยนที่อยู่จัดส่ง');
    expect(await hit.getByTestId('knowledge-mark').allInnerTexts()).toContain('ที่อยู่');
    const note = hit.getByTestId('knowledge-hit-match');
    expect(await note.getAttribute('data-language')).toBe('th');
    expect(['title', 'tag']).toContain(await note.getAttribute('data-field'));
    // The article's own language is shown too: it is English.
    expect(await hit.locator('.knowledge-hit-meta').innerText()).toMatch(/English|อังกฤษ/);
    await agent.screenshot({ path: artifactPath('knowledge-cross-language.png') });

    // Opened, it is the English article.
    await hit.click();
    expect(await agent.getByTestId('knowledge-body').innerText()).toContain('The address can be changed until the order is');

    // A search that matches nothing shows no article.
    await agent.getByTestId('knowledge-search').fill('ช้างบินข้ามดวงจันทร์');
    await expect.poll(() => agent.locator('.knowledge-empty').count(), { timeout: 10_000 }).toBe(1);
    expect(await agent.getByTestId('knowledge-hit').count()).toBe(0);
  });

  it('lets a supervisor add a title and tags in another language, and a search in it then finds the article', async () => {
    await agent.getByTestId('sign-out').click();
    // Signed out for good before the next sign-in: a sign-out still under way would end it.
    await agent.getByTestId('login-email').waitFor();
    await signInOnPage(agent, stack.host.url, 'sam@demo.test');
    await agent.getByTestId('inbox-item').first().click();
    const search = agent.getByTestId('knowledge-search');
    // Vietnamese, written for this test: "I want to change the address where I receive the goods." No article has Vietnamese yet.
    const question = 'tôi muốn đổi địa chỉ nhận hàng';
    await search.fill(question);
    await expect.poll(() => agent.locator('.knowledge-empty').count(), { timeout: 10_000 }).toBe(1);

    await search.fill('delivery address');
    await agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-change-address"]').click();
    await agent.getByTestId('knowledge-edit').click();
    const editor = agent.getByTestId('article-editor');
    // The titles it has in other languages come into the form.
    await expect.poll(() => editor.getByTestId('editor-title-locale').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual(['th', 'zh', 'ja', 'ar', 'de']);
    await editor.getByTestId('editor-add-title').click();
    const row = editor.getByTestId('editor-title-row').last();
    await row.getByTestId('editor-title-locale').fill('vi');
    await row.getByTestId('editor-title-text').fill('Thay đổi địa chỉ giao hàng');
    await row.getByTestId('editor-title-tags').fill('địa chỉ, giao hàng');
    await agent.screenshot({ path: artifactPath('article-editor-titles.png') });
    await editor.getByTestId('editor-save').click();
    await expect.poll(() => editor.isVisible()).toBe(false);

    // Confirmed by the relay and back in the cache, the Vietnamese search finds it, marked.
    await expect
      .poll(
        async () => {
          await search.fill('');
          await search.fill(question);
          return agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-change-address"] [data-testid="knowledge-hit-match"]').getAttribute('data-language', { timeout: 2_000 }).catch(() => null);
        },
        { timeout: 20_000 },
      )
      .toBe('vi');
    const hit = agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-change-address"]');
    // Sam reads English: the English title, and under it the Vietnamese one that matched, marked.
    expect(await hit.locator('.knowledge-hit-title').innerText()).toBe('Changing a delivery address');
    expect(await hit.getByTestId('knowledge-hit-matched-title').innerText()).toBe('Thay đổi địa chỉ giao hàng');
    expect(await hit.getByTestId('knowledge-hit-matched-title').getByTestId('knowledge-mark').allInnerTexts()).toEqual(expect.arrayContaining(['địa', 'chỉ']));
    await agent.screenshot({ path: artifactPath('knowledge-added-title.png') });
  });
});
