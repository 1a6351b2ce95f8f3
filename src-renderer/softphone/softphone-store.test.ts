import { describe, expect, it } from 'vitest';
import type { PendingWrapUp } from '../../src-shared/api/contract.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, settle } from '../state/fake-bridge.js';
import type { CallEnd, CallState, PhoneAdapter, PhoneCall, PhoneProvider } from './phone-adapter.js';
import { createSoftphoneStore } from './softphone-store.js';

/** A provider line the test drives: it rings with calls the test makes, and records what the store asked of them. */
class ScriptedLine implements PhoneAdapter {
  readonly dialled: string[] = [];
  private readonly incoming = new Set<(call: PhoneCall) => void>();
  constructor(readonly provider: PhoneProvider) {}
  async start() {}
  async stop() {}
  async dial(target: string) {
    this.dialled.push(target);
    return new ScriptedCall(this.provider, 'outbound', target, 'dialing');
  }
  onIncoming(listener: (call: PhoneCall) => void) {
    this.incoming.add(listener);
    return () => this.incoming.delete(listener);
  }
  async setDevices() {}
  ring(call: ScriptedCall) {
    for (const listener of this.incoming) listener(call);
  }
}

class ScriptedCall implements PhoneCall {
  readonly id = `call-${Math.random().toString(16).slice(2)}`;
  readonly actions: string[] = [];
  private readonly listeners = new Set<(state: CallState, end?: CallEnd) => void>();
  constructor(
    readonly provider: PhoneProvider,
    readonly direction: 'inbound' | 'outbound',
    readonly remote: string,
    public state: CallState,
    readonly conversationId?: string,
  ) {}
  async answer() {
    this.actions.push('answer');
    this.move('connecting');
  }
  decline() {
    this.actions.push('decline');
    this.move('ended', 'declined');
  }
  hangup() {
    this.actions.push('hangup');
    this.move('ended', 'hangup');
  }
  setMuted(muted: boolean) {
    this.actions.push(`mute:${muted}`);
  }
  async setHeld(held: boolean) {
    this.actions.push(`hold:${held}`);
    this.move(held ? 'held' : 'connected');
  }
  sendDigits(digits: string) {
    this.actions.push(`dtmf:${digits}`);
  }
  async transfer() {
    this.actions.push('transfer');
  }
  onTransferFailed() {
    return () => undefined;
  }
  onState(listener: (state: CallState, end?: CallEnd) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  move(state: CallState, end?: CallEnd) {
    this.state = state;
    for (const listener of this.listeners) listener(state, end);
  }
}

function setup(openConversation: string | null = null, pending: PendingWrapUp[] = []) {
  const host = createFakeHost();
  host.answer('calls.awaitWrapUp', (params) => ({ ok: true, value: { wrapUp: { id: 'wrap-1', conversationId: params.conversationId, call: { ...params.call, address: params.call.address ?? null } } } }));
  host.answer('calls.pendingWrapUps', () => ({ ok: true, value: { wrapUps: pending } }));
  host.answer('calls.log', (params) => {
    // As the core does: a logged call no longer waits for its wrap-up.
    pending.splice(0, pending.length, ...pending.filter((p) => p.id !== params.wrapUpId));
    return { ok: true, value: { message: { id: 'm1', conversationId: params.conversationId, author: 'agent', authorId: 'a', authorName: 'A', body: params.notes ?? '', createdAt: 1, internal: true, delivery: 'pending', deliveryError: null } } };
  });
  host.answer('presence.set', (params) => ({ ok: true, value: { presence: params.presence } }));
  host.answer('calls.announce', () => ({ ok: true, value: {} }));
  const web = new ScriptedLine('webrtc');
  const sip = new ScriptedLine('sip');
  const softphone = createSoftphoneStore(createApiClient(host.bridge, () => {}), [web, sip], () => openConversation);
  return { host, web, sip, softphone };
}

describe('the softphone store', () => {
  it('tells the shell who handed a call over, as data for it to word in the agent’s language', async () => {
    const { host, web, softphone } = setup();
    await softphone.getState().start();
    const handed = Object.assign(new ScriptedCall('webrtc', 'inbound', 'Nok', 'ringing'), { transferredBy: { fromName: 'Olivia Grant', note: 'German invoice', mode: 'blind' as const } });
    web.ring(handed);
    expect(host.callsOf('calls.announce')).toEqual([{ remote: 'Nok', provider: 'webrtc', transferredBy: { name: 'Olivia Grant', note: 'German invoice' } }]);
  });

  it('answers, times the call from the answer, and asks for a wrap-up in after-call work', async () => {
    const { host, web, softphone } = setup();
    await softphone.getState().start();
    const call = new ScriptedCall('webrtc', 'inbound', 'Grace Hopper', 'ringing', 'conv-1');
    web.ring(call);
    expect(softphone.getState().current).toMatchObject({ state: 'ringing', remote: 'Grace Hopper', conversationId: 'conv-1', answeredAt: null });
    // The desktop shell is told, for its notification.
    expect(host.callsOf('calls.announce')).toEqual([{ remote: 'Grace Hopper', provider: 'webrtc', transferredBy: null }]);
    await softphone.getState().answer();
    call.move('connected');
    const answeredAt = softphone.getState().current?.answeredAt;
    expect(answeredAt).toEqual(expect.any(Number));
    softphone.getState().toggleMute();
    await softphone.getState().toggleHold();
    softphone.getState().sendDigits('12#');
    expect(call.actions).toEqual(['answer', 'mute:true', 'hold:true', 'dtmf:12#']);
    expect(softphone.getState().current).toMatchObject({ muted: true, held: true, state: 'held' });

    call.move('ended', 'remote-hangup');
    await settle();
    expect(softphone.getState().current).toBeNull();
    expect(softphone.getState().wrapUp).toMatchObject({ id: 'wrap-1', conversationId: 'conv-1', call: { provider: 'webrtc', direction: 'inbound', end: 'remote-hangup', answeredAt } });
    expect(host.callsOf('calls.awaitWrapUp')).toEqual([{ conversationId: 'conv-1', call: expect.objectContaining({ end: 'remote-hangup', wrapUpCode: null }) }]);
    expect(host.callsOf('presence.set')).toEqual([{ presence: 'after-call-work' }]);

    await softphone.getState().saveWrapUp('order-placed', 'Blue kettle');
    expect(host.callsOf('calls.log')).toEqual([{ conversationId: 'conv-1', call: expect.objectContaining({ wrapUpCode: 'order-placed', end: 'remote-hangup' }), notes: 'Blue kettle', wrapUpId: 'wrap-1' }]);
    expect(softphone.getState().wrapUp).toBeNull();
    expect(host.callsOf('presence.set')).toEqual([{ presence: 'after-call-work' }, { presence: 'available' }]);
  });

  it('logs a missed call at once, without a wrap-up, and forgets one answered on another desk', async () => {
    const { host, web, softphone } = setup();
    await softphone.getState().start();
    const missed = new ScriptedCall('webrtc', 'inbound', 'Ada', 'ringing', 'conv-2');
    web.ring(missed);
    missed.move('ended', 'missed');
    await settle();
    expect(host.callsOf('calls.log')).toEqual([{ conversationId: 'conv-2', call: expect.objectContaining({ end: 'missed', answeredAt: null, wrapUpCode: null }) }]);
    expect(softphone.getState().wrapUp).toBeNull();

    const elsewhere = new ScriptedCall('webrtc', 'inbound', 'Ada', 'ringing', 'conv-2');
    web.ring(elsewhere);
    elsewhere.move('ended', 'elsewhere');
    await settle();
    expect(host.callsOf('calls.log')).toHaveLength(1);
    expect(host.callsOf('presence.set')).toEqual([]);
  });

  it('brings back a call that still waits for its wrap-up after a reload', async () => {
    const call = { provider: 'sip' as const, direction: 'inbound' as const, remote: 'Oliver', address: 'sip:oliver@pbx', startedAt: 1, answeredAt: 2, endedAt: 60_000, end: 'hangup' as const, wrapUpCode: null };
    const { host, softphone } = setup(null, [{ id: 'wrap-7', conversationId: 'conv-3', call }]);
    await softphone.getState().start();
    expect(softphone.getState().wrapUp).toEqual({ id: 'wrap-7', conversationId: 'conv-3', call });
    await softphone.getState().saveWrapUp('resolved', '');
    expect(host.callsOf('calls.log')).toEqual([{ conversationId: 'conv-3', call: { ...call, wrapUpCode: 'resolved' }, notes: '', wrapUpId: 'wrap-7' }]);
    expect(softphone.getState().wrapUp).toBeNull();
  });

  it('turns a second call away as busy while one is up', async () => {
    const { web, sip, softphone } = setup();
    await softphone.getState().start();
    web.ring(new ScriptedCall('webrtc', 'inbound', 'First', 'ringing', 'conv-1'));
    const second = new ScriptedCall('sip', 'inbound', 'sip:second@pbx', 'ringing');
    sip.ring(second);
    expect(second.actions).toEqual(['decline']);
    expect(softphone.getState().current?.remote).toBe('First');
  });

  it('dials through a line that can call out, into the open conversation', async () => {
    const { sip, softphone } = setup('conv-9');
    await softphone.getState().start();
    await softphone.getState().dial('+442079460000');
    expect(sip.dialled).toEqual(['+442079460000']);
    expect(softphone.getState().current).toMatchObject({ direction: 'outbound', state: 'dialing', conversationId: 'conv-9' });
  });

  it('says so when no line can call out', async () => {
    const host = createFakeHost();
    const softphone = createSoftphoneStore(createApiClient(host.bridge, () => {}), [new ScriptedLine('webrtc')], () => null);
    await softphone.getState().start();
    await softphone.getState().dial('+442079460000');
    expect(softphone.getState().error).toMatch(/No phone line can place calls/);
  });
});
