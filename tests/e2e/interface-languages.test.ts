import { readdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';
import { textOutsideTheFontStack, textThatDoesNotFit } from '../support/text-fit.js';

/**
 * The desk in Chinese, Thai and Arabic (right to left): each screen photographed into
 * tests/artifacts/languages/ and checked that its interface text fits, at a laptop's width, and
 * that every text and control draws from the font stack with the bundled faces (no boxes).
 */
describe.skipIf(!chromiumAvailable())('browser: the interface in the agent’s language', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let sam: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    browser = stack.browser;
    sam = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const documentLanguage = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

  async function photograph(name: string): Promise<void> {
    await sam.evaluate(() => document.fonts.ready.then(() => undefined));
    await sam.screenshot({ path: artifactPath(`languages/${name}.png`) });
    expect(await textThatDoesNotFit(sam), name).toEqual([]);
    expect(await textOutsideTheFontStack(sam), name).toEqual([]);
  }

  it('switches on the sign-in screen, before anyone signs in', async () => {
    await sam.goto(stack.host.url);
    await sam.getByTestId('language-picker').selectOption('zh-CN');
    await expect.poll(() => documentLanguage(sam)).toEqual({ lang: 'zh-CN', dir: 'ltr' });
    await photograph('zh-CN-sign-in');
    await sam.getByTestId('login-email').fill('sam@demo.test');
    await sam.getByTestId('login-password').fill('demo1234');
    await sam.getByTestId('login-submit').click();
    await expect.poll(() => sam.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    // Sam's profile says English; the language he picked on this desk wins.
    expect(await documentLanguage(sam)).toEqual({ lang: 'zh-CN', dir: 'ltr' });
  });

  for (const [language, dir] of [['zh-CN', 'ltr'], ['th', 'ltr'], ['ar', 'rtl']] as const) {
    it(`shows inbox, conversation, composer, live view and models in ${language}, every text fitting`, async () => {
      await sam.getByTestId('language-picker').selectOption(language);
      await expect.poll(() => documentLanguage(sam)).toEqual({ lang: language, dir });
      await sam.getByTestId('inbox-item').first().waitFor({ timeout: 15_000 });
      await photograph(`${language}-inbox`);

      await sam.getByTestId('inbox-item').filter({ hasText: 'นัทธยา' }).click();
      await sam.getByTestId('composer-input').fill(language === 'ar' ? 'شكرًا لتواصلك معنا، سنتحقق من طلبك الآن.' : 'ขอบคุณค่ะ กำลังตรวจสอบคำสั่งซื้อให้นะคะ');
      await photograph(`${language}-conversation`);
      await sam.locator('form.composer').screenshot({ path: artifactPath(`languages/${language}-composer.png`) });

      await sam.getByTestId('open-live').click();
      await sam.getByTestId('supervisor-view').waitFor();
      await photograph(`${language}-supervisor`);
      await sam.getByTestId('open-live').click();

      await sam.getByTestId('open-models').click();
      await sam.getByTestId('models-panel').waitFor();
      await photograph(`${language}-models`);
      await sam.keyboard.press('Escape');
    });
  }

  it('fetches only the font slices the page shows, not every bundled face', async () => {
    const bundled = readdirSync('dist/renderer/assets').filter((file) => file.endsWith('.woff2')).length;
    const fetched = await sam.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.woff2'))
        .map((entry) => ({ name: entry.name.split('/').pop() ?? '', bytes: (entry as PerformanceResourceTiming).encodedBodySize })),
    );
    const bytes = fetched.reduce((sum, font) => sum + font.bytes, 0);
    console.log(`fonts: ${fetched.length} of ${bundled} slices fetched, ${Math.round(bytes / 1024)} KB`);
    expect(fetched.some((font) => font.name.startsWith('noto-sans-thai-thai-'))).toBe(true);
    expect(fetched.some((font) => font.name.startsWith('noto-sans-arabic-arabic-'))).toBe(true);
    expect(fetched.length).toBeLessThan(bundled / 4);
  });

  it('keeps the choice on the desk across a reload', async () => {
    await sam.reload();
    await expect.poll(() => documentLanguage(sam), { timeout: 15_000 }).toEqual({ lang: 'ar', dir: 'rtl' });
  });

  it('follows the profile language of an agent who has not picked one', async () => {
    const desk = await stack.openDesk();
    const mei = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await signInOnPage(mei, desk.host.url, 'mei@demo.test', 'demo1234', null);
    // Mei's profile says "zh": Simplified Chinese.
    await expect.poll(() => documentLanguage(mei)).toEqual({ lang: 'zh-CN', dir: 'ltr' });
  });
});
