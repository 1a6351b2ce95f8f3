import { describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/domain/model.js';
import { messageColumns, messageFromColumns } from './message-row.js';

const reply: Message = {
  id: 'm1',
  conversationId: 'c1',
  author: 'agent',
  authorId: 'mei',
  authorName: 'Mei',
  body: 'Your parcel left today.',
  createdAt: 5,
  internal: false,
  original: { body: '您的包裹今天已发出。', language: 'zh' },
  call: null,
};

const callEntry: Message = {
  ...reply,
  id: 'm2',
  internal: true,
  original: null,
  body: '(call)',
  call: { provider: 'sip', direction: 'inbound', remote: '+66 2 000 0000', address: 'sip:nok@example.test', startedAt: 1, answeredAt: 2, endedAt: 62, end: 'hangup', wrapUpCode: null },
};

const withFiles: Message = {
  ...reply,
  id: 'm3',
  body: 'label.pdf',
  attachments: [{ fileId: 'b'.repeat(64), name: 'label.pdf', mediaType: 'application/pdf', kind: 'document', size: 9000 }],
};

describe('message columns', () => {
  it('writes the note flag, the original and the call in their column forms', () => {
    expect(messageColumns(reply)).toMatchObject({ conversation_id: 'c1', author_id: 'mei', internal: 0, original_body: '您的包裹今天已发出。', original_language: 'zh', call: null });
    expect(messageColumns(callEntry)).toMatchObject({ internal: 1, original_body: null, original_language: null });
    expect(JSON.parse(messageColumns(callEntry).call!)).toEqual(callEntry.call);
  });

  it('reads back what it wrote', () => {
    expect(messageFromColumns(messageColumns(reply))).toEqual(reply);
    expect(messageFromColumns(messageColumns(callEntry))).toEqual(callEntry);
    expect(messageFromColumns(messageColumns(withFiles))).toEqual(withFiles);
    expect(messageColumns(reply).attachments).toBeNull();
  });
});
