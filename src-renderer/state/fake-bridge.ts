import type {
  ApiResult,
  EventName,
  EventPayload,
  LocalMessage,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src-shared/api/contract.js';
import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import type { ReconnectingBridge } from './api-client.js';

/** Test double of a host: answers calls with handlers the test sets and emits events on demand. */
export interface FakeHost {
  bridge: ReconnectingBridge;
  calls: { method: MethodName; params: unknown }[];
  answer<M extends MethodName>(
    method: M,
    handler: (params: MethodInput<M>) => ApiResult<MethodOutput<M>> | Promise<ApiResult<MethodOutput<M>>>,
  ): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E> | unknown): void;
  /** The host link drops (false) or comes back (true). */
  link(up: boolean): void;
  callsOf(method: MethodName): unknown[];
}

type AnyHandler = (params: unknown) => ApiResult<unknown> | Promise<ApiResult<unknown>>;

export function createFakeHost(): FakeHost {
  const handlers = new Map<string, AnyHandler>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(up: boolean) => void>();
  const calls: FakeHost['calls'] = [];

  const bridge: ReconnectingBridge = {
    async invoke<M extends MethodName>(method: M, params: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>> {
      calls.push({ method, params });
      const handler = handlers.get(method);
      if (!handler) return { ok: false, error: { code: 'internal', message: `no fake answer for ${method}` } };
      return (await handler(params)) as ApiResult<MethodOutput<M>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  };

  return {
    bridge,
    calls,
    answer(method, handler) {
      handlers.set(method, handler as AnyHandler);
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    },
    link(up) {
      for (const listener of [...linkListeners]) listener(up);
    },
    callsOf(method) {
      return calls.filter((c) => c.method === method).map((c) => c.params);
    },
  };
}

/** Waits until every already-resolved promise chain has run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function makeAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: 'agent-1',
    tenantId: 'tenant-1',
    email: 'mei@example.com',
    name: 'Mei Lin',
    role: 'agent',
    language: 'zh-CN',
    teamIds: ['team-apac'],
    ...overrides,
  };
}

export function makeConversation(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    customerId: `customer-${id}`,
    customerName: `Customer ${id}`,
    channel: 'whatsapp',
    teamId: 'team-apac',
    assigneeId: 'agent-1',
    status: 'open',
    language: 'th',
    market: 'TH',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    lastMessageAt: 1_700_000_000_000,
    lastMessagePreview: 'Hello',
    ...overrides,
  };
}

export function makeMessage(id: string, conversationId: string, overrides: Partial<LocalMessage> = {}): LocalMessage {
  return {
    id,
    conversationId,
    author: 'customer',
    authorId: null,
    authorName: 'Customer',
    body: `message ${id}`,
    createdAt: 1_700_000_000_000,
    delivery: 'sent',
    deliveryError: null,
    internal: false,
    ...overrides,
  };
}
