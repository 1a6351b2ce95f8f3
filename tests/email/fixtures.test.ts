import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessageId, subjectTag } from '../../src-relay/channels/email/email-identifiers.js';
import { sendReply } from '../../src-relay/conversations/agent-messages.js';
import { seedTenant } from '../../src-relay/demo/seed.js';
import { attachMailboxes } from '../../src-relay/email/mailboxes.js';
import { receiveEmail, type EmailReceipt } from '../../src-relay/email/receive-email.js';
import type { RelayCore } from '../../src-relay/relay-core.js';
import type { ChannelAccount } from '../../src-relay/storage/port/channels.js';
import { ACME, TEST_PASSWORD_COST, testCore } from '../../src-relay/testing/test-relay.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

/**
 * Every fixture through receiveEmail, in the order of fixtures/expected.json, with the agent's
 * replies and resolutions between them: the text the agent reads, the conversation each joins
 * and why, what the stored HTML keeps and blocks.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
type Step = {
  mail?: string;
  outcome?: EmailReceipt['outcome'];
  thread?: string;
  threadedBy?: string;
  kind?: string;
  subject?: string;
  customer?: string;
  status?: string;
  sees?: string[];
  hidden?: string[];
  blocked?: string[];
  kept?: string[];
  reason?: string;
  bounces?: string;
  reply?: string;
  body?: string;
  resolve?: string;
  /** A trace header a server on the way added: the bytes differ, the mail does not. */
  received?: string;
};
const { steps } = JSON.parse(readFileSync(path.join(here, 'fixtures/expected.json'), 'utf8')) as { steps: Step[] };

describe('email fixtures, as the agent gets them', () => {
  let core: RelayCore;
  let account: ChannelAccount;
  /** Thread label → conversation id, and our first reply's message id in it. */
  const threads = new Map<string, string>();
  const replies = new Map<string, string>();

  beforeAll(async () => {
    core = testCore();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    const mailbox = await connectMailbox(core, mailboxCredentials(2525));
    account = mailbox.account;
    attachMailboxes(core, mailbox.runtime);
  });
  afterAll(() => core.store.close());

  /** The fixture's bytes with the placeholders filled in (ASCII only, so the bytes around them stay as written). */
  async function fixture(name: string): Promise<Buffer> {
    let text = readFileSync(path.join(here, 'fixtures', name)).toString('latin1');
    text = text.replace(/\{\{sent:(T\d+)\}\}/g, (_, label: string) => outboundMessageId(replies.get(label) ?? 'none', 'acme.test'));
    for (const [label, conversationId] of threads) {
      const thread = await core.store.email.findThread(conversationId);
      if (!thread) continue;
      text = text.replaceAll(`support+{{token:${label}}}`, `support+${thread.replyToken}`).replaceAll(`[#{{tag:${label}}}]`, subjectTag(thread.replyToken));
    }
    return Buffer.from(text, 'latin1');
  }

  async function agentReplies(label: string, body: string): Promise<void> {
    const found = await core.store.accounts.findAgent('ann');
    if (!found) throw new Error('no ann');
    const messageId = randomUUID();
    const conversationId = threads.get(label) ?? '';
    const refusal = await core.commit('acme', (changes) => sendReply({ core, changes, agent: found.agent, presenceSetFor: [] }, { kind: 'reply.send', conversationId, messageId, body }));
    expect(refusal).toBeNull();
    if (!replies.has(label)) replies.set(label, messageId);
  }

  async function resolve(label: string): Promise<void> {
    await core.commit('acme', async (changes) => {
      const conversation = await changes.store.conversations.findConversation('acme', threads.get(label) ?? '');
      if (!conversation) throw new Error(`no ${label}`);
      await changes.changeConversation(conversation, { ...conversation, status: 'resolved', updatedAt: changes.at });
    });
  }

  it.each(steps.map((step, index) => [`${index + 1}. ${step.mail ?? (step.reply ? `agent replies in ${step.reply}` : `agent resolves ${step.resolve}`)}`, step] as const))('%s', async (_, step) => {
    if (step.reply) return agentReplies(step.reply, step.body ?? '');
    if (step.resolve) return resolve(step.resolve);
    const bytes = await fixture(step.mail ?? '');
    const receipt = await receiveEmail(core, account, step.received ? Buffer.concat([Buffer.from(`${step.received}\r\n`), bytes]) : bytes);
    expect(receipt.outcome).toBe(step.outcome);
    if (receipt.outcome === 'dropped') expect(receipt.reason).toBe(step.reason);
    if (receipt.outcome === 'bounce') {
      expect(receipt.markedMessageId).toBe(replies.get(step.bounces ?? ''));
      const bounced = await core.store.conversations.findMessage(receipt.markedMessageId ?? '');
      expect(bounced?.message.channelDelivery).toMatchObject({ state: 'failed', failure: 'undeliverable', detail: `Not delivered: ${step.reason}` });
    }
    if (receipt.outcome !== 'stored') return;
    const label = step.thread ?? '';
    if (step.threadedBy === 'new') {
      expect([...threads.values()]).not.toContain(receipt.conversationId);
      threads.set(label, receipt.conversationId);
    } else expect(receipt.conversationId).toBe(threads.get(label));
    expect(receipt.threadedBy).toBe(step.threadedBy);
    expect(receipt.kind).toBe(step.kind);
    const stored = await core.store.conversations.findMessage(receipt.messageId);
    const original = await core.store.email.findOriginal(receipt.messageId);
    const conversation = await core.store.conversations.findConversation('acme', receipt.conversationId);
    for (const line of step.sees ?? []) expect(stored?.message.body).toContain(line);
    for (const text of step.hidden ?? []) {
      expect(stored?.message.body).not.toContain(text);
      // Kept on the original: one click away.
      if (!step.blocked) expect(original?.text).toContain(text);
    }
    for (const text of step.blocked ?? []) expect(original?.html ?? '').not.toContain(text);
    for (const text of step.kept ?? []) expect(original?.html ?? '').toContain(text);
    if (step.subject) expect((await core.store.email.findThread(receipt.conversationId))?.subject).toBe(step.subject);
    if (step.customer) expect(conversation?.customerName).toBe(step.customer);
    expect(conversation?.status).toBe(step.status ?? 'open');
  });
});
