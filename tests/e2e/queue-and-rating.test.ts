import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../src-relay/server.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/** What the customer sees while waiting, and the rating they give once the chat is resolved, in a real Chromium. */
describe.skipIf(!chromiumAvailable())('browser: the customer waits in line, then rates the chat', () => {
  let stack: BrowserStack;
  let relay: RunningRelay;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ relay, browser } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function thaiCustomer(name: string, text: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'th-TH', viewport: { width: 420, height: 720 } })).newPage();
    pages.push(page);
    await startWebChat(page, relay.url, name, text);
    return page;
  }

  it('tells each waiting customer their place in line in Thai, and stops once an agent has them', async () => {
    // No one of the Asia-Pacific team is signed in: both wait.
    const first = await thaiCustomer('นิด', 'สวัสดีค่ะ พัสดุยังไม่มาเลย');
    const second = await thaiCustomer('หน่อย', 'ขอเปลี่ยนที่อยู่จัดส่งค่ะ');
    await expect.poll(() => first.getByTestId('chat-queue').innerText().catch(() => ''), { timeout: 10_000 }).toContain('คุณอยู่ลำดับที่ 1 ในคิว');
    await expect.poll(() => second.getByTestId('chat-queue').innerText().catch(() => ''), { timeout: 10_000 }).toContain('คุณอยู่ลำดับที่ 2 ในคิว');
    // With no one signed in who could answer, no wait is promised.
    expect(await second.getByTestId('chat-queue').innerText()).toContain('เราจะตอบกลับทันทีที่มีเจ้าหน้าที่ว่าง');
    await second.screenshot({ path: artifactPath('chat-queue.png') });

    const agent = await (await browser.newContext({ locale: 'en-US' })).newPage();
    pages.push(agent);
    await signInOnPage(agent, stack.host.url, 'somchai@demo.test');
    await expect.poll(() => first.getByTestId('chat-queue').isVisible(), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => second.getByTestId('chat-queue').isVisible(), { timeout: 15_000 }).toBe(false);
  });

  it('asks for a rating once the chat is resolved, keeps it, and a supervisor finds it in the CSAT export', async () => {
    const [first] = pages;
    const agent = pages[2]!;
    await agent.getByTestId('inbox-item').filter({ hasText: 'นิด' }).click();
    await agent.getByTestId('status-resolved').click();
    const rating = first!.getByTestId('chat-rating');
    // Asked once the resolve's undo window (5 s) has passed on the desk.
    await rating.waitFor({ timeout: 25_000 });
    expect(await rating.innerText()).toContain('บริการของเราเป็นอย่างไรบ้าง');
    await first!.getByTestId('chat-rate-4').click();
    await first!.getByTestId('chat-rate-comment').fill('=HYPERLINK("x") ขอบคุณค่ะ');
    await first!.getByTestId('chat-rate-send').click();
    await first!.getByTestId('chat-rating-thanks').waitFor();
    await first!.screenshot({ path: artifactPath('chat-rating.png') });

    const login = await fetch(`${relay.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@demo.test', password: 'demo1234' }),
    });
    const { token } = (await login.json()) as { token: string };
    let csv = '';
    await expect
      .poll(async () => (csv = await (await fetch(`${relay.url}/api/reports/csat.csv`, { headers: { authorization: `Bearer ${token}` } })).text()), { timeout: 10_000 })
      .toContain(',4,');
    const row = csv.trim().split('\n')[1] ?? '';
    expect(row).toContain(`,4,"'=HYPERLINK(""x"") ขอบคุณค่ะ",team-apac,agent-somchai,webchat,TH`);
    // An agent may not read reports.
    const agentLogin = (await (await fetch(`${relay.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mei@demo.test', password: 'demo1234' }) })).json()) as { token: string };
    expect((await fetch(`${relay.url}/api/reports/csat.csv`, { headers: { authorization: `Bearer ${agentLogin.token}` } })).status).toBe(403);
  });
});
