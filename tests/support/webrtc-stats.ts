import type { Page } from 'playwright-core';

export const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

/** Every RTCPeerConnection a page makes, so the test can read its stats (nothing in the product exposes them). */
export const RECORD_PEER_CONNECTIONS = `
  window.__pcs = [];
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
`;

export interface AudioStats {
  state: string;
  received: number;
  energy: number;
}

/** The newest connection's state and its inbound audio: bytes received and the energy heard so far. */
export function audioStats(page: Page): Promise<AudioStats> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const pc = pcs.at(-1);
    if (!pc) return { state: 'none', received: 0, energy: 0 };
    const result = { state: pc.connectionState as string, received: 0, energy: 0 };
    (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number; totalAudioEnergy?: number }) => {
      if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
      result.received = report.bytesReceived ?? 0;
      result.energy = report.totalAudioEnergy ?? 0;
    });
    return result;
  });
}

/** How much `read` grows over about two seconds. */
export async function growth(page: Page, read: (stats: AudioStats) => number): Promise<number> {
  const before = read(await audioStats(page));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return read(await audioStats(page)) - before;
}
