import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkInferenceProcess } from '../../src-main/ai/fork-inference.js';
import { loadCatalog } from '../../src-main/ai/models/catalog.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { createLanguageSetup } from '../../src-main/host/language-setup.js';
import { startFakeHub, type FakeHub } from '../../src-main/ai/models/testing/fake-hub.js';
import { tinyReposFor } from '../../src-main/ai/models/testing/tiny-hub.js';
import en from '../../src-renderer/i18n/en.json' with { type: 'json' };
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

const CATALOG = loadCatalog(path.resolve('resources/models/catalog.json'));
const THAI = 'สวัสดีค่ะ พัสดุของฉันยังไม่มาถึงเลย ช่วยตรวจสอบให้หน่อยได้ไหมคะ';

/**
 * A fresh desk fetches its models at sign-in, without a click, from the company mirror (a fake
 * hub speaking the hub's wire format, serving tiny generated models under the catalog's repos),
 * and a Thai customer reaches Mei (Chinese) translated. Without any model source, the desk says
 * so plainly and keeps working.
 */
/** A second workstation on the relay, with its own empty model folder, fetching from `hubUrl`. */
async function openDeskWithModels(relayUrl: string, hubUrl: string): Promise<Workstation & { close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-models-'));
  const models = path.join(dir, 'models');
  mkdirSync(models);
  const language = createLanguageSetup({ launchInference: forkInferenceProcess, modelFolders: [{ path: models, source: 'user' }], intentsFile: path.resolve('resources/ai/intents.json'), catalogFile: path.resolve('resources/models/catalog.json'), hubUrl, log: () => {} });
  const desk = Workstation.open({ dbPath: path.join(dir, 'workstation.sqlite'), relayUrl, language, log: () => {} });
  const close = desk.close.bind(desk);
  return Object.assign(desk, {
    async close() {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

describe.skipIf(!chromiumAvailable())('browser: models without a manual step', () => {
  describe('with the company mirror reachable', () => {
    let hub: FakeHub;
    let stack: BrowserStack;
    let agent: Page;
    let customer: Page;

    beforeAll(async () => {
      hub = await startFakeHub(tinyReposFor(CATALOG), { prefix: '/mirror/hf', cdnElsewhere: true });
      stack = await startBrowserStack(() => {}, [], {}, { hubUrl: hub.url });
      agent = await (await stack.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } })).newPage();
      customer = await (await stack.browser.newContext({ locale: 'th-TH' })).newPage();
    });

    afterAll(async () => {
      await stack?.close();
      await hub?.close();
    });

    it('installs Mei’s pairs and the embedding model on sign-in, one at a time, without a click', async () => {
      const models = () => stack.workstation.handlers['models.list']({});
      expect((await models()).models.filter((model) => model.state === 'installed')).toEqual([]);
      await signInOnPage(agent, stack.host.url, 'mei@demo.test');
      // The top bar shows the fetch under way (it goes once everything is in).
      await expect.poll(async () => (await models()).autoFetch?.state, { timeout: 60_000 }).toBe('done');
      const { models: listed, autoFetch } = await models();
      const installed = listed.filter((model) => model.state === 'installed').map((model) => model.id);
      // Thai, Japanese and Indonesian customers read in Chinese (through English), and replies back.
      expect(installed).toEqual(expect.arrayContaining(['opus-mt-th-en', 'opus-mt-en-zh', 'opus-mt-ja-en', 'opus-mt-id-en', 'paraphrase-multilingual-MiniLM-L12-v2']));
      expect(autoFetch).toMatchObject({ failed: [], failure: null, pinned: false, done: autoFetch?.total });
      expect(hub.requests.filter((request) => request.server === 'hub').every((request) => request.path.startsWith('/mirror/hf/'))).toBe(true);
      await expect.poll(() => agent.getByTestId('model-fetch-progress').count()).toBe(0);

      await agent.getByTestId('open-models').click();
      const budget = await agent.getByTestId('models-budget-used').innerText();
      expect(budget).toMatch(/of 3 GB used/);
      expect(await agent.locator('[data-testid="model-row"][data-model-id="opus-mt-th-en"]').getAttribute('data-state')).toBe('installed');
      await agent.screenshot({ path: artifactPath('models-auto-fetch.png') });
      await agent.getByTestId('models-panel').getByRole('button', { name: en.models.close }).click();
    });

    it('shows a Thai customer’s message to Mei in Chinese, translated on her desk', async () => {
      await startWebChat(customer, stack.relay.url, 'สมหญิง ใจดี', THAI);
      await agent.getByTestId('inbox-item').filter({ hasText: 'สมหญิง' }).click({ timeout: 20_000 });
      const incoming = agent.locator('[data-testid="thread-message"][data-author="customer"]');
      await incoming.getByTestId('message-toggle-translated').waitFor({ timeout: 30_000 });
      expect(await incoming.innerText()).toContain(en.conversation.translatedFrom.replace('{{language}}', 'Thai'));
      expect(await incoming.getByTestId('message-body').innerText()).not.toBe(THAI);

      const conversationId = (await agent.getByTestId('inbox-item').filter({ hasText: 'สมหญิง' }).getAttribute('data-conversation-id')) as string;
      const { messages } = await stack.workstation.handlers['conversations.get']({ conversationId, before: null, limit: 50 });
      expect(messages.find((message) => message.author === 'customer')?.translation).toMatchObject({ from: 'th', to: 'zh', model: 'opus-mt-th-en → opus-mt-en-zh' });
      await agent.screenshot({ path: artifactPath('thai-to-chinese.png') });
    });
  });

  describe('within a small disk budget', () => {
    let hub: FakeHub;
    let stack: BrowserStack;
    let page: Page;

    beforeAll(async () => {
      hub = await startFakeHub(tinyReposFor(CATALOG));
      stack = await startBrowserStack(() => {}, [], {}, { hubUrl: hub.url });
      page = await (await stack.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
    });

    afterAll(async () => {
      await stack?.close();
      await hub?.close();
    });

    const models = () => stack.workstation.handlers['models.list']({});

    it('fetches the most useful models first, says what it left out, and fetches it once the agent raises the limit', async () => {
      // 1 GB holds Mei's reading pairs and the embedding model (catalog sizes), not the 650 MB many-to-many model.
      await stack.workstation.handlers['models.setBudget']({ budgetBytes: 1_000_000_000 });
      await signInOnPage(page, stack.host.url, 'mei@demo.test');
      await expect.poll(async () => (await models()).autoFetch?.state, { timeout: 60_000 }).toBe('done');
      const { autoFetch } = await models();
      // In the order of the customers' languages' share of the traffic, which sync may still be bringing in.
      const byTarget = [...(autoFetch?.leftOut ?? [])].sort((a, b) => JSON.stringify(a.need).localeCompare(JSON.stringify(b.need)));
      expect(byTarget.map((left) => [left.need, left.modelIds, left.reason])).toEqual([
        [{ kind: 'reply', source: 'zh', target: 'ja' }, ['m2m100_418M'], 'over-budget'],
        [{ kind: 'reply', source: 'zh', target: 'th' }, ['m2m100_418M'], 'over-budget'],
      ]);
      const installed = (await models()).models.filter((model) => model.state === 'installed').map((model) => model.id);
      expect(installed).toEqual(expect.arrayContaining(['opus-mt-th-en', 'opus-mt-en-zh', 'paraphrase-multilingual-MiniLM-L12-v2']));
      expect(installed).not.toContain('m2m100_418M');

      await page.getByTestId('open-models').click();
      const leftOut = page.getByTestId('models-left-out');
      expect(await leftOut.count()).toBe(2);
      expect(await leftOut.filter({ hasText: 'Thai' }).innerText()).toBe(`${en.models.autoFetch.leftOut}: reply from Chinese in Thai (m2m100_418M) – ${en.models.autoFetch.reason['over-budget']}`);
      await page.screenshot({ path: artifactPath('models-budget.png') });

      await page.getByTestId('models-budget-input').fill('2');
      await page.getByTestId('models-budget').getByRole('button', { name: en.models.budget.save }).click();
      await expect.poll(async () => (await models()).models.find((model) => model.id === 'm2m100_418M')?.state, { timeout: 60_000 }).toBe('installed');
      await expect.poll(() => leftOut.count()).toBe(0);
      expect(await page.getByTestId('models-budget-used').innerText()).toMatch(/of 2 GB used$/);
    });
  });

  describe('with a model set pinned by the administrator', () => {
    let hub: FakeHub;
    let stack: BrowserStack;
    let page: Page;

    beforeAll(async () => {
      hub = await startFakeHub(tinyReposFor(CATALOG));
      stack = await startBrowserStack(() => {}, [], {}, { hubUrl: hub.url });
      page = await (await stack.browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } })).newPage();
    });

    afterAll(async () => {
      await stack?.close();
      await hub?.close();
    });

    const models = () => stack.workstation.handlers['models.list']({});

    it('pins the set in Company settings, and the next desk to sign in fetches exactly that', async () => {
      await signInOnPage(page, stack.host.url, 'admin@demo.test');
      await page.getByTestId('open-live').click();
      await page.getByTestId('supervisor-tab-admin').click();
      const section = page.getByTestId('admin-model-set');
      await section.getByTestId('model-set-pin').check();
      for (const id of ['opus-mt-en-zh', 'opus-mt-th-en']) await section.locator(`[data-testid="model-set-model"][data-model-id="${id}"]`).check();
      await section.getByTestId('save-model-set').click();
      await section.getByTestId('admin-saved').filter({ hasText: en.admin.modelSet.saved }).waitFor();
      // The administrator's own desk fetched what it needs meanwhile (the embedding model: no customers of its own).
      await expect.poll(async () => (await models()).autoFetch?.state, { timeout: 30_000 }).toBe('done');
      const before = (await models()).models.filter((model) => model.state === 'installed').map((model) => model.id);
      expect(before).toEqual(['paraphrase-multilingual-MiniLM-L12-v2']);

      // Mei signs in on a desk of her own (a new computer): it fetches the pin, and only the pin.
      const desk = await openDeskWithModels(stack.relay.url, hub.url);
      try {
        const fetchedBefore = hub.requests.length;
        await desk.handlers['session.login']({ email: 'mei@demo.test', password: 'demo1234' });
        await expect.poll(async () => (await desk.handlers['models.list']({})).autoFetch, { timeout: 60_000 }).toMatchObject({ state: 'done', pinned: true, failed: [] });
        const installed = (await desk.handlers['models.list']({})).models.filter((model) => model.state === 'installed').map((model) => model.id);
        // None of Mei's own needs (Thai, Japanese and Indonesian customers, the embedding model): the company's set.
        expect(installed.sort()).toEqual(['opus-mt-en-zh', 'opus-mt-th-en']);
        const fetched = hub.requests.slice(fetchedBefore).filter((request) => request.server === 'hub' && request.method === 'GET').map((request) => request.path.split('/')[2]);
        expect([...new Set(fetched)]).toEqual(['opus-mt-en-zh', 'opus-mt-th-en']);
      } finally {
        await desk.close();
      }
      // Two rounds of fetching, each waited for: more than the default test time on a loaded machine.
    }, 120_000);
  });

  describe('with no model source reachable', () => {
    let stack: BrowserStack;
    let agent: Page;

    beforeAll(async () => {
      const gone = await startFakeHub({});
      await gone.close();
      stack = await startBrowserStack(() => {}, [], {}, { hubUrl: gone.url });
      agent = await (await stack.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } })).newPage();
    });

    afterAll(async () => {
      await stack?.close();
    });

    it('says plainly that the model server cannot be reached, keeps trying, and the desk works on', async () => {
      await signInOnPage(agent, stack.host.url, 'mei@demo.test');
      const progress = agent.getByTestId('model-fetch-progress');
      await expect.poll(() => progress.getAttribute('data-state'), { timeout: 20_000 }).toBe('waiting');
      expect(await progress.getAttribute('data-failure')).toBe('offline');
      expect(await progress.getByTestId('model-fetch-failure').innerText()).toBe(en.models.failure.offline);
      await agent.screenshot({ path: artifactPath('models-offline.png') });

      await progress.getByRole('button').click();
      const panel = agent.getByTestId('models-panel');
      await panel.getByTestId('models-auto-fetch').waitFor();
      expect(await panel.getByTestId('models-auto-fetch').innerText()).toContain(en.models.failure.offline);
      // The first model the plan wants (a pair to read the most frequent customer language) keeps failing.
      const { autoFetch } = await stack.workstation.handlers['models.list']({});
      expect(autoFetch).toMatchObject({ state: expect.stringMatching(/^(waiting|fetching)$/), current: expect.stringMatching(/^opus-mt-(th|ja|id)-en$/) });
      const row = panel.locator(`[data-testid="model-row"][data-model-id="${autoFetch?.current}"]`);
      expect(await row.getByTestId('model-error').innerText()).toBe(en.models.failure.offline);
      // The raw network error stays a hover away, not in the agent's face.
      expect(await row.getByTestId('model-error').getAttribute('title')).toMatch(/Cannot reach http:\/\/127\.0\.0\.1/);
      await panel.getByRole('button', { name: en.models.close }).click();

      // Nothing crashed: the desk is online, and the inbox answers.
      expect(await agent.getByTestId('connection-indicator').getAttribute('data-state')).toBe('online');
      expect(await agent.getByTestId('inbox-item').count()).toBeGreaterThan(0);
      expect((await stack.workstation.handlers['models.list']({})).autoFetch).toMatchObject({ failed: [], current: autoFetch?.current });
    });
  });
});
