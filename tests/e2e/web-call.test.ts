import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';
import { audioStats, FAKE_MEDIA, growth, RECORD_PEER_CONNECTIONS } from '../support/webrtc-stats.js';

/** Every AudioContext the agent's page makes: the ringtone is one. */
const RECORD_AUDIO_CONTEXTS = `
  window.__audioContexts = [];
  const OriginalAudioContext = window.AudioContext;
  window.AudioContext = class extends OriginalAudioContext {
    constructor(...args) { super(...args); window.__audioContexts.push(this); }
  };
`;

const ringtoneStates = (page: Page) => page.evaluate(() => (window as unknown as { __audioContexts: AudioContext[] }).__audioContexts.map((context) => context.state));

/** A customer calls from the chat page; the agent answers in the workstation; real WebRTC with fake devices in Chromium. */
describe.skipIf(!chromiumAvailable())('browser: a web call from the chat page', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let agent: Page;
  let customer: Page;

  beforeAll(async () => {
    stack = await startBrowserStack(undefined, FAKE_MEDIA);
    ({ browser } = stack);
    const agentContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    await agentContext.addInitScript(RECORD_PEER_CONNECTIONS);
    await agentContext.addInitScript(RECORD_AUDIO_CONTEXTS);
    agent = await agentContext.newPage();
    const customerContext = await browser.newContext({ locale: 'en-GB' });
    await customerContext.addInitScript(RECORD_PEER_CONNECTIONS);
    customer = await customerContext.newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("rings the agent of the conversation, who answers: audio flows both ways", async () => {
    await signInOnPage(agent, stack.host.url, 'olivia@demo.test');
    await startWebChat(customer, stack.relay.url, 'Oliver Bennett', 'Hello, may I call you about my order?');
    await agent.getByTestId('inbox-item').filter({ hasText: 'Oliver Bennett' }).first().waitFor({ timeout: 15_000 });

    await customer.getByTestId('chat-call').click();
    await expect.poll(() => customer.getByTestId('chat-call-bar').getAttribute('data-state'), { timeout: 15_000 }).toBe('ringing');
    const softphone = agent.getByTestId('softphone');
    await expect.poll(() => softphone.getAttribute('data-state'), { timeout: 15_000 }).toBe('ringing');
    expect(await softphone.innerText()).toContain('Oliver Bennett');
    // It rings out loud, and stops once answered.
    await expect.poll(() => ringtoneStates(agent), { timeout: 10_000 }).toEqual(['running']);
    await agent.getByTestId('call-accept').click();
    await expect.poll(() => ringtoneStates(agent), { timeout: 10_000 }).toEqual(['closed']);

    await expect.poll(() => softphone.getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => customer.getByTestId('chat-call-bar').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    expect((await audioStats(agent)).state).toBe('connected');
    expect((await audioStats(customer)).state).toBe('connected');
    // Answering opened the customer's conversation beside the call.
    await expect.poll(() => agent.locator('.conversation-facts').innerText().catch(() => ''), { timeout: 10_000 }).toBeTruthy();
    expect(await growth(agent, (s) => s.received)).toBeGreaterThan(0);
    expect(await growth(customer, (s) => s.received)).toBeGreaterThan(0);
    await agent.screenshot({ path: artifactPath('web-call.png') });
  });

  it('mute silences what the agent sends; hold stops the audio both ways until resumed', async () => {
    const heard = await growth(customer, (s) => s.energy);
    expect(heard).toBeGreaterThan(0);
    await agent.getByTestId('call-mute').click();
    expect(await agent.getByTestId('call-mute').getAttribute('aria-pressed')).toBe('true');
    // Let what was on its way arrive; then the customer hears silence (the decoder's noise floor, not the agent).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await growth(customer, (s) => s.energy)).toBeLessThan(heard / 1000);
    await agent.getByTestId('call-mute').click();
    await expect.poll(() => growth(customer, (s) => s.energy), { timeout: 10_000 }).toBeGreaterThan(heard / 10);

    await agent.getByTestId('call-hold').click();
    await expect.poll(() => customer.getByTestId('chat-call-bar').getAttribute('data-state'), { timeout: 10_000 }).toBe('held');
    await expect.poll(() => agent.getByTestId('softphone').getAttribute('data-state'), { timeout: 10_000 }).toBe('held');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await growth(customer, (s) => s.received)).toBe(0);
    expect(await growth(agent, (s) => s.received)).toBe(0);
    await agent.getByTestId('call-hold').click();
    await expect.poll(() => customer.getByTestId('chat-call-bar').getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
    await expect.poll(() => growth(customer, (s) => s.received), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('hangs up on both sides, and the wrapped-up call joins the timeline', async () => {
    await agent.getByTestId('call-hang-up').click();
    await expect.poll(() => customer.getByTestId('chat-call-bar').getAttribute('data-state'), { timeout: 10_000 }).toBe('ended');
    expect((await audioStats(customer)).state).toBe('closed');
    await agent.getByTestId('call-wrap-up-form').waitFor();
    await expect.poll(() => agent.getByTestId('presence-select').inputValue(), { timeout: 10_000 }).toBe('after-call-work');
    await agent.getByTestId('call-wrap-up-code').selectOption('order-placed');
    await agent.getByTestId('call-wrap-up-notes').fill('Ordered the blue kettle; delivery on Friday.');
    await agent.getByTestId('call-wrap-up-save').click();

    const entry = agent.getByTestId('call-entry').last();
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.getAttribute('data-wrap-up')).toBe('order-placed');
    expect(await entry.getAttribute('data-direction')).toBe('inbound');
    expect(await entry.getByTestId('call-notes').innerText()).toBe('Ordered the blue kettle; delivery on Friday.');
    expect(await entry.getByTestId('call-duration').innerText()).toMatch(/^\d+:\d{2}$/);
    // The relay took it: it is no longer waiting in the outbox.
    await expect.poll(() => entry.getAttribute('data-delivery'), { timeout: 10_000 }).toBe('sent');
    await expect.poll(() => agent.getByTestId('presence-select').inputValue(), { timeout: 10_000 }).toBe('available');
    // The customer never sees the internal entry.
    expect(await customer.locator('#thread').innerText()).not.toContain('kettle');
  });
});
