import { randomUUID } from 'node:crypto';
import { previewOf, type Conversation, type Message, type Team } from '../../src-shared/domain/model.js';
import type { WebchatHello, WebchatRate, WebchatSend } from '../../src-shared/protocol/webchat.js';
import type { z } from 'zod';
import { hashToken, newToken } from '../auth/tokens.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import { inCommit, routed } from '../routing/assignment.js';
import { slaOnCustomerMessage } from '../routing/sla-clocks.js';
import { chooseTeamNow } from '../routing/team-hours.js';
import type { StoredMessage } from '../storage/port/conversations.js';
import { afterHoursReply } from './after-hours.js';
import { noticeSaidPhones } from '../customers/said-phones.js';
import { conversationAttachments, withAttachments } from './message-files.js';

/**
 * What a web-chat customer does to their conversation: start a chat (or come back to it), write,
 * rate it. The web-chat socket (src-relay/webchat) parses their frames, calls these and answers.
 */

/** How much of the thread a (returning) customer gets on hello. */
const THREAD_LENGTH = 200;

/** A customer whose chat has started: who they are and which conversation they are in. */
export interface ChatVisitor {
  tenantId: string;
  customerId: string;
  customerName: string;
  conversationId: string;
}

export type ChatStart =
  | { ok: true; visitor: ChatVisitor; visitorToken: string; messages: StoredMessage[] }
  | { ok: false; message: string };

/**
 * A known visitor token brings the customer back to their conversation; anyone else becomes
 * a new customer with a new conversation, routed to the team serving their language.
 * `refusedNew` says why a new conversation may not be opened now (the chat's limits), or null.
 */
export async function startChat(core: RelayCore, hello: z.infer<typeof WebchatHello>, refusedNew: () => string | null = () => null): Promise<ChatStart> {
  const tenantId = hello.tenant ?? (await onlyTenant(core));
  if (tenantId === null || !(await core.store.accounts.findTenant(tenantId))) {
    return { ok: false, message: 'This chat is not available here; check the page address.' };
  }
  const returning = hello.visitorToken ? await resume(core, tenantId, hello.visitorToken) : null;
  if (returning) return returning;
  const refusal = refusedNew();
  if (refusal) return { ok: false, message: refusal };
  const visitorToken = newToken();
  const opened = await core.commit(tenantId, (changes) => open(core, changes, hello, visitorToken));
  if (!opened) return { ok: false, message: 'This chat has no team to answer yet; please try again later.' };
  return { ok: true, visitor: opened.visitor, visitorToken, messages: opened.messages };
}

/** Stores a customer message once per clientMessageId; a message to a closed conversation reopens it. */
export async function sendCustomerMessage(
  core: RelayCore,
  visitor: ChatVisitor,
  send: z.infer<typeof WebchatSend>,
): Promise<{ message: StoredMessage; duplicate: boolean } | { refused: string }> {
  const providerMessageId = `${visitor.conversationId}:${send.clientMessageId}`;
  const known = await core.store.conversations.findProviderMessage(visitor.tenantId, 'webchat', providerMessageId);
  const stored = known ? await core.store.conversations.findMessage(known) : null;
  if (stored) return { message: stored, duplicate: true };
  const files = await conversationAttachments(core.store, visitor.tenantId, visitor.conversationId, send.attachments);
  if (!files.ok) return { refused: files.message };
  const message = await core.commit(visitor.tenantId, async (changes) => {
    const conversation = await changes.store.conversations.findConversation(visitor.tenantId, visitor.conversationId);
    if (!conversation) throw new Error(`visitor's conversation ${visitor.conversationId} is missing`);
    const created: Message = {
      id: randomUUID(),
      conversationId: conversation.id,
      author: 'customer',
      authorId: visitor.customerId,
      authorName: visitor.customerName,
      body: send.body,
      createdAt: changes.at,
      internal: false,
      original: null,
      ...withAttachments(files.attachments),
    };
    const next = await afterCustomerMessage(core, changes, conversation, created);
    await changes.changeConversation(conversation, next);
    if (next.assigneeId !== null && next.assigneeId !== conversation.assigneeId) {
      await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
    }
    await changes.addMessage(created, next, send.clientMessageId);
    await changes.store.conversations.insertProviderMessage(visitor.tenantId, 'webchat', providerMessageId, created.id);
    await noticeSaidPhones(changes, next, send.body);
    return created;
  });
  return { message: { tenantId: visitor.tenantId, message, clientMessageId: send.clientMessageId }, duplicate: false };
}

/** The customer's thread as the page shows it, oldest first. */
function threadOf(core: RelayCore, conversationId: string): Promise<StoredMessage[]> {
  return core.store.conversations.listPublicMessages(conversationId, THREAD_LENGTH);
}

/** The region subtag of a language tag is the customer's market: "pt-BR" -> "BR". */
export function marketOf(language: string): string | null {
  const region = language
    .split('-')
    .slice(1)
    .find((part) => /^([A-Za-z]{2}|\d{3})$/.test(part));
  return region ? region.toUpperCase() : null;
}

async function onlyTenant(core: RelayCore): Promise<string | null> {
  const tenants = await core.store.accounts.listTenants();
  return tenants.length === 1 && tenants[0] ? tenants[0].id : null;
}

async function resume(core: RelayCore, tenantId: string, visitorToken: string): Promise<ChatStart | null> {
  const tokenHash = hashToken(visitorToken);
  const known = await core.store.conversations.findVisitor(tokenHash);
  if (!known || known.tenantId !== tenantId) return null;
  const conversation = await core.store.conversations.findConversation(tenantId, known.conversationId);
  if (!conversation) return null;
  await core.store.conversations.touchVisitor(tokenHash, core.now());
  const visitor = { ...known, customerName: conversation.customerName };
  return { ok: true, visitor, visitorToken, messages: await threadOf(core, conversation.id) };
}

async function open(
  core: RelayCore,
  changes: ChangeSet,
  hello: z.infer<typeof WebchatHello>,
  visitorToken: string,
): Promise<{ visitor: ChatVisitor; messages: StoredMessage[] } | null> {
  const choice = chooseTeamNow(await changes.store.accounts.listTeams(changes.tenantId), hello.language, changes.at, core.holidays);
  if (!choice) return null;
  const { team } = choice;
  const market = marketOf(hello.language);
  const customerId = randomUUID();
  await changes.store.conversations.insertCustomer(changes.tenantId, {
    id: customerId,
    name: hello.name,
    language: hello.language,
    market,
    createdAt: changes.at,
  });
  const unassigned: Conversation = {
    id: randomUUID(),
    customerId,
    customerName: hello.name,
    channel: 'webchat',
    teamId: team.id,
    assigneeId: null,
    status: 'open',
    language: hello.language,
    market,
    createdAt: changes.at,
    updatedAt: changes.at,
    lastMessageAt: changes.at,
    lastMessagePreview: '',
  };
  const conversation = choice.open ? await routed(inCommit(core, changes), changes.tenantId, unassigned, changes.at) : unassigned;
  await changes.addConversation(conversation);
  if (conversation.assigneeId !== null) await changes.store.accounts.markAssigned(conversation.assigneeId, changes.at);
  const visitor = { tenantId: changes.tenantId, customerId, conversationId: conversation.id };
  await changes.store.conversations.insertVisitor(hashToken(visitorToken), visitor, changes.at);
  const messages = choice.open ? [] : [await afterHours(changes, conversation, choice.opensAt, hello.timeZone ?? team.schedule?.timeZone ?? 'UTC')];
  return { visitor: { ...visitor, customerName: hello.name }, messages };
}

/** Every team serving the customer is closed: they are told, in their language, when they will be answered. */
async function afterHours(changes: ChangeSet, conversation: Conversation, opensAt: number | null, timeZone: string): Promise<StoredMessage> {
  const message: Message = {
    id: randomUUID(),
    conversationId: conversation.id,
    author: 'system',
    authorId: null,
    authorName: 'Customer service',
    body: afterHoursReply(conversation.language, opensAt, timeZone),
    createdAt: changes.at,
    internal: false,
    original: null,
  };
  await changes.addMessage(message, conversation, null);
  return { tenantId: changes.tenantId, message, clientMessageId: null };
}

/**
 * A customer writing again reopens a pending or resolved conversation; if its agent has gone
 * offline (or it had none) it is routed again, or waits in its team's queue.
 */
export async function afterCustomerMessage(
  core: RelayCore,
  changes: ChangeSet,
  conversation: Conversation,
  message: Message,
  /** The tenant's teams, when the commit has read them already. */
  teams?: readonly Team[],
): Promise<Conversation> {
  const next = {
    ...conversation,
    status: 'open' as const,
    lastMessageAt: message.createdAt,
    lastMessagePreview: previewOf(message.body),
    updatedAt: changes.at,
    sla: await slaOnCustomerMessage(core.holidays, changes, conversation, message.createdAt, teams),
  };
  if (conversation.status === 'open') return next;
  const assigneeGone = next.assigneeId === null || !core.connected.isConnected(next.assigneeId);
  if (!assigneeGone) return next;
  return routed(inCommit(core, changes), changes.tenantId, { ...next, assigneeId: null }, changes.at);
}

/** The customer's rating of their resolved conversation; refused before it is resolved, kept once. */
export async function rateConversation(core: RelayCore, visitor: ChatVisitor, rate: z.infer<typeof WebchatRate>): Promise<string | null> {
  const conversation = await core.store.conversations.findConversation(visitor.tenantId, visitor.conversationId);
  if (!conversation) return 'This chat is no longer available.';
  if (conversation.status !== 'resolved') return 'You can rate this chat once it is resolved.';
  await core.store.ratings.insert(visitor.tenantId, {
    conversationId: conversation.id,
    score: rate.score,
    comment: rate.comment || null,
    ratedAt: core.now(),
    teamId: conversation.teamId,
    assigneeId: conversation.assigneeId,
    channel: conversation.channel,
    market: conversation.market,
  });
  return null;
}

/** A resolved conversation its customer has not rated yet. */
export async function awaitsRating(core: RelayCore, visitor: ChatVisitor): Promise<boolean> {
  const conversation = await core.store.conversations.findConversation(visitor.tenantId, visitor.conversationId);
  return conversation?.status === 'resolved' && !(await core.store.ratings.isRated(conversation.id));
}
