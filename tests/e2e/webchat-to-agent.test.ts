import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../src-main/core/api-router.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { startWebHost } from '../../src-main/web-host/server.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { artifactPath, chromiumAvailable, launchChromium, signInOnPage, startWebChat } from '../support/chromium.js';

const RENDERER_DIR = path.resolve('dist/renderer');

/** A customer in the web chat and an agent in the workstation, both in a real Chromium. */
describe.skipIf(!chromiumAvailable())('browser: web chat customer and agent', () => {
  let dir: string;
  let relay: RunningRelay;
  let relayDb: string;
  let workstation: Workstation;
  let host: Awaited<ReturnType<typeof startWebHost>>;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      throw new Error('dist/renderer is missing: `npm test` builds it first (pretest), or run `npm run build:renderer`.');
    }
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-'));
    relayDb = path.join(dir, 'relay.sqlite');
    relay = await startRelay({ dbPath: relayDb, seedDemo: true });
    workstation = Workstation.open({ dbPath: path.join(dir, 'workstation.sqlite'), relayUrl: relay.url });
    host = await startWebHost({ router: createApiRouter(workstation.handlers), events: workstation, rendererDir: RENDERER_DIR });
    browser = await launchChromium();
    // The customer writes from China, so the conversation goes to the Asia Pacific team (Mei).
    customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await workstation?.close();
    await relay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const agentMessages = (page: Page) => page.locator('[data-testid="chat-message"][data-author="agent"]');

  it('signs the agent in, brings a customer message in live and the reply out live', async () => {
    await signInOnPage(agent, host.url, 'mei@demo.test');
    await expect.poll(() => agent.getByTestId('inbox-item').count()).toBeGreaterThan(0);

    await startWebChat(customer, relay.url, '王芳', '你好，我的包裹三天没有更新了 <b>急</b>');

    const item = agent.getByTestId('inbox-item').filter({ hasText: '王芳' });
    await item.waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: artifactPath('inbox.png') });
    await item.click();
    const incoming = agent.getByTestId('thread-message').filter({ hasText: '包裹三天' });
    await incoming.waitFor();
    // Customer text is text: the markup arrives as characters, not as an element.
    expect(await incoming.innerText()).toContain('<b>急</b>');
    expect(await agent.locator('[data-testid="thread-message"] b').count()).toBe(0);

    await agent.getByTestId('composer-input').fill('您好王女士，我马上为您查询包裹。');
    await agent.getByTestId('composer-send').click();
    await agentMessages(customer).filter({ hasText: '我马上为您查询包裹' }).waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: artifactPath('conversation.png') });
  });

  it('sends a text pasted past the limit as several messages, nothing cut, and tells the customer', async () => {
    // Six paragraphs of some 2,400 characters each: more than one message holds (10,000).
    const paragraph = (n: number) => `第${n}段：${'我想确认一下退款的进度，订单号是 A-5531，付款方式是信用卡。'.repeat(80)}`;
    const pasted = [1, 2, 3, 4, 5, 6].map(paragraph).join('\n\n');
    await customer.getByTestId('chat-input').fill(pasted);
    expect(await customer.getByTestId('chat-input').inputValue()).toBe(pasted);
    await customer.getByTestId('chat-input').press('Enter');
    const banner = customer.locator('#banner');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toBe('您的消息较长，已分成 2 条发送，内容没有删减。');
    const received = agent.getByTestId('thread-message').filter({ hasText: /第[1-6]段/ });
    await expect.poll(() => received.count(), { timeout: 15_000 }).toBe(2);
    const bodies = await received.locator('[data-testid="message-body"]').allInnerTexts();
    expect(bodies.join('').replace(/\s+/g, '')).toBe(pasted.replace(/\s+/g, ''));
    // On the desk a long message is folded to its first lines until the agent asks for all of it.
    const first = received.first().getByTestId('long-message');
    expect(await first.getAttribute('data-folded')).toBe('true');
    const folded = await first.getByTestId('message-body').evaluate((body) => body.clientHeight);
    await agent.screenshot({ path: artifactPath('long-message-folded.png') });
    await first.getByTestId('long-message-toggle').click();
    expect(await first.getAttribute('data-folded')).toBe('false');
    expect(await first.getByTestId('message-body').evaluate((body) => body.clientHeight)).toBeGreaterThan(folded * 3);
  });

  it('keeps three replies written while the relay is down and delivers exactly those, in order', async () => {
    const before = await agentMessages(customer).count();
    const port = relay.port;
    const callUs = customer.getByTestId('chat-call');
    expect(await callUs.isEnabled()).toBe(true);
    await relay.close();
    await expect.poll(() => agent.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).not.toBe('online');
    // A call cannot start without the chat's connection: the customer's button is off until it is back.
    await expect.poll(() => callUs.isDisabled(), { timeout: 15_000 }).toBe(true);

    const replies = ['第一条：已联系快递公司', '第二条：包裹在上海转运中心', '第三条：预计明天送达'];
    for (const body of replies) {
      await agent.getByTestId('composer-input').fill(body);
      await agent.getByTestId('composer-send').click();
    }
    await expect.poll(() => agent.locator('[data-testid="thread-message"][data-delivery="pending"]').count()).toBe(3);
    await agent.screenshot({ path: artifactPath('offline-pending.png') });

    relay = await startRelay({ dbPath: relayDb, port });
    await expect.poll(() => callUs.isEnabled(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => agent.locator('[data-testid="thread-message"][data-delivery="pending"]').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => agentMessages(customer).count(), { timeout: 30_000 }).toBe(before + 3);
    const texts = await agentMessages(customer).allInnerTexts();
    const delivered = texts.slice(before);
    replies.forEach((body, i) => expect(delivered[i]).toContain(body));
    // Exactly once: no reply shows up twice anywhere.
    for (const body of replies) {
      expect(texts.filter((t) => t.includes(body))).toHaveLength(1);
      expect(await agent.getByTestId('thread-message').filter({ hasText: body }).count()).toBe(1);
    }
  });

  it('keeps an internal note from the customer, and tells the agent plainly when the customer is erased', async () => {
    await agent.getByTestId('composer-mode-note').click();
    await agent.getByTestId('composer-input').fill('客户很着急，明天再跟进一次');
    await agent.getByTestId('composer-send').click();
    const note = agent.locator('[data-testid="thread-message"][data-internal="true"]').filter({ hasText: '明天再跟进' });
    await expect.poll(() => note.getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');
    await agent.getByTestId('composer-mode-reply').click();
    await agent.getByTestId('composer-input').fill('好的，我们明天会再联系您。');
    await agent.getByTestId('composer-send').click();
    await agentMessages(customer).filter({ hasText: '明天会再联系您' }).waitFor({ timeout: 15_000 });
    expect(await agentMessages(customer).filter({ hasText: '明天再跟进' }).count()).toBe(0);

    const open = await workstation.handlers['conversations.list']({ status: 'all', cursor: null, limit: 200 });
    const erased = open.items.find((c) => c.customerName === '王芳');
    expect(erased).toBeDefined();
    const login = await fetch(`${relay.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.test', password: 'demo1234' }),
    });
    const { token } = (await login.json()) as { token: string };
    const erasure = await fetch(`${relay.url}/api/admin/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ customerId: erased!.customerId }),
    });
    expect(erasure.status).toBe(200);

    const notice = agent.locator('[data-testid="notice"][data-kind="erased"]');
    await notice.waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId('inbox-item').filter({ hasText: '王芳' }).count()).toBe(0);
    expect(await agent.getByTestId('thread-message').filter({ hasText: '包裹' }).count()).toBe(0);
    await agent.screenshot({ path: artifactPath('erased-notice.png') });
    await notice.getByTestId('notice-dismiss').click();
    await expect.poll(() => agent.getByTestId('notice').count()).toBe(0);
  });
});
