import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SETTINGS_PATH, AdminSettings } from '../../src-shared/protocol/admin.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';

/** An administrator sets up the company from the workstation; the relay holds each change at once. */
describe.skipIf(!chromiumAvailable())('browser: company settings', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ browser } = stack);
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Types into a picker's search and takes the first match (or the typed value), as with the keyboard. */
  async function pick(picker: Locator, text: string): Promise<void> {
    const search = picker.getByRole('combobox');
    await search.click();
    await search.pressSequentially(text);
    await search.press('Enter');
  }

  /** What the relay holds now, read with the administrator's own token. */
  async function relaySettings(): Promise<AdminSettings> {
    const { token } = await login(stack.relay.url, 'admin@demo.test', 'demo1234');
    const response = await fetch(`${stack.relay.url}${ADMIN_SETTINGS_PATH}`, { headers: { authorization: `Bearer ${token}` } });
    return AdminSettings.parse(await response.json());
  }

  it('opens the company settings for an administrator only', async () => {
    await signInOnPage(page, stack.host.url, 'admin@demo.test');
    await page.getByTestId('open-live').click();
    await page.getByTestId('supervisor-tab-admin').click();
    await page.getByTestId('admin-panel').waitFor();
    expect(await page.getByTestId('admin-agent').count()).toBe(7);
    expect(await page.getByTestId('admin-team').count()).toBe(2);
  });

  it("sets a team's hours and holidays, refusing a time that does not exist", async () => {
    const team = page.locator('[data-testid="admin-team"][data-team-id="team-europe-americas"]');
    await team.getByTestId('team-always-open').uncheck();
    await team.getByTestId('team-time-zone').fill('America/Sao_Paulo');
    await team.getByTestId('team-hours-mon').fill('25:00-26:00');
    await team.getByTestId('save-team').click();
    expect(await team.getByTestId('field-error').innerText()).toBe('Use times of day such as 09:00 or 17:30.');
    await team.getByTestId('team-hours-mon').fill('8:00-18:00');
    await team.getByTestId('team-hours-sat').fill('22:00-02:00');
    await pick(team.getByTestId('team-holidays'), 'Brazil');
    await team.getByTestId('team-overflow').selectOption('team-apac');
    await team.getByTestId('save-team').click();
    await team.getByTestId('admin-saved').filter({ hasText: 'Saved' }).waitFor();
    const saved = (await relaySettings()).teams.find((t) => t.id === 'team-europe-americas');
    expect(saved).toMatchObject({
      schedule: { timeZone: 'America/Sao_Paulo', hours: { mon: [{ start: '08:00', end: '18:00' }], sat: [{ start: '22:00', end: '02:00' }] }, holidayMarkets: ['BR'] },
      overflowTeamId: 'team-apac',
    });
  });

  it("changes an agent's routing and teams", async () => {
    const row = page.locator('[data-testid="admin-agent"][data-agent-id="agent-lucia"]');
    await row.getByTestId('edit-agent').click();
    const editor = page.getByTestId('admin-agent-editor');
    // Lucía writes Spanish, Portuguese and English, with three skills: English goes by its chip's
    // button, the last two skills by Backspace, and a skill is found by its name.
    await editor.getByTestId('agent-languages').getByRole('button', { name: 'Remove English' }).click();
    const skills = editor.getByTestId('agent-skills').getByRole('combobox');
    await skills.click();
    await skills.press('Backspace');
    await skills.press('Backspace');
    await pick(editor.getByTestId('agent-skills'), 'Delivery');
    await editor.getByTestId('agent-capacity-chat').fill('2');
    await editor.getByTestId('team-choice-team-apac').check();
    await editor.getByTestId('save-agent').click();
    await expect.poll(() => row.getByTestId('admin-agent-capacity').innerText(), { timeout: 10_000 }).toMatch(/^2 chats/);
    const lucia = (await relaySettings()).agents.find((a) => a.id === 'agent-lucia');
    expect(lucia?.routing).toMatchObject({ languages: ['es', 'pt'], skills: ['refund', 'delivery_delay'], capacity: { chat: 2 } });
    expect(lucia?.teamIds.sort()).toEqual(['team-apac', 'team-europe-americas']);
    await pick(editor.getByTestId('agent-skills'), 'Not a skill!');
    await editor.getByTestId('save-agent').click();
    expect(await editor.getByTestId('field-error').innerText()).toMatch(/skill/);
  });

  it('creates an account that signs in on its own desk at once', async () => {
    const form = page.getByTestId('admin-new-agent');
    await form.getByTestId('new-agent-name').fill('Nadia Haddad');
    await form.getByTestId('new-agent-email').fill('nadia@demo.test');
    await form.getByTestId('new-agent-language').selectOption('ar');
    await form.getByTestId('new-agent-password').fill('short');
    await form.getByTestId('team-choice-team-europe-americas').check();
    await form.getByTestId('create-agent').click();
    expect(await form.getByTestId('field-error').innerText()).toBe('Use at least 8 characters.');
    await form.getByTestId('new-agent-password').fill('first-day-2026');
    await form.getByTestId('create-agent').click();
    await page.locator('[data-testid="admin-agent"][data-agent-id="agent-nadia"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifactPath('admin-settings.png'), fullPage: true });

    const desk = await stack.openDesk();
    const nadia = await (await browser.newContext({ locale: 'ar' })).newPage();
    await signInOnPage(nadia, desk.host.url, 'nadia@demo.test', 'first-day-2026');
    expect(await nadia.locator('.agent-name').innerText()).toBe('Nadia Haddad');
  });

  it('replaces the SLA policies and turns offers on', async () => {
    await page.getByTestId('add-policy').click();
    const added = page.getByTestId('admin-sla-policy').last();
    await added.getByTestId('sla-name').fill('Brazil email');
    await pick(added.getByTestId('sla-channels'), 'Email');
    await pick(added.getByTestId('sla-markets'), 'Brazil');
    await added.getByTestId('sla-firstResponseMinutes').fill('0');
    await page.getByTestId('save-policies').click();
    expect(await added.getByTestId('field-error').innerText()).toBe('Enter a number above zero.');
    await added.getByTestId('sla-firstResponseMinutes').fill('240');
    await page.getByTestId('save-policies').click();
    await page.getByTestId('admin-sla').getByTestId('admin-saved').filter({ hasText: 'Saved' }).waitFor();

    await page.getByTestId('offers-on').check();
    await page.getByTestId('offer-seconds').fill('45');
    await page.getByTestId('save-offers').click();
    await page.getByTestId('admin-offers').getByTestId('admin-saved').filter({ hasText: 'Saved' }).waitFor();

    const settings = await relaySettings();
    expect(settings.slaPolicies.at(-1)).toMatchObject({ name: 'Brazil email', channels: ['email'], markets: ['BR'], firstResponseMinutes: 240 });
    expect(settings.slaPolicies.length).toBeGreaterThan(1);
    expect(settings.offerTimeoutSeconds).toBe(45);
  });

  it('sets how long closed conversations are kept, per market chosen by name, refusing days it cannot use', async () => {
    const section = page.getByTestId('admin-retention');
    await section.getByTestId('retention-action').selectOption('anonymise');
    await section.getByTestId('retention-default-days').fill('730');
    await pick(section.getByTestId('retention-markets'), 'Germany');
    await pick(section.getByTestId('retention-markets'), 'Thailand');
    // A market starts from the default; Thailand's is cleared, then set.
    expect(await section.getByTestId('retention-days-DE').inputValue()).toBe('730');
    await section.getByTestId('retention-days-DE').fill('30');
    await section.getByTestId('retention-days-TH').fill('');
    await section.getByTestId('save-retention').click();
    expect(await section.getByTestId('field-error').innerText()).toBe('Enter a number.');
    await section.getByTestId('retention-days-TH').fill('90');
    await section.getByTestId('save-retention').click();
    await section.getByTestId('admin-saved').filter({ hasText: 'Saved' }).waitFor();
    expect((await relaySettings()).retention).toEqual({ action: 'anonymise', defaultDays: 730, markets: [{ market: 'DE', days: 30 }, { market: 'TH', days: 90 }] });
  });

  it('blocks an email domain and an address, refusing what is neither, and unblocks one', async () => {
    const section = page.getByTestId('admin-blocked-senders');
    await section.getByTestId('block-sender-value').fill('not a domain');
    await section.getByTestId('block-sender').click();
    expect(await section.getByTestId('admin-error').innerText()).toContain('email address or a domain');
    await section.getByTestId('block-sender-value').fill('*.Newsletter.Example');
    await section.getByTestId('block-sender').click();
    await section.locator('[data-testid="blocked-sender"][data-value="newsletter.example"]').waitFor();
    await section.getByTestId('block-sender-value').fill('Boss@Müller.example');
    await section.getByTestId('block-sender').click();
    await section.locator('[data-testid="blocked-sender"][data-value="boss@xn--mller-kva.example"]').waitFor();
    expect((await relaySettings()).blockedSenders.map((entry) => entry.value)).toEqual(['newsletter.example', 'boss@xn--mller-kva.example']);

    await section.locator('[data-testid="blocked-sender"][data-value="newsletter.example"]').getByTestId('unblock-sender').click();
    await section.locator('[data-testid="blocked-sender"][data-value="newsletter.example"]').waitFor({ state: 'detached' });
    expect((await relaySettings()).blockedSenders.map((entry) => entry.value)).toEqual(['boss@xn--mller-kva.example']);
  });

  it("shows the audit log: the administrator's sign-in, the changes made here, and an export that records itself", async () => {
    const section = page.getByTestId('admin-audit');
    await section.getByTestId('audit-action').selectOption('auth.signed_in');
    await section.getByTestId('audit-actor').selectOption('agent-admin');
    await section.getByTestId('audit-apply').click();
    const signIn = section.locator('[data-testid="audit-entry"][data-action="auth.signed_in"]').first();
    await signIn.waitFor();
    expect(await signIn.innerText()).toMatch(/Admin\s+Signed in\s+account agent-admin/);
    expect(await section.locator('[data-testid="audit-entry"]:not([data-action="auth.signed_in"])').count()).toBe(0);

    await section.getByTestId('audit-action').selectOption('blocked_sender.added');
    await section.getByTestId('audit-apply').click();
    await expect.poll(() => section.getByTestId('audit-entry').count(), { timeout: 10_000 }).toBe(2);
    expect(await section.getByTestId('audit-entry').first().innerText()).toContain('boss@xn--mller-kva.example');

    const [csv] = await Promise.all([page.waitForEvent('download'), section.getByTestId('audit-export').click()]);
    expect(csv.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor_id,actor_address,action,target_type,target_id,details,prev_hash,hash');
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual(['blocked_sender.added', 'blocked_sender.added']);
    await section.getByTestId('audit-action').selectOption('export.audit_csv');
    await section.getByTestId('audit-apply').click();
    await expect.poll(() => section.getByTestId('audit-entry').count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: artifactPath('admin-audit.png'), fullPage: true });
  });

  it('does not show company settings to a supervisor', async () => {
    const desk = await stack.openDesk();
    const sam = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await signInOnPage(sam, desk.host.url, 'sam@demo.test');
    await sam.getByTestId('open-live').click();
    await sam.getByTestId('supervisor-tab-history').waitFor();
    expect(await sam.getByTestId('supervisor-tab-admin').count()).toBe(0);
  });
});
