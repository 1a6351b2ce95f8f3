import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../src-main/core/api-router.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { startWebHost } from '../../src-main/web-host/server.js';
import { ACME, login, TEST_PASSWORD } from '../../src-relay/testing/test-relay.js';
import { startChannelRelay, type ChannelRelay } from '../channels/channel-relay.js';
import { startWhatsAppFake, type WhatsAppFake } from '../channels/fakes/whatsapp/fake.js';
import { whatsAppTextMessage } from '../channels/fakes/whatsapp/payloads.js';
import { orderTemplates } from '../channels/fakes/whatsapp/templates.js';
import { artifactPath, chromiumAvailable, launchChromium, signInOnPage } from '../support/chromium.js';

const RENDERER_DIR = path.resolve('dist/renderer');
const WABA = '102290129340398';
const CREDENTIALS = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123', businessAccountId: WABA };
const KIM = '4915112345678';
/** Acme with a German-speaking team A: Kim, new on WhatsApp, is taken to speak German. */
const GERMAN_ACME = { ...ACME, teams: ACME.teams.map((team) => (team.id === 'team-a' ? { ...team, languages: ['de', 'en'] } : team)) };

/**
 * After WhatsApp's 24 hours, in a real Chromium: Bob's composer offers only the approved
 * templates, picks the German one for Kim, fills her name, takes the order number Bob types, shows
 * what Kim will get, and the fake Cloud API receives the template as Meta documents it.
 */
describe.skipIf(!chromiumAvailable())('browser: an approved WhatsApp template after the 24-hour window', () => {
  let dir: string;
  let fake: WhatsAppFake;
  let scene: ChannelRelay;
  let workstation: Workstation;
  let host: Awaited<ReturnType<typeof startWebHost>>;
  let adminDesk: Workstation;
  let adminHost: Awaited<ReturnType<typeof startWebHost>>;
  let browser: Browser;
  let bob: Page;
  let root: Page;
  const templates = orderTemplates();

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`.');
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-templates-'));
    fake = await startWhatsAppFake({ ...CREDENTIALS, templates });
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl, {}, GERMAN_ACME);
    const { token } = await login(scene.relay.url, 'root@acme.test');
    const refreshed = await fetch(`${scene.relay.url}/api/admin/channels/${scene.account.id}/templates`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await refreshed.json()).toMatchObject({ ok: true, approved: 4 });
    workstation = Workstation.open({ dbPath: path.join(dir, 'bob.sqlite'), relayUrl: scene.relay.url, log: () => {} });
    host = await startWebHost({ router: createApiRouter(workstation.handlers), events: workstation, rendererDir: RENDERER_DIR });
    browser = await launchChromium();
    bob = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
    adminDesk = Workstation.open({ dbPath: path.join(dir, 'root.sqlite'), relayUrl: scene.relay.url, log: () => {} });
    adminHost = await startWebHost({ router: createApiRouter(adminDesk.handlers), events: adminDesk, rendererDir: RENDERER_DIR });
    root = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await workstation?.close();
    await adminHost?.close();
    await adminDesk?.close();
    await scene?.close();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers only templates, in the customer\'s language, fills the variables and sends the template payload', async () => {
    await signInOnPage(bob, host.url, 'bob@acme.test', TEST_PASSWORD);
    const yesterday = String(Math.floor(Date.now() / 1000) - 25 * 3600);
    expect(await fake.deliver(whatsAppTextMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: KIM, name: 'Kim Weber', body: 'Wo bleibt mein Paket?', timestamp: yesterday }), { webhookUrl: scene.webhookUrl })).toBe(200);
    await bob.getByTestId('inbox-item').filter({ hasText: 'Wo bleibt mein Paket?' }).click({ timeout: 15_000 });

    const note = bob.getByTestId('reply-window-note');
    await note.waitFor({ timeout: 15_000 });
    expect(await note.getAttribute('data-window')).toBe('closed');
    expect(await note.innerText()).toContain("WhatsApp's 24-hour window has closed");
    // No free text: the picker stands where the text box was.
    expect(await bob.getByTestId('composer-input').count()).toBe(0);
    const picker = bob.getByTestId('template-picker');
    expect(await picker.getByTestId('template-name').locator('option:not([disabled])').allInnerTexts()).toEqual(['follow_up', 'order_shipped']);

    await picker.getByTestId('template-name').selectOption('order_shipped');
    expect(await picker.getByTestId('template-language').inputValue()).toBe('de');
    expect(await picker.getByTestId('template-body').innerText()).toBe('Hallo {{1}}, deine Bestellung {{2}} ist unterwegs.');
    expect(await picker.getByTestId('template-variable-1').inputValue()).toBe('Kim');
    expect(await picker.getByTestId('template-send').isDisabled()).toBe(true);
    await picker.getByTestId('template-variable-2').fill('A-1042');
    const shown = 'Acme\n\nHallo Kim, deine Bestellung A-1042 ist unterwegs.\n\nAntworte STOP zum Abmelden';
    expect(await picker.getByTestId('template-preview').innerText()).toBe(shown);
    await bob.screenshot({ path: artifactPath('whatsapp-template-picker.png') });
    await picker.getByTestId('template-send').click();

    await expect.poll(() => fake.templateSends().length, { timeout: 15_000 }).toBe(1);
    expect(fake.templateSends()[0]).toMatchObject({
      to: KIM,
      template: { name: 'order_shipped', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Kim' }, { type: 'text', text: 'A-1042' }] }] },
    });
    const sent = bob.getByTestId('thread-message').filter({ hasText: 'deine Bestellung A-1042 ist unterwegs' });
    await sent.getByTestId('channel-delivery').and(bob.locator('[data-state="sent"]')).waitFor({ timeout: 15_000 });
    expect(fake.texts()).toEqual([]);
  });

  it('offers a template approved in WhatsApp Manager once an administrator refreshes the templates', async () => {
    templates.push({ name: 'delivery_delay', language: 'de', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hallo {{1}}, deine Lieferung verspätet sich leider.' }] });
    await signInOnPage(root, adminHost.url, 'root@acme.test', TEST_PASSWORD);
    await root.getByTestId('open-live').click();
    await root.getByTestId('supervisor-tab-admin').click();
    const account = root.getByTestId('channel-account').first();
    await account.getByTestId('channel-templates-refresh').click({ timeout: 15_000 });
    const result = account.getByTestId('channel-templates-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.innerText()).toBe('5 approved templates (names and languages) can be sent after the 24-hour window.');

    await bob.reload();
    await bob.getByTestId('inbox-item').filter({ hasText: 'Kim Weber' }).click({ timeout: 15_000 });
    const names = bob.getByTestId('template-picker').getByTestId('template-name').locator('option:not([disabled])');
    await expect.poll(() => names.allInnerTexts(), { timeout: 15_000 }).toEqual(['delivery_delay', 'follow_up', 'order_shipped']);
  });

  it('offers the templates last loaded while the relay is down, and the template reply goes when it is back', async () => {
    const presence = bob.getByTestId('presence-select');
    const chosen = await presence.inputValue();
    expect(chosen).not.toBe('offline');
    await scene.relay.close();
    await expect.poll(() => bob.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).not.toBe('online');
    // Colleagues and routing see Bob offline now; his desk says so too, and keeps what he chose for later.
    await expect.poll(() => presence.inputValue(), { timeout: 15_000 }).toBe('offline');
    expect(await presence.isDisabled()).toBe(true);
    await bob.locator('.top-bar').screenshot({ path: artifactPath('presence-while-offline.png') });
    const offline = bob.getByTestId('templates-offline');
    await offline.waitFor({ timeout: 15_000 });
    expect(await offline.innerText()).toMatch(/^Offline: these are the templates as loaded /);
    expect(await bob.getByTestId('reply-window-note').getAttribute('data-window')).toBe('closed');
    expect(await bob.getByTestId('composer-input').count()).toBe(0);

    const picker = bob.getByTestId('template-picker');
    await picker.getByTestId('template-name').selectOption('follow_up');
    expect(await picker.getByTestId('template-language').inputValue()).toBe('de');
    await picker.getByTestId('template-send').click();
    const pending = bob.locator('[data-testid="thread-message"][data-delivery="pending"]').filter({ hasText: 'wir haben noch eine Frage' });
    await pending.waitFor({ timeout: 15_000 });
    await bob.screenshot({ path: artifactPath('whatsapp-template-offline.png') });

    await scene.startAgain();
    await expect.poll(() => presence.inputValue(), { timeout: 30_000 }).toBe(chosen);
    await expect.poll(() => fake.templateSends().length, { timeout: 30_000 }).toBe(2);
    expect(fake.templateSends()[1]).toMatchObject({ to: KIM, template: { name: 'follow_up', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Kim' }] }] } });
    await expect.poll(() => pending.count(), { timeout: 15_000 }).toBe(0);
    expect(fake.texts()).toEqual([]);
  });

  it('sends a refused template reply again as the same template', async () => {
    const refresh = async (expected: number) => {
      const { token } = await login(scene.relay.url, 'root@acme.test');
      const answer = await fetch(`${scene.relay.url}/api/admin/channels/${scene.account.id}/templates`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(await answer.json()).toMatchObject({ ok: true, approved: expected });
    };
    await expect.poll(() => bob.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    const picker = bob.getByTestId('template-picker');
    await picker.getByTestId('template-name').selectOption('follow_up');
    // Paused in WhatsApp Manager and refreshed while Bob had it picked: the relay refuses it.
    for (const template of templates) if (template.name === 'follow_up') template.status = 'PAUSED';
    await refresh(3);
    await picker.getByTestId('template-send').click();
    const failed = bob.locator('[data-testid="thread-message"][data-delivery="failed"]');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.innerText()).toContain('wir haben noch eine Frage');

    for (const template of templates) if (template.name === 'follow_up') template.status = 'APPROVED';
    await refresh(5);
    await failed.getByTestId('message-retry').click();
    await expect.poll(() => fake.templateSends().length, { timeout: 15_000 }).toBe(3);
    expect(fake.templateSends()[2]?.template).toMatchObject({ name: 'follow_up', language: { code: 'de' } });
    await expect.poll(() => failed.count(), { timeout: 15_000 }).toBe(0);
    expect(fake.texts()).toEqual([]);
  });
});
