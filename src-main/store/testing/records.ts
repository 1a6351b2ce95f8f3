import type { Agent, Conversation, Message } from '../../../src-shared/domain/model.js';
import type { Cache } from '../cache.js';

/** Valid records for the core's unit tests; override what a test is about. */

export function sampleAgent(overrides: Partial<Agent> = {}): Agent {
  return { id: 'agent-mei', tenantId: 'demo', email: 'mei@demo.test', name: 'Mei Chen', role: 'agent', language: 'zh-CN', teamIds: ['apac'], ...overrides };
}

export function sampleConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'conv-1',
    customerId: 'cust-1',
    customerName: 'Nok',
    channel: 'webchat',
    teamId: 'apac',
    assigneeId: 'agent-mei',
    status: 'open',
    language: 'th-TH',
    market: 'TH',
    createdAt: 1_000,
    updatedAt: 1_000,
    lastMessageAt: 1_000,
    lastMessagePreview: 'hello',
    labels: [],
    vip: false,
    sla: null,
    offer: null,
    ...overrides,
  };
}

export function sampleMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: 'msg-1',
    conversationId: 'conv-1',
    author: 'customer',
    authorId: null,
    authorName: 'Nok',
    body: 'hello',
    createdAt: 1_000,
    internal: false,
    ...overrides,
  };
}

/** A cache with an agent signed in, as one must be for changes to be queued (OutboxStore.enqueue). */
export function signInSample(cache: Cache, agent: Agent = sampleAgent()): Cache {
  cache.session.saveSignIn({ token: 'token-sample', expiresAt: Date.now() + 3_600_000, agent });
  return cache;
}
