import { describe, expect, it } from 'vitest';
import { toWebchatMessage } from './webchat-message.js';

describe('toWebchatMessage', () => {
  const base = { id: 'm', conversationId: 'c', authorId: 'agent-7', authorName: 'Mei Chen', body: 'hi', createdAt: 1, internal: false };

  it('shows a customer their own message id and nothing about agents', () => {
    expect(toWebchatMessage({ tenantId: 't', clientMessageId: 'cm', message: { ...base, author: 'customer' } }).clientMessageId).toBe('cm');
    const reply = toWebchatMessage({ tenantId: 't', clientMessageId: 'agent-client-id', message: { ...base, author: 'agent' } });
    expect(reply).toEqual({ id: 'm', author: 'agent', authorName: 'Mei Chen', body: 'hi', createdAt: 1, clientMessageId: null });
  });
});
