import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src-shared/api/contract.js';
import { callAlert, createMentionAlerts, mentionAlert, mentionReplyNote, offerAlert } from './desk-alerts.js';
import { createDeskText } from './desk-text.js';

const { t } = createDeskText('en');

function notice(id: string, kind: Notice['kind'] = 'mentioned', detail = '@Hans Weber could you call DHL?', openable = true): Notice {
  return { id, at: 1, kind, conversationId: 'c1', customerName: 'Aoife Byrne', otherAgentName: 'Olivia Grant', messageId: 'm1', detail, openable };
}

const colleagues = [
  { id: 'olivia', name: 'Olivia Grant', role: 'agent' as const, teamIds: ['eu'] },
  { id: 'sam', name: 'Sam Okafor', role: 'supervisor' as const, teamIds: ['eu'] },
];

describe('desktop alerts for mentions', () => {
  it('alerts once per new mention, never for what was kept before or for other notices', () => {
    const alerted: string[] = [];
    const onNotices = createMentionAlerts([notice('old')], (n) => alerted.push(n.id));
    onNotices([notice('old'), notice('n1'), notice('r1', 'reassigned')]);
    onNotices([notice('old'), notice('n1'), notice('n2')]);
    expect(alerted).toEqual(['n1', 'n2']);
  });

  it('names the colleague and the customer, shortens a long note, and offers a reply and the conversation', () => {
    expect(mentionAlert(notice('n1'), t)).toEqual({
      title: 'Olivia Grant mentioned you (Aoife Byrne)',
      body: '@Hans Weber could you call DHL?',
      actions: ['open-conversation'],
      reply: 'Reply to Olivia Grant',
      onClick: { open: 'conversation', conversationId: 'c1' },
    });
    expect(mentionAlert(notice('n2', 'mentioned', 'x'.repeat(500)), t).body).toHaveLength(180);
  });

  it('offers neither a reply nor the conversation for a mention about one this desk does not hold', () => {
    const alert = mentionAlert(notice('n3', 'mentioned', 'see this', false), t);
    expect(alert).toMatchObject({ actions: [], reply: null, onClick: { open: 'window' } });
  });
});

describe('mentionReplyNote', () => {
  it('answers as a note in the conversation that names the colleague back', () => {
    expect(mentionReplyNote(notice('n1'), '  On it.  ', colleagues)).toEqual({ conversationId: 'c1', body: '@Olivia Grant On it.', mentions: ['olivia'] });
  });

  it('names nobody when the name is unknown or shared by two colleagues', () => {
    expect(mentionReplyNote(notice('n1'), 'On it.', [])).toEqual({ conversationId: 'c1', body: 'On it.', mentions: [] });
    const twins = [...colleagues, { id: 'olivia-2', name: 'Olivia Grant', role: 'agent' as const, teamIds: [] }];
    expect(mentionReplyNote(notice('n1'), 'On it.', twins)?.mentions).toEqual([]);
  });

  it('sends nothing for an empty reply or a conversation the desk does not hold', () => {
    expect(mentionReplyNote(notice('n1'), '   ', colleagues)).toBeNull();
    expect(mentionReplyNote(notice('n1', 'mentioned', 'x', false), 'On it.', colleagues)).toBeNull();
  });
});

describe('calls and offers', () => {
  it('a ringing call offers Accept and says where it comes from', () => {
    expect(callAlert({ remote: '+66 81 234 5678', provider: 'sip', transferredBy: null }, t)).toEqual({
      title: 'Incoming call: +66 81 234 5678',
      body: 'Phone call',
      actions: ['accept-call'],
      reply: null,
      onClick: { open: 'window' },
    });
    expect(callAlert({ remote: 'Nok', provider: 'webrtc', transferredBy: null }, t).body).toBe('Web call from the chat page');
    expect(callAlert({ remote: 'Nok', provider: 'webrtc', transferredBy: { name: 'Hans Weber', note: '' } }, t).body).toBe('Transferred by Hans Weber');
    expect(callAlert({ remote: 'Nok', provider: 'webrtc', transferredBy: { name: 'Hans Weber', note: 'VAT question' } }, t).body).toBe('Transferred by Hans Weber: VAT question');
  });

  it('an offered conversation opens it on a click', () => {
    expect(offerAlert({ conversationId: 'c9', customerName: 'Nok', preview: 'Where is my parcel?' }, t)).toMatchObject({
      title: 'New conversation for you: Nok',
      onClick: { open: 'conversation', conversationId: 'c9' },
      actions: ['open-conversation'],
    });
  });
});
