import { randomUUID } from 'node:crypto';
import { previewOf, type Conversation, type Message } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';
import { slaOnStatus } from '../routing/sla-clocks.js';
import { callConversationId } from './inbound-calls.js';

/** "The caller hung up after waiting {wait}", in the languages a waiting caller hears (twiml.ts). */
const HUNG_UP: Record<string, string> = {
  en: 'The caller hung up after waiting {wait}.',
  de: 'Der Anrufer hat nach {wait} Wartezeit aufgelegt.',
  es: 'La persona que llamó colgó tras esperar {wait}.',
  fr: "L'appelant a raccroché après {wait} d'attente.",
  it: 'Il chiamante ha riagganciato dopo {wait} di attesa.',
  pt: 'A pessoa que ligou desligou após {wait} de espera.',
  nl: 'De beller heeft opgehangen na {wait} wachten.',
  ja: 'お客様は{wait}待ったあと電話を切りました。',
  zh: '来电者等待{wait}后挂断了电话。',
  ko: '발신자가 {wait} 기다린 후 전화를 끊었습니다.',
  th: 'ผู้โทรวางสายหลังจากรอ {wait}',
  id: 'Penelepon menutup telepon setelah menunggu {wait}.',
};

/**
 * The caller's call ended while nobody had taken it: the conversation says so and is resolved,
 * so it leaves the team's queue. A call an agent has is theirs to wrap up; one already resolved
 * (Twilio may post again) is left as it is.
 */
export async function closeAbandonedCall(core: RelayCore, tenantId: string, callSid: string): Promise<void> {
  await core.commit(tenantId, async (changes) => {
    const conversation = await changes.store.conversations.findConversation(tenantId, callConversationId(callSid));
    if (!conversation || conversation.assigneeId !== null || conversation.status !== 'open') return;
    const message = hungUpMessage(conversation, changes.at);
    const resolved: Conversation = {
      ...conversation,
      status: 'resolved',
      // An offer still out to a desk goes with the call.
      offer: null,
      lastMessageAt: changes.at,
      lastMessagePreview: previewOf(message.body),
      updatedAt: changes.at,
      sla: slaOnStatus(conversation.sla, 'resolved'),
    };
    await changes.changeConversation(conversation, resolved);
    await changes.addMessage(message, resolved, null);
  });
}

/** The words, in the conversation's language when we have them, else English; the wait in that language's short unit. */
export function hungUpText(language: string, waitedMs: number): string {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  const locale = Object.hasOwn(HUNG_UP, primary) ? primary : 'en';
  return HUNG_UP[locale]!.replace('{wait}', waitOf(locale, waitedMs));
}

/** Seconds under a minute, else whole minutes: "45 sec", "2 min", "2 Min.". */
function waitOf(locale: string, waitedMs: number): string {
  const seconds = Math.max(0, Math.round(waitedMs / 1000));
  const [unit, amount] = seconds < 60 ? (['second', seconds] as const) : (['minute', Math.round(seconds / 60)] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(amount);
}

/** The wait counts from the conversation's opening, the call's first webhook. */
function hungUpMessage(conversation: Conversation, at: number): Message {
  return {
    id: randomUUID(),
    conversationId: conversation.id,
    author: 'system',
    authorId: null,
    authorName: 'System',
    body: hungUpText(conversation.language, at - conversation.createdAt),
    createdAt: at,
    internal: false,
    original: null,
  };
}
