import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../src-main/core/workstation.js';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import type { RunningRelay } from '../../src-relay/server.js';
import { SocketClient } from '../../src-relay/testing/socket-client.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/** Regional notes, canned replies, labels and the knowledge panel in a real Chromium, with intent from the keyword fallback (no models). */
describe.skipIf(!chromiumAvailable())('browser: service tools and knowledge base', () => {
  let stack: BrowserStack;
  let relay: RunningRelay;
  let workstation: Workstation;
  let host: BrowserStack['host'];
  let browser: Browser;
  let agent: Page;
  const customers: Page[] = [];

  beforeAll(async () => {
    // No models: intent comes from the keyword fallback.
    stack = await startBrowserStack();
    ({ relay, workstation, host, browser } = stack);
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function customer(locale: string, name: string, text: string): Promise<Page> {
    const page = await (await browser.newContext({ locale })).newPage();
    customers.push(page);
    await startWebChat(page, relay.url, name, text);
    return page;
  }

  const open = (name: string) => agent.getByTestId('inbox-item').filter({ hasText: name }).click({ timeout: 15_000 });
  const notes = () => agent.getByTestId('regional-note');

  it("shows the market's rule where market and intent match, not elsewhere, and keeps a dismissed one away", async () => {
    await signInOnPage(agent, host.url, 'olivia@demo.test');
    await customer('de-DE', 'Jonas Keller', 'Ich möchte mein Geld zurück, die Jacke ist kaputt angekommen.');
    await customer('en-US', 'Megan Price', 'I want my money back, the jacket arrived broken.');

    await open('Jonas Keller');
    const withdrawal = agent.locator('[data-testid="regional-note"][data-note-id="eu-withdrawal"]');
    await withdrawal.waitFor({ timeout: 20_000 });
    expect(await withdrawal.innerText()).toContain('14-day right of withdrawal');
    await agent.screenshot({ path: artifactPath('regional-note.png') });

    await open('Megan Price');
    // The row's intent, whether shown or counted in "+N" (its SLA clock comes first in a narrow column).
    await expect.poll(async () => ((await agent.getByTestId('intent-badge').first().textContent()) ?? '').trim(), { timeout: 20_000 }).toBe('Refund');
    expect(await notes().count()).toBe(0);

    await open('Jonas Keller');
    await withdrawal.waitFor();
    await withdrawal.getByTestId('regional-note-dismiss').click();
    await expect.poll(() => notes().count()).toBe(0);
    await open('Megan Price');
    await open('Jonas Keller');
    await agent.getByTestId('composer-input').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await notes().count()).toBe(0);
  });

  it('fills a canned reply chosen with the keyboard, and the customer receives it', async () => {
    // A message that names its intent: a vague "question about my order" rightly gets none (docs/intent.md), and a later test wants suggestions.
    const page = await customer('en-GB', 'Harriet Long', 'Hello there, has my order 48213 shipped yet?');
    await open('Harriet Long');
    // The demo's chat policy: a first reply within 15 minutes.
    const timer = agent.getByTestId('inbox-item').filter({ hasText: 'Harriet Long' }).getByTestId('sla-timer');
    // What it says in full (tooltip, screen reader, "+N"), whether the row shows it or counts it in "+N"; the row shows the compact form.
    await expect.poll(async () => (await timer.getAttribute('data-chip-text').catch(() => '')) ?? '', { timeout: 10_000 }).toMatch(/^First reply in 1[45] min$/);
    expect(((await timer.getByTestId('sla-timer-compact').textContent()) ?? '').trim()).toMatch(/^1[45] min$/);
    expect(await timer.locator('.sr-only').textContent()).toMatch(/^First reply in 1[45] min$/);
    expect(await timer.getAttribute('data-state')).toBe('ok');
    const input = agent.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('/gre');
    const choices = agent.getByTestId('canned-reply');
    // Answers for "/", "/g", "/gr" may show first; wait for the list of "/gre".
    const shown = () => choices.evaluateAll((items) => items.map((item) => item.getAttribute('data-reply-id') ?? ''));
    await expect.poll(async () => (await shown()).length > 1 && (await shown()).every((id) => id.startsWith('greeting-'))).toBe(true);
    // The agent's own language first; the arrows move, Enter takes.
    expect(await choices.first().getAttribute('data-reply-id')).toBe('greeting-en');
    await input.press('ArrowDown');
    await input.press('ArrowUp');
    expect(await choices.first().getAttribute('aria-selected')).toBe('true');
    await agent.screenshot({ path: artifactPath('canned-replies.png') });
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('Hello Harriet, this is Olivia. How can I help you today?');
    expect(await agent.getByTestId('canned-replies').count()).toBe(0);
    await input.press('Enter');
    const received = page.locator('[data-testid="chat-message"][data-author="agent"]');
    await expect.poll(() => received.first().innerText().catch(() => ''), { timeout: 15_000 }).toContain('Hello Harriet, this is Olivia.');
    // Answered: the next target is resolution, within a day.
    await expect.poll(async () => (await timer.getAttribute('data-chip-text')) ?? '', { timeout: 10_000 }).toMatch(/^Resolve in (1 day|23 hr 5\d min)$/);
  });

  it('labels a conversation and narrows the inbox to a label', async () => {
    await open('Megan Price');
    const input = agent.getByTestId('label-input');
    await input.fill('vip');
    await input.press('Enter');
    await agent.getByTestId('conversation-label').filter({ hasText: 'vip' }).waitFor();
    // The row carries the label too: shown, or counted in its "+N" where the row is full.
    const chip = agent.getByTestId('inbox-item').filter({ hasText: 'Megan Price' }).getByTestId('label-chip');
    await chip.waitFor({ state: 'attached', timeout: 10_000 });
    const everyone = await agent.getByTestId('inbox-item').count();
    expect(everyone).toBeGreaterThan(1);
    // The open conversation's label is the keyboard's way to the same filter.
    await agent.getByTestId('conversation-label').filter({ hasText: 'vip' }).locator('.label-chip-filter').click();
    await agent.getByTestId('label-filter').waitFor();
    await expect.poll(() => agent.getByTestId('inbox-item').count()).toBe(1);
    await agent.getByTestId('label-filter-clear').click();
    await expect.poll(() => agent.getByTestId('inbox-item').count()).toBe(everyone);
    // Refused before it reaches the core: a label is words, not markup.
    await input.fill('<b>');
    await input.press('Enter');
    expect(await agent.locator('.label-problem').innerText()).toContain('a label is letters');
  });

  it('searches the knowledge base beside the conversation and inserts an article into the reply', async () => {
    await open('Harriet Long');
    const search = agent.getByTestId('knowledge-search');
    await search.fill('เก็บเงินปลายทาง');
    const hit = agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-th-cod"]');
    await hit.waitFor();
    await search.fill('how long does a refund take');
    await agent.locator('[data-testid="knowledge-hit"]').first().click();
    const body = agent.getByTestId('knowledge-body');
    expect(await body.locator('strong').innerText()).toBe('original payment method');
    const input = agent.getByTestId('composer-input');
    await input.fill('');
    await agent.getByTestId('knowledge-insert').click();
    await expect.poll(() => input.inputValue()).toContain('Refunds go back to the original payment method.');
    expect(await input.inputValue()).not.toContain('**');
    await agent.screenshot({ path: artifactPath('knowledge.png') });

    // With the search empty the panel suggests articles for the conversation's intent.
    await search.fill('');
    const suggestion = agent.getByTestId('knowledge-suggestion').first();
    await suggestion.waitFor();
    const suggestedId = await suggestion.getAttribute('data-article-id');
    await suggestion.click();
    const { article } = await workstation.handlers['kb.article']({ articleId: suggestedId as string });
    expect(article.intents).toContain('order_status');
    await input.fill('');
    await agent.getByTestId('knowledge-insert').click();
    await expect.poll(() => input.inputValue()).toContain(article.body.split('\n')[0]!.replace(/[*_`#>]+/g, '').slice(0, 30));
  });

  it("inserts a public article's link, which a customer can open, and offers none for an agents-only article", async () => {
    await open('Harriet Long');
    const search = agent.getByTestId('knowledge-search');
    await search.fill('Return policy');
    await agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-return-policy"]').click();
    const input = agent.getByTestId('composer-input');
    await input.fill('');
    await agent.getByTestId('knowledge-insert-link').click();
    const link = `${relay.url}/help/articles/kb-return-policy`;
    await expect.poll(() => input.inputValue()).toBe(`Return policy (30 days): ${link}`);
    const reader = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await reader.goto(link);
    expect(await reader.locator('h1').innerText()).toBe('Return policy (30 days)');
    await reader.close();

    await search.fill('upset customer');
    await agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-complaint-handling"]').click();
    await agent.getByTestId('knowledge-body').waitFor();
    expect(await agent.getByTestId('knowledge-insert-link').count()).toBe(0);
    await input.fill('');
  });

  it('shows an article with markup in it as harmless text and formatting only', async () => {
    await pushArticle(
      'kb-hostile',
      '<img src=x onerror="window.__pwned=1"> **Bold** [click](javascript:window.__pwned=2) <script>window.__pwned=3</script> [terms](https://shop.example/terms)',
    );
    await open('Harriet Long');
    await agent.getByTestId('knowledge-search').fill('Hostile');
    await agent.locator('[data-testid="knowledge-hit"][data-article-id="kb-hostile"]').click();
    const body = agent.getByTestId('knowledge-body');
    await body.waitFor();
    expect(await body.locator('strong').innerText()).toBe('Bold');
    expect(await body.locator('img, script, [onerror]').count()).toBe(0);
    expect(await body.locator('a').first().getAttribute('href')).toBeNull();
    // A safe link opens outside the workstation, never in its place.
    const terms = body.locator('a', { hasText: 'terms' });
    expect(await terms.getAttribute('href')).toBe('https://shop.example/terms');
    expect(await terms.getAttribute('target')).toBe('_blank');
    expect(await terms.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await agent.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('notifies a colleague named in a note, who then reads it on their own desk', async () => {
    await customer('en-IE', 'Aoife Byrne', 'My parcel says delivered but it is not here');
    await open('Aoife Byrne');
    const desk = await stack.openDesk();
    const hans = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    await signInOnPage(hans, desk.host.url, 'hans@demo.test');

    await agent.getByTestId('composer-mode-note').click();
    const input = agent.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('Courier tracking looks wrong, @we');
    const choice = agent.getByTestId('mention-choice');
    await expect.poll(() => choice.evaluateAll((items) => items.map((item) => item.getAttribute('data-colleague-id')))).toEqual(['agent-hans']);
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('Courier tracking looks wrong, @Hans Weber ');
    await input.pressSequentially('could you call DHL?');
    await agent.screenshot({ path: artifactPath('mention-picker.png') });
    await input.press('Enter');
    const note = agent.locator('[data-testid="thread-message"][data-internal="true"]').last();
    await expect.poll(() => note.getByTestId('message-mention').innerText()).toBe('@Hans Weber');

    const notice = hans.locator('[data-testid="notice"][data-kind="mentioned"]');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.innerText()).toContain('Olivia Grant mentioned you in a note about Aoife Byrne.');
    expect(await notice.innerText()).toContain('Courier tracking looks wrong, @Hans Weber could you call DHL?');
    // The conversation is Olivia's: Hans reads the note, not the rest of it.
    expect(await notice.getByTestId('notice-open').count()).toBe(0);
    await hans.screenshot({ path: artifactPath('mention-notice.png') });
    // Only the colleague named: Olivia's own desk has no such notice.
    expect(await agent.locator('[data-testid="notice"][data-kind="mentioned"]').count()).toBe(0);
    await agent.getByTestId('composer-mode-reply').click();
  });

  it('lets a supervisor write an article with a live preview, and agents find it', async () => {
    await agent.getByTestId('sign-out').click();
    // Signed out for good before the next sign-in: a sign-out still under way would end it.
    await agent.getByTestId('login-email').waitFor();
    await signInOnPage(agent, host.url, 'sam@demo.test');
    await agent.getByTestId('inbox-item').first().click();
    await agent.getByTestId('knowledge-new').click();
    const editor = agent.getByTestId('article-editor');
    await editor.getByTestId('editor-title').fill('Typhoon season: Philippines deliveries');
    await editor.getByTestId('editor-markets').fill('ph');
    await editor.getByTestId('editor-intents').fill('delivery_delay');
    await editor.getByTestId('editor-body').fill('From **July to October** typhoons close ports.\n\n<script>window.__pwned=4</script>');
    await expect.poll(() => editor.getByTestId('editor-preview').locator('strong').innerText()).toBe('July to October');
    expect(await editor.getByTestId('editor-preview').locator('script').count()).toBe(0);
    await agent.screenshot({ path: artifactPath('article-editor.png') });
    await editor.getByTestId('editor-save').click();
    await expect.poll(() => editor.isVisible()).toBe(false);
    const found = await waitForSearch('Typhoon');
    expect(found.article).toMatchObject({ markets: ['PH'], intents: ['delivery_delay'], updatedByName: 'Sam Okafor', version: 1 });
    await agent.getByTestId('knowledge-search').fill('Typhoon');
    await agent.locator(`[data-testid="knowledge-hit"][data-article-id="${found.article.id}"]`).waitFor();
  });

  async function waitForSearch(query: string) {
    let hit: Awaited<ReturnType<Workstation['handlers']['kb.search']>>['hits'][number] | undefined;
    await expect.poll(async () => (hit = (await workstation.handlers['kb.search']({ query, limit: 1 })).hits[0]) !== undefined).toBe(true);
    return hit!;
  }

  /** Sam, the demo supervisor, writes an article over the real sync protocol. */
  async function pushArticle(id: string, body: string): Promise<void> {
    const login = await fetch(`${relay.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@demo.test', password: 'demo1234' }),
    });
    const { token } = (await login.json()) as { token: string };
    const socket = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    socket.send({ type: 'hello', token, clientId: 'e2e-supervisor' });
    await socket.expect('welcome');
    const article = { title: 'Hostile article', body, locale: 'en', markets: [], tags: [], intents: [] };
    socket.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: Date.now(), body: { kind: 'article.save', articleId: id, baseVersion: 0, ...article } }] });
    expect((await socket.expect('ack', ['presence', 'events'])).rejections).toEqual([]);
    socket.close();
    await expect.poll(async () => (await workstation.handlers['kb.search']({ query: 'Hostile', limit: 5 })).hits.length).toBe(1);
  }
});
