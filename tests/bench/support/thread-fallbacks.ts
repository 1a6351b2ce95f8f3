import { randomUUID } from 'node:crypto';
import { outboundMessageId, replyAddress, subjectTag } from '../../../src-relay/channels/email/email-identifiers.js';
import type { AgentDesk } from './agent-desk.js';
import { composeMail } from './mail-composer.js';
import { bodyOf, MAILBOX, messageIdOf, quoted, Seeded, type CorpusMail, type CorpusThread } from './mail-corpus.js';
import type { StoredIndex } from './mail-outcomes.js';

/**
 * The customers' answers that only the relay's own names can thread, written once the import
 * gave each thread its conversation and reply token: answers to an agent's reply that keep
 * In-Reply-To (naming our Message-ID), answers whose client dropped the threading headers but
 * went to the reply address `support+<token>@`, and answers that kept only the tag in the subject.
 * The agent's replies are pushed through `desk` first, as an agent would.
 */
export async function writeFallbackAnswers(options: {
  threads: readonly CorpusThread[];
  stored: StoredIndex;
  tokens: ReadonlyMap<string, string>;
  desk: AgentDesk;
  perKind: number;
  seed: number;
  now: number;
}): Promise<CorpusMail[]> {
  const random = new Seeded(options.seed);
  const candidates = options.threads.flatMap((thread) => {
    const root = options.stored.of({ messageId: thread.chain[0] ?? null, subject: thread.subject })[0];
    const token = root ? options.tokens.get(root.conversationId) : undefined;
    return root && token ? [{ thread, conversationId: root.conversationId, token }] : [];
  });
  // Threads far apart in the mailbox, each answered once.
  const chosen = Array.from({ length: Math.min(candidates.length, options.perKind * 3) }, (_, i) => candidates[Math.floor((i * candidates.length) / (options.perKind * 3))]!);
  const mails: CorpusMail[] = [];
  for (const [i, { thread, conversationId, token }] of chosen.entries()) {
    const way = i % 3 === 0 ? 'headers' : i % 3 === 1 ? 'reply-address' : 'subject-tag';
    const date = new Date(options.now - 60_000 + i);
    const messageId = messageIdOf(random, 900_000 + i, thread.customer.address.split('@')[1]!);
    let inReplyTo: string | undefined;
    if (way === 'headers') {
      const replyId = randomUUID();
      await options.desk.push({ kind: 'reply.send', conversationId, messageId: replyId, body: 'Thank you, we are looking into it.' });
      inReplyTo = outboundMessageId(replyId, 'acme.test');
    }
    const subject = `${thread.language.replyPrefix} ${thread.subject}${way === 'subject-tag' ? ` ${subjectTag(token)}` : ''}`;
    const raw = await composeMail({
      language: thread.language,
      charset: thread.charset,
      from: thread.customer,
      to: way === 'reply-address' ? `Acme Support <${replyAddress(MAILBOX, token)}>` : `Acme Support <${MAILBOX}>`,
      subject,
      date,
      messageId,
      inReplyTo,
      references: inReplyTo ? [inReplyTo] : undefined,
      text: `${bodyOf(random, thread.language, thread.customer.name)}\n\n${thread.language.wrote('Acme Support')}\n${quoted('Thank you, we are looking into it.')}`,
    });
    mails.push({ raw, messageId, subject, date, expected: { outcome: 'stored', thread: thread.label, root: false, kind: 'customer' } });
  }
  return mails;
}
