import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import { conversationColumns, conversationFromColumns } from './conversation-row.js';

const conversation: Conversation = {
  id: 'c1',
  customerId: 'cu1',
  customerName: 'Nok',
  channel: 'webchat',
  teamId: 'apac',
  assigneeId: null,
  status: 'open',
  language: 'th',
  market: 'TH',
  createdAt: 1,
  updatedAt: 2,
  lastMessageAt: 3,
  lastMessagePreview: 'สวัสดี',
  labels: ['refund'],
  vip: true,
  sla: { policyId: 'chat', firstResponseDueAt: 10, nextResponseDueAt: null, resolutionDueAt: 99, firstRespondedAt: null, breached: [] },
  offer: null,
};

describe('conversation columns', () => {
  it('writes labels, the SLA clock and VIP in their column forms', () => {
    const row = conversationColumns(conversation);
    expect(row).toMatchObject({ customer_id: 'cu1', team_id: 'apac', assignee_id: null, labels: '["refund"]', vip: 1, last_message_preview: 'สวัสดี' });
    expect(JSON.parse(row.sla!)).toEqual(conversation.sla);
    expect(conversationColumns({ ...conversation, labels: undefined, vip: undefined, sla: undefined })).toMatchObject({ labels: '[]', vip: 0, sla: null });
  });

  it('reads back what it wrote, but for what each store reads its own way', () => {
    const { sla: _sla, offer: _offer, ...shared } = conversation;
    expect(conversationFromColumns(conversationColumns(conversation))).toEqual(shared);
  });
});
