import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { corked } from './socket-cork.js';

describe('corked', () => {
  it('holds the TCP socket corked while sending, and uncorks even when sending throws', () => {
    const calls: string[] = [];
    const tcp = { cork: () => calls.push('cork'), uncork: () => calls.push('uncork') };
    const socket = { _socket: tcp } as unknown as WebSocket;
    corked(socket, () => calls.push('send'));
    expect(() =>
      corked(socket, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(calls).toEqual(['cork', 'send', 'uncork', 'cork', 'uncork']);
  });

  it('just sends when there is no TCP socket to cork', () => {
    const sent: string[] = [];
    corked({} as WebSocket, () => sent.push('send'));
    expect(sent).toEqual(['send']);
  });
});
