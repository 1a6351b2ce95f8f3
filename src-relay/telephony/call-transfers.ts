import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import type { TwilioTransferRequest, TwilioTransferTarget } from '../../src-shared/protocol/twilio-voice.js';
import { canAct, viewerOf } from '../log/visibility.js';
import { inScope } from '../conversations/conversation-finders.js';
import type { RelayCore } from '../relay-core.js';
import { chooseAssignee } from '../routing/assignment.js';
import { callSidOf } from './inbound-calls.js';

/** An agent's Device the call rings (its conversation follows, into `teamId`), or an address outside (it stays). */
export type TransferDestination = { agentId: string; teamId: string } | { address: string };

export interface PlannedTransfer {
  callSid: string;
  conversation: Conversation;
  destination: TransferDestination;
}

/** Why a transfer is refused, as the HTTP answer tells the agent. */
export interface TransferRefusal {
  status: number;
  code: string;
  message: string;
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: TransferRefusal };

const refused = (status: number, code: string, message: string) => ({ ok: false as const, error: { status, code, message } });

/**
 * A blind transfer `agent` asks for, checked and with the agent it will ring chosen; nothing is
 * written. The call must be a Twilio call of the company that the agent has (or supervises).
 */
export async function planTransfer(core: RelayCore, tenantId: string, agent: Agent, request: TwilioTransferRequest): Promise<Checked<PlannedTransfer>> {
  if (agent.tenantId !== tenantId) return refused(403, 'forbidden', 'Twilio Voice is set up for another company on this relay.');
  const callSid = callSidOf(request.conversationId);
  const conversation = callSid ? await core.store.conversations.findConversation(tenantId, request.conversationId) : null;
  // A call of another team is answered as one that does not exist.
  if (!callSid || conversation?.channel !== 'voice' || !inScope(viewerOf(agent), conversation)) return refused(404, 'not_found', 'There is no Twilio call with this conversation.');
  if (!mayTransfer(agent, conversation)) return refused(403, 'forbidden', 'Only the agent on the call, or a supervisor of its team, can transfer it.');
  const destination = await destinationOf(core, agent, conversation, request.target);
  return destination.ok ? { ok: true, value: { callSid, conversation, destination: destination.value } } : destination;
}

/** Twilio now rings the target: the conversation goes to them, in the team it was sent to. */
export async function handOverCall(core: RelayCore, tenantId: string, conversationId: string, to: { agentId: string; teamId: string }): Promise<void> {
  await core.commit(tenantId, async (changes) => {
    const conversation = await changes.store.conversations.findConversation(tenantId, conversationId);
    if (!conversation) return;
    // Not `assign`: it keeps the team, and a transfer to a team moves the conversation there.
    await changes.changeConversation(conversation, { ...conversation, teamId: to.teamId, assigneeId: to.agentId, offer: null, updatedAt: changes.at });
    await changes.store.accounts.markAssigned(to.agentId, changes.at);
  });
}

/** The agent who has the call; a supervisor of its team or an admin, who may move calls they do not hold. */
function mayTransfer(agent: Agent, conversation: Conversation): boolean {
  return conversation.assigneeId === agent.id || (agent.role !== 'agent' && canAct(viewerOf(agent), conversation));
}

async function destinationOf(core: RelayCore, from: Agent, conversation: Conversation, target: TwilioTransferTarget): Promise<Checked<TransferDestination>> {
  if ('address' in target) return { ok: true, value: { address: target.address } };
  if ('agentId' in target) return colleague(core, from, conversation, target.agentId);
  return teamAgent(core, from, conversation, target.teamId);
}

async function colleague(core: RelayCore, from: Agent, conversation: Conversation, agentId: string): Promise<Checked<TransferDestination>> {
  if (agentId === from.id) return refused(400, 'bad_request', 'You cannot transfer a call to yourself.');
  const target = (await core.store.accounts.findAgent(agentId))?.agent;
  if (!target || target.tenantId !== from.tenantId) return refused(404, 'not_found', 'There is no such colleague.');
  // Their Device runs in the workstation: a desk that is not connected would let the call ring out.
  if (!core.connected.isConnected(agentId)) return refused(409, 'conflict', `${target.name} is not connected.`);
  return { ok: true, value: { agentId, teamId: conversation.teamId } };
}

/**
 * The team's best free agent, chosen as for an incoming call. The agent on the call is never
 * picked: it fills their call capacity, which is at most one.
 */
async function teamAgent(core: RelayCore, from: Agent, conversation: Conversation, teamId: string): Promise<Checked<TransferDestination>> {
  const team = (await core.store.accounts.listTeams(from.tenantId)).find((candidate) => candidate.id === teamId);
  if (!team) return refused(404, 'not_found', 'There is no such team.');
  const agentId = await chooseAssignee(core, from.tenantId, { ...conversation, teamId });
  if (agentId === null) return refused(409, 'conflict', `No one in ${team.name} is free to take a call.`);
  return { ok: true, value: { agentId, teamId } };
}
