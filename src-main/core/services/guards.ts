import type { LocalConversation, LocalMessage } from '../../../src-shared/api/contract.js';
import type { Agent, Conversation } from '../../../src-shared/domain/model.js';
import type { Cache } from '../../store/cache.js';
import { ApiFailure } from '../api-router.js';

/** Whether the workstation is shutting down; the session owns the answer. */
export interface Lifecycle {
  isClosed(): boolean;
}

/**
 * The checks a service makes before it acts, each refusing with the api's error code.
 * Built once by the root and handed to every service, so the wording stays the same everywhere.
 */
export class Guards {
  constructor(
    private readonly cache: Cache,
    private readonly lifecycle: Lifecycle,
  ) {}

  requireOpen(): void {
    if (this.lifecycle.isClosed()) throw new ApiFailure('unavailable', 'The workstation is shutting down.');
  }

  requireAgent(): Agent {
    this.requireOpen();
    const signIn = this.cache.session.signIn();
    if (!signIn) throw new ApiFailure('not_signed_in', 'Sign in to work with conversations.');
    return signIn.agent;
  }

  /** The signed-in agent if an administrator (`admin`), or a supervisor or administrator (`supervisor`); `refusal` says why not. */
  requireRole(role: 'supervisor' | 'admin', refusal: string): Agent {
    const agent = this.requireAgent();
    const allowed = role === 'admin' ? agent.role === 'admin' : agent.role !== 'agent';
    if (!allowed) throw new ApiFailure('forbidden', refusal);
    return agent;
  }

  /** The token of the agent signed in on this desk, for the relay's own APIs. */
  signInToken(whenMissing: string): string {
    const signIn = this.cache.session.signIn();
    if (!signIn) throw new ApiFailure('not_signed_in', whenMissing);
    return signIn.token;
  }

  /** The token of a signed-in agent in `role`, for the relay's APIs kept to that role. */
  roleToken(role: 'supervisor' | 'admin', refusal: string, whenMissing: string): string {
    this.requireRole(role, refusal);
    return this.signInToken(whenMissing);
  }

  requireConversation(id: string): Conversation {
    const conversation = this.cache.conversations.get(id);
    if (!conversation) throw new ApiFailure('not_found', `There is no conversation ${id} on this workstation.`);
    return conversation;
  }

  /** The conversation as the agent sees it, with its insight. */
  requireShownConversation(id: string): LocalConversation {
    const conversation = this.cache.conversations.getShown(id);
    if (!conversation) throw new ApiFailure('not_found', `There is no conversation ${id} on this workstation.`);
    return conversation;
  }

  requireMessage(id: string): LocalMessage {
    const message = this.cache.messages.get(id);
    if (!message) throw new ApiFailure('not_found', `There is no message ${id} on this workstation.`);
    return message;
  }
}
