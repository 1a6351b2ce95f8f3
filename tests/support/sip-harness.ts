import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CallEnd, CallState, PhoneCall } from '../../src-renderer/softphone/phone-adapter.js';
import type { SipAdapterOptions } from '../../src-renderer/softphone/sip-adapter.js';

/** What the harness page puts on `window`: the real sip-adapter.ts and the last call it saw. */
export interface SipHarness {
  start(options: SipAdapterOptions): Promise<void>;
  dial(target: string): Promise<void>;
  setDevices(devices: { inputId?: string; outputId?: string }): Promise<void>;
  call?: PhoneCall & { peerConnection?: RTCPeerConnection };
  /** Every state of the last call, from the first. */
  states: CallState[];
  end?: CallEnd;
}

declare global {
  interface Window {
    harness: SipHarness;
  }
}

const HARNESS_SOURCE = `
import { createSipAdapter } from './src-renderer/softphone/sip-adapter.ts';

const harness = { states: [] };
function follow(call) {
  harness.call = call;
  harness.states = [call.state];
  harness.end = undefined;
  call.onState((state, end) => {
    harness.states.push(state);
    if (end) harness.end = end;
  });
}
harness.start = async (options) => {
  const adapter = createSipAdapter(options);
  adapter.onIncoming(follow);
  await adapter.start();
  harness.dial = async (target) => follow(await adapter.dial(target));
  harness.setDevices = (devices) => adapter.setDevices(devices);
};
window.harness = harness;
`;

const POLL = { timeout: 15_000 };

/** A page at `url` that runs the real sip-adapter.ts (bundled with JsSIP): a softphone for tests, or a customer's phone. */
export async function startSipHarness(): Promise<{ url: string; close(): void }> {
  const server = await serveHarness(await bundleHarness());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** sip-adapter.ts and JsSIP as one browser script, the way the renderer would ship them. */
async function bundleHarness(): Promise<string> {
  const result = await build({
    stdin: { contents: HARNESS_SOURCE, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/** getUserMedia needs a secure origin; http on 127.0.0.1 is one. */
function serveHarness(script: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/harness.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>softphone</title><script src="/harness.js"></script>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function openSoftphone(browser: Browser, url: string, options: SipAdapterOptions): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.evaluate((account) => window.harness.start(account), options);
  return page;
}

export function callState(page: Page): Promise<CallState | undefined> {
  return page.evaluate(() => window.harness.call?.state);
}

export function connectionState(page: Page): Promise<RTCPeerConnectionState | undefined> {
  return page.evaluate(() => window.harness.call?.peerConnection?.connectionState);
}

function audioBytesReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const stats = await window.harness.call?.peerConnection?.getStats();
    let bytes = 0;
    stats?.forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
    });
    return bytes;
  });
}

/** The fake microphone's tone arrives: received audio bytes keep growing. */
export async function expectAudioFlowing(page: Page): Promise<void> {
  const before = await audioBytesReceived(page);
  await expect.poll(() => audioBytesReceived(page), POLL).toBeGreaterThan(before + 1_000);
}
