import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallSummary, WrapUpCode } from '../../src-shared/domain/model.js';
import type { SipAccount } from '../../src-shared/protocol/phone-settings.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';
import type { CallDirection, CallEnd, CallState, PhoneAdapter, PhoneCall, PhoneProvider, TransferMode, TransferredBy, TransferTarget } from './phone-adapter.js';

/** The call in the panel, as the agent sees it. */
export interface CallView {
  id: string;
  provider: PhoneProvider;
  direction: CallDirection;
  remote: string;
  /** Where to call back: a number or SIP address; null for web calls. */
  address: string | null;
  conversationId: string | null;
  state: CallState;
  muted: boolean;
  held: boolean;
  startedAt: number;
  answeredAt: number | null;
  /** The colleague who passed this call here, with their note. */
  transferredBy: TransferredBy | null;
  /** A warm transfer is ringing its target; the caller waits on hold. */
  transferring: boolean;
}

/** A finished call waiting for its wrap-up code and notes (after-call work); kept by the core until logged. */
export interface WrapUpDraft {
  /** The core's record of it; null if the core could not keep it. */
  id: string | null;
  conversationId: string | null;
  call: CallSummary;
}

export interface AudioDevice {
  id: string;
  label: string;
}

/** A provider's line: registered and able to ring, or why not. */
export interface ProviderLine {
  provider: PhoneProvider;
  status: 'starting' | 'ready' | 'failed';
  error: string | null;
}

export interface SoftphoneState {
  current: CallView | null;
  lines: ProviderLine[];
  wrapUp: WrapUpDraft | null;
  error: string | null;
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  inputId: string;
  outputId: string;
  /** Starts every adapter, so calls can ring; on sign-in. */
  start(): Promise<void>;
  /** A provider set up after sign-in (SIP account, Twilio), started at once. */
  addAdapter(adapter: PhoneAdapter): Promise<void>;
  /** An outbound call to a number or SIP address, through the first provider that can place one. */
  dial(target: string): Promise<void>;
  stop(): Promise<void>;
  answer(): Promise<void>;
  decline(): void;
  hangup(): void;
  toggleMute(): void;
  toggleHold(): Promise<void>;
  sendDigits(digits: string): void;
  /** Hands the call to a colleague, a team or an address; a refusal shows as the error. */
  transfer(target: TransferTarget, mode: TransferMode, note: string): Promise<void>;
  /** Logs the call with the agent's wrap-up into the conversation and ends after-call work. */
  saveWrapUp(code: WrapUpCode, notes: string): Promise<void>;
  loadDevices(): Promise<void>;
  /** The agent's SIP account on this desk, for the settings form. */
  sipAccount(): Promise<SipAccount | null>;
  /** Saves or removes it; the refusal, or null. */
  saveSipAccount(account: SipAccount | null): Promise<string | null>;
  chooseDevices(devices: { inputId?: string; outputId?: string }): Promise<void>;
}

export type SoftphoneStore = StoreApi<SoftphoneState>;

export const softphoneContext = createStoreContext<SoftphoneState>('softphone');
export const { useStoreApi: useSoftphoneStore, useSlice: useSoftphone } = softphoneContext;

const END_FOR_TIMELINE: Record<Exclude<CallEnd, 'elsewhere'>, CallSummary['end']> = {
  hangup: 'hangup',
  'remote-hangup': 'remote-hangup',
  declined: 'declined',
  missed: 'missed',
  failed: 'failed',
  transferred: 'transferred',
};

/**
 * One softphone over every provider adapter: the call that rings or is up, its controls, and its
 * wrap-up. `openConversationId` names where a call without a known conversation is logged.
 */
export function createSoftphoneStore(client: ApiClient, baseAdapters: PhoneAdapter[], openConversationId: () => string | null): SoftphoneStore {
  let call: PhoneCall | null = null;
  let adapters = [...baseAdapters];
  const unsubscribers: (() => void)[] = [];

  return createStore<SoftphoneState>()((set, get) => {
    const update = (change: Partial<CallView>) => {
      const current = get().current;
      if (current) set({ current: { ...current, ...change } });
    };

    const follow = (next: PhoneCall) => {
      if (call) {
        // One call at a time: a second one is turned away as busy.
        next.decline();
        return;
      }
      call = next;
      const view: CallView = {
        id: next.id,
        provider: next.provider,
        direction: next.direction,
        remote: next.remote,
        address: next.address ?? null,
        // An outbound call belongs to the conversation open when it was placed.
        conversationId: next.conversationId ?? (next.direction === 'outbound' ? openConversationId() : null),
        state: next.state,
        muted: false,
        held: false,
        startedAt: Date.now(),
        answeredAt: null,
        transferredBy: next.transferredBy ?? null,
        transferring: false,
      };
      set({ current: view, error: null });
      if (next.state === 'ringing') void client.call('calls.announce', { remote: next.remote, provider: next.provider, transferredBy: transferLine(next.transferredBy) });
      next.onTransferFailed((reason) => {
        update({ transferring: false });
        set({ error: reason });
      });
      next.onState((state, end) => {
        if (state === 'connected' && get().current?.answeredAt === null) update({ answeredAt: Date.now() });
        if (state === 'ended') void finished(next, end ?? 'hangup');
        else update({ state, held: state === 'held' });
      });
    };

    const finished = async (ended: PhoneCall, end: CallEnd) => {
      if (call !== ended) return;
      call = null;
      const view = get().current;
      set({ current: null });
      if (!view || end === 'elsewhere') return;
      const summary: CallSummary = { provider: view.provider, direction: view.direction, remote: view.remote, address: view.address, startedAt: view.startedAt, answeredAt: view.answeredAt, endedAt: Date.now(), end: END_FOR_TIMELINE[end], wrapUpCode: null };
      const conversationId = view.conversationId ?? openConversationId();
      if (view.answeredAt === null) {
        // A call no one spoke on needs no wrap-up: it goes into the timeline as it is.
        if (conversationId) await client.call('calls.log', { conversationId, call: summary });
        return;
      }
      // The core keeps it until it is logged, so a reload or a crash does not lose the call.
      const kept = await client.call('calls.awaitWrapUp', { conversationId, call: summary });
      set({ wrapUp: { id: kept.ok ? kept.value.wrapUp.id : null, conversationId, call: summary } });
      await client.call('presence.set', { presence: 'after-call-work' });
    };

    /** A call still waiting for its wrap-up (from before a reload) comes back to the form. */
    const showNextWrapUp = async () => {
      const pending = await client.call('calls.pendingWrapUps', {});
      const [next] = pending.ok ? pending.value.wrapUps : [];
      if (next && !get().wrapUp) set({ wrapUp: next });
    };

    const setLine = (line: ProviderLine) => set({ lines: [...get().lines.filter((l) => l.provider !== line.provider), line] });

    const startAdapter = async (adapter: PhoneAdapter) => {
      unsubscribers.push(adapter.onIncoming(follow));
      setLine({ provider: adapter.provider, status: 'starting', error: null });
      try {
        await adapter.start();
        setLine({ provider: adapter.provider, status: 'ready', error: null });
      } catch (error) {
        setLine({ provider: adapter.provider, status: 'failed', error: messageOf(error) });
      }
    };

    return {
      current: null,
      lines: [],
      wrapUp: null,
      error: null,
      inputs: [],
      outputs: [],
      inputId: '',
      outputId: '',

      async start() {
        if (unsubscribers.length > 0) return;
        await Promise.all([...adapters.map(startAdapter), showNextWrapUp()]);
      },

      async addAdapter(adapter) {
        adapters.push(adapter);
        await startAdapter(adapter);
      },

      async dial(target) {
        const ready = new Set(get().lines.filter((line) => line.status === 'ready').map((line) => line.provider));
        const dialer = adapters.find((adapter) => adapter.provider !== 'webrtc' && ready.has(adapter.provider));
        if (!dialer) {
          set({ error: 'No phone line can place calls: set up a SIP account, or ask your administrator for Twilio.' });
          return;
        }
        if (call) return;
        try {
          follow(await dialer.dial(target));
        } catch (error) {
          set({ error: messageOf(error) });
        }
      },

      async stop() {
        for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
        await Promise.all(adapters.map((adapter) => adapter.stop()));
        adapters = [...baseAdapters];
        call = null;
        set({ current: null, wrapUp: null, lines: [] });
      },

      async answer() {
        await call?.answer().catch((error: unknown) => set({ error: messageOf(error) }));
      },

      decline() {
        call?.decline();
      },

      hangup() {
        call?.hangup();
      },

      toggleMute() {
        const muted = !(get().current?.muted ?? false);
        call?.setMuted(muted);
        update({ muted });
      },

      async toggleHold() {
        const held = !(get().current?.held ?? false);
        await call?.setHeld(held).catch((error: unknown) => set({ error: messageOf(error) }));
      },

      sendDigits(digits) {
        call?.sendDigits(digits);
      },

      async transfer(target, mode, note) {
        if (!call) return;
        set({ error: null });
        try {
          await call.transfer(target, mode, note);
          if (mode !== 'warm') return;
          update({ transferring: true });
          // The caller waits on hold while the colleague decides.
          if (!get().current?.held) await call.setHeld(true);
        } catch (error) {
          set({ error: messageOf(error) });
        }
      },

      async saveWrapUp(wrapUpCode, notes) {
        const draft = get().wrapUp;
        if (!draft) return;
        const conversationId = draft.conversationId ?? openConversationId();
        if (!conversationId) {
          set({ error: 'Open the conversation this call belongs to, then save the wrap-up.' });
          return;
        }
        const wrapUpId = draft.id ?? undefined;
        const result = await client.call('calls.log', { conversationId, call: { ...draft.call, wrapUpCode }, notes, ...(wrapUpId ? { wrapUpId } : {}) });
        if (!result.ok) {
          set({ error: result.error.message });
          return;
        }
        set({ wrapUp: null, error: null });
        await showNextWrapUp();
        if (!get().wrapUp) await client.call('presence.set', { presence: 'available' });
      },

      async loadDevices() {
        const devices = await navigator.mediaDevices?.enumerateDevices().catch(() => []) ?? [];
        const of = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
        set({ inputs: of('audioinput'), outputs: of('audiooutput') });
      },

      async sipAccount() {
        const result = await client.call('phone.sipAccount', {});
        return result.ok ? result.value.account : null;
      },

      async saveSipAccount(account) {
        const result = await client.call('phone.saveSipAccount', { account });
        return result.ok ? null : result.error.message;
      },

      async chooseDevices(devices) {
        const inputId = devices.inputId ?? get().inputId;
        const outputId = devices.outputId ?? get().outputId;
        set({ inputId, outputId });
        const chosen = { ...(inputId ? { inputId } : {}), ...(outputId ? { outputId } : {}) };
        await Promise.all(adapters.map((adapter) => adapter.setDevices(chosen)));
      },
    };
  });
}

/** "Olivia Grant: German invoice", for the desktop notification of a transferred call. */
function transferLine(from: TransferredBy | undefined): { name: string; note: string } | null {
  return from ? { name: from.fromName, note: from.note } : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
