import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src-shared/api/contract.js';
import { createMentionAlerts, mentionAlertText } from './mention-alerts.js';

function notice(id: string, kind: Notice['kind'] = 'mentioned', detail = '@Hans Weber could you call DHL?'): Notice {
  return { id, at: 1, kind, conversationId: 'c1', customerName: 'Aoife Byrne', otherAgentName: 'Olivia Grant', messageId: 'm1', detail, openable: false };
}

describe('desktop alerts for mentions', () => {
  it('alerts once per new mention, never for what was kept before or for other notices', () => {
    const alerted: string[] = [];
    const onNotices = createMentionAlerts([notice('old')], (n) => alerted.push(n.id));
    onNotices([notice('old'), notice('n1'), notice('r1', 'reassigned')]);
    onNotices([notice('old'), notice('n1'), notice('n2')]);
    expect(alerted).toEqual(['n1', 'n2']);
  });

  it('names the colleague and the customer, and shortens a long note', () => {
    expect(mentionAlertText(notice('n1'))).toEqual({ title: 'Olivia Grant mentioned you (Aoife Byrne)', body: '@Hans Weber could you call DHL?' });
    expect(mentionAlertText(notice('n2', 'mentioned', 'x'.repeat(500))).body).toHaveLength(180);
  });
});
