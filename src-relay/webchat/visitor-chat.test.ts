import { describe, expect, it } from 'vitest';
import { marketOf, toWebchatMessage } from './visitor-chat.js';

describe('marketOf', () => {
  it('takes the region subtag of a language tag', () => {
    expect(marketOf('pt-BR')).toBe('BR');
    expect(marketOf('es-mx')).toBe('MX');
    expect(marketOf('zh-Hant-TW')).toBe('TW');
    expect(marketOf('es-419')).toBe('419');
    expect(marketOf('th')).toBeNull();
    expect(marketOf('sr-Latn')).toBeNull();
  });
});

describe('toWebchatMessage', () => {
  const base = { id: 'm', conversationId: 'c', authorId: 'agent-7', authorName: 'Mei Chen', body: 'hi', createdAt: 1, internal: false };

  it('shows a customer their own message id and nothing about agents', () => {
    expect(toWebchatMessage({ tenantId: 't', clientMessageId: 'cm', message: { ...base, author: 'customer' } }).clientMessageId).toBe('cm');
    const reply = toWebchatMessage({ tenantId: 't', clientMessageId: 'agent-client-id', message: { ...base, author: 'agent' } });
    expect(reply).toEqual({ id: 'm', author: 'agent', authorName: 'Mei Chen', body: 'hi', createdAt: 1, clientMessageId: null });
  });
});
