import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { EMAIL_ORIGINALS_PATH, EMAIL_SENDERS_PATH, NEW_EMAIL_PATH, NewEmail, type EmailOriginalView, type EmailSender, type NewEmailStarted } from '../../src-shared/protocol/email.js';
import { startNewEmail } from '../email/start-email.js';
import { inlineFileIdsOf } from '../email/mail-html.js';
import { canAct, viewerOf } from '../log/visibility.js';
import { maskEmailOriginal } from '../privacy/desk-masking.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

const NOT_FOUND = 'There is no such mail.';

/**
 * The original of an email message, for whoever may act on its conversation now (the agent who
 * holds it, its team's queue, a supervisor of the team, an admin). Anything else, another tenant's
 * message included, is answered as not found: a refusal tells nothing of what lies outside. Its
 * text is masked as the caller's desk receives messages (docs/privacy.md).
 */
export function registerEmailRoutes(app: FastifyInstance, core: RelayCore): void {
  app.get<{ Params: { messageId: string } }>(`${EMAIL_ORIGINALS_PATH}/:messageId`, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
    if (!agent) return reply;
    const original = await core.store.email.findOriginal(request.params.messageId);
    const conversation = original && original.tenantId === agent.tenantId ? await core.store.conversations.findConversation(agent.tenantId, original.conversationId) : null;
    if (!original || !conversation || !canAct(viewerOf(agent), conversation)) return sendHttpError(reply, 404, 'not_found', NOT_FOUND);
    const view: EmailOriginalView = {
      messageId: original.messageId,
      kind: original.kind,
      from: original.fromAddress,
      subject: original.subject,
      text: original.text,
      html: original.html,
      receivedAt: original.receivedAt,
      inlineImages: await inlineImagesOf(core, agent.tenantId, original.html),
    };
    await core.maskingPolicies.load(agent.tenantId);
    return maskEmailOriginal(view, core.maskingPolicies.maskingFor(agent.tenantId, agent.role));
  });

  app.get(EMAIL_SENDERS_PATH, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
    if (!agent) return reply;
    const accounts = await core.store.channels.listAccounts(agent.tenantId);
    const senders: EmailSender[] = accounts
      .filter((account) => account.provider === 'email' && !account.disconnectedAt && (agent.role === 'admin' || agent.teamIds.includes(account.teamId)))
      .map((account) => ({ accountId: account.id, displayName: account.displayName, teamId: account.teamId }));
    return reply.header('cache-control', 'no-store').send(senders);
  });

  app.post(NEW_EMAIL_PATH, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
    if (!agent) return reply;
    const parsed = NewEmail.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid mail: ${z.prettifyError(parsed.error)}`);
    const outcome = await startNewEmail(core, agent, parsed.data);
    if (!outcome.ok) return sendHttpError(reply, outcome.status, outcome.refusal.code, outcome.refusal.message);
    const started: NewEmailStarted = { conversationId: outcome.conversationId };
    return reply.code(201).send(started);
  });
}

/** The kept images the original's HTML shows inline, as the tenant's file records have them (a file gone since is left out). */
async function inlineImagesOf(core: RelayCore, tenantId: string, html: string | null): Promise<EmailOriginalView['inlineImages']> {
  const images: EmailOriginalView['inlineImages'] = [];
  for (const fileId of inlineFileIdsOf(html ?? '').slice(0, 200)) {
    const record = await core.store.files.find(tenantId, fileId);
    if (record) images.push({ fileId, mediaType: record.mediaType });
  }
  return images;
}
