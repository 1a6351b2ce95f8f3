import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { kamailioAvailable, startKamailio, type RunningKamailio } from '../support/kamailio.js';
import { callState, connectionState, expectAudioFlowing, openSoftphone, startSipHarness } from '../support/sip-harness.js';

const POLL = { timeout: 15_000 };

/** Two agents' softphones in Chromium, with fake microphones, calling each other through a real Kamailio. */
describe.skipIf(!chromiumAvailable() || !kamailioAvailable())('browser: SIP over WebSocket', () => {
  let kamailio: RunningKamailio;
  let harness: { url: string; close(): void };
  let harnessUrl: string;
  let browser: Browser;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    kamailio = await startKamailio();
    harness = await startSipHarness();
    harnessUrl = harness.url;
    browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    alice = await openSoftphone(browser, harnessUrl, { server: kamailio.wsUrl, uri: `sip:alice@${kamailio.domain}`, displayName: 'Alice Agent' });
    bob = await openSoftphone(browser, harnessUrl, { server: kamailio.wsUrl, uri: `sip:bob@${kamailio.domain}` });
  });

  afterAll(async () => {
    await browser?.close();
    harness?.close();
    await kamailio?.stop();
  });

  it('rings, answers, carries audio both ways, holds, resumes and hangs up', async () => {
    await alice.evaluate(() => window.harness.dial('bob'));
    await expect.poll(() => callState(bob), POLL).toBe('ringing');
    expect(await bob.evaluate(() => window.harness.call?.remote)).toBe('Alice Agent');
    expect(await alice.evaluate(() => window.harness.call?.remote)).toBe('bob');
    expect(await callState(alice)).toBe('dialing');

    await bob.evaluate(() => window.harness.call?.answer());
    await expect.poll(() => callState(alice), POLL).toBe('connected');
    await expect.poll(() => callState(bob), POLL).toBe('connected');
    await expect.poll(() => connectionState(alice), POLL).toBe('connected');
    await expect.poll(() => connectionState(bob), POLL).toBe('connected');
    await expectAudioFlowing(alice);
    await expectAudioFlowing(bob);

    // setHeld resolves once the re-INVITE got its 200.
    await alice.evaluate(() => window.harness.call?.setHeld(true));
    expect(await callState(alice)).toBe('held');
    await expect.poll(() => callState(bob), POLL).toBe('held');
    await alice.evaluate(() => window.harness.call?.setHeld(false));
    expect(await callState(alice)).toBe('connected');
    await expect.poll(() => callState(bob), POLL).toBe('connected');
    await expectAudioFlowing(bob);

    await alice.evaluate(() => window.harness.call?.hangup());
    await expect.poll(() => callState(bob), POLL).toBe('ended');
    expect(await bob.evaluate(() => window.harness.end)).toBe('remote-hangup');
    expect(await alice.evaluate(() => window.harness.end)).toBe('hangup');
    expect(await alice.evaluate(() => window.harness.states)).toEqual(['dialing', 'connecting', 'connected', 'held', 'connected', 'ended']);
    expect(await bob.evaluate(() => window.harness.states)).toEqual(['ringing', 'connecting', 'connected', 'held', 'connected', 'ended']);
  });

  it('switches the microphone and speaker mid-call, and hears the callee hang up', async () => {
    await alice.evaluate(() => window.harness.dial('bob'));
    await expect.poll(() => callState(bob), POLL).toBe('ringing');
    await bob.evaluate(() => window.harness.call?.answer());
    await expect.poll(() => connectionState(alice), POLL).toBe('connected');

    const devices = await alice.evaluate(async () => {
      const all = await navigator.mediaDevices.enumerateDevices();
      const pick = (label: string) => all.find((device) => device.label === label)?.deviceId;
      return { inputId: pick('Fake Audio Input 2'), outputId: pick('Fake Audio Output 1') };
    });
    await alice.evaluate((picked) => window.harness.setDevices(picked), devices);
    const microphone = () => alice.evaluate(() => window.harness.call?.peerConnection?.getSenders().find((sender) => sender.track?.kind === 'audio')?.track?.label);
    expect(await microphone()).toBe('Fake Audio Input 2');
    await expectAudioFlowing(bob);

    // Bob's BYE travels to Alice's WebSocket through the alias Kamailio put on her Contact.
    await bob.evaluate(() => window.harness.call?.hangup());
    await expect.poll(() => callState(alice), POLL).toBe('ended');
    expect(await alice.evaluate(() => window.harness.end)).toBe('remote-hangup');
    expect(await bob.evaluate(() => window.harness.end)).toBe('hangup');
  });

  it('tells the caller a declined call was declined', async () => {
    await alice.evaluate((target) => window.harness.dial(target), `sip:bob@${kamailio.domain}`);
    await expect.poll(() => callState(bob), POLL).toBe('ringing');
    await bob.evaluate(() => window.harness.call?.decline());
    await expect.poll(() => callState(alice), POLL).toBe('ended');
    expect(await alice.evaluate(() => window.harness.end)).toBe('declined');
    expect(await bob.evaluate(() => window.harness.end)).toBe('declined');
  });

  it('fails to start with a clear error when the server cannot be reached', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(harnessUrl);
    const start = page.evaluate(() => window.harness.start({ server: 'ws://127.0.0.1:9', uri: 'sip:carol@127.0.0.1' }));
    await expect(start).rejects.toThrow('SIP registration at ws://127.0.0.1:9 as sip:carol@127.0.0.1 failed: cannot reach the WebSocket server');
  });

  it('counts a call the caller gave up on as missed', async () => {
    await alice.evaluate(() => window.harness.dial('bob'));
    await expect.poll(() => callState(bob), POLL).toBe('ringing');
    await alice.evaluate(() => window.harness.call?.hangup());
    await expect.poll(() => callState(bob), POLL).toBe('ended');
    expect(await bob.evaluate(() => window.harness.end)).toBe('missed');
    expect(await alice.evaluate(() => window.harness.end)).toBe('hangup');
  });
});

