import { createHash, randomBytes } from 'node:crypto';
import type { MethodOutput, MethodParams } from '../../../src-shared/api/contract.js';
import type { Agent, AwayReason, Presence } from '../../../src-shared/domain/model.js';
import type { LoginResponse } from '../../../src-shared/protocol/auth.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { recordPresence } from '../../sync/mutations/presence-changes.js';
import { LOGOUT_EVERYWHERE_PATH } from '../../../src-shared/protocol/account-access.js';
import { ssoStartPath } from '../../../src-shared/protocol/single-sign-on.js';
import { relayHttpAddress } from '../../sync/relay-address.js';
import { requestLogin, requestSsoExchange, requestSsoProviders, revokeToken, sendAdminChange } from '../relay-http.js';
import type { CoreParts } from './core-parts.js';
import type { Guards, Lifecycle } from './guards.js';

export type SessionHandlers = NamespaceHandlers<'session' | 'presence'>;

type SessionParts = Pick<CoreParts, 'cache' | 'sync' | 'events' | 'relayUrl' | 'log'>;

/**
 * Who is signed in on this desk, their presence, and whether the workstation still answers:
 * the one owner of that state, which the other services ask through the guards.
 */
export class Session implements Lifecycle {
  /** What the relay last said about this agent, or what the agent chose. */
  private presence: Presence = 'offline';
  private closed = false;
  /** An administrator's sign-in whose company requires two-factor sign-in, until they set it up. */
  private waitingForTwoFactor: LoginResponse | null = null;
  /**
   * The secret of the single sign-on under way, in memory only: the browser carries its hash, and
   * only this desk, holding the secret, can fetch the token once the browser has signed in.
   */
  private ssoVerifier: string | null = null;

  constructor(private readonly parts: SessionParts) {}

  isClosed(): boolean {
    return this.closed;
  }

  /** From now on the api answers 'unavailable'; false when it already did. */
  close(): boolean {
    if (this.closed) return false;
    this.closed = true;
    return true;
  }

  /** With a stored, unexpired sign-in, starts syncing at once; says whether it did. */
  resume(): boolean {
    const { cache, sync } = this.parts;
    const signIn = cache.session.signIn();
    if (!signIn) return false;
    if (signIn.expiresAt <= Date.now()) {
      cache.session.clearToken();
      return false;
    }
    this.presence = cache.session.presence();
    sync.start();
    return true;
  }

  async login(params: MethodParams<'session.login'>): Promise<MethodOutput<'session.login'>> {
    this.waitingForTwoFactor = null;
    const response = await requestLogin(this.parts.relayUrl, params);
    if (response === 'code_required') return { agent: null, twoFactor: 'code_required' };
    if (response.twoFactor === 'enrolment_required') {
      // Kept in memory only: the token serves for nothing but setting two-factor sign-in up.
      this.waitingForTwoFactor = response;
      return { agent: null, twoFactor: 'enrolment_required' };
    }
    await this.adopt(response);
    return { agent: response.agent, twoFactor: null };
  }

  async ssoProviders(): Promise<MethodOutput<'session.ssoProviders'>> {
    try {
      return await requestSsoProviders(this.parts.relayUrl);
    } catch (error) {
      // The password form still works: the screen only goes without the SSO buttons.
      this.parts.log('Could not read the single sign-on providers.', error);
      return { providers: [] };
    }
  }

  ssoStart(params: MethodParams<'session.ssoStart'>): MethodOutput<'session.ssoStart'> {
    const verifier = randomBytes(32).toString('base64url');
    this.ssoVerifier = verifier;
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    return { url: `${relayHttpAddress(this.parts.relayUrl, ssoStartPath(params.tenantId))}?desk=${challenge}` };
  }

  async ssoFinish(): Promise<MethodOutput<'session.ssoFinish'>> {
    const verifier = this.ssoVerifier;
    if (!verifier) throw new ApiFailure('not_signed_in', 'No single sign-on is under way; start again.');
    let response: LoginResponse | 'pending';
    try {
      response = await requestSsoExchange(this.parts.relayUrl, verifier);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'unauthorized') this.ssoVerifier = null;
      throw error;
    }
    if (response === 'pending') return { agent: null };
    this.ssoVerifier = null;
    await this.adopt(response);
    return { agent: response.agent };
  }

  /** The token for the relay's two-factor routes: a sign-in waiting for its setup, else this desk's. */
  twoFactorToken(): string | null {
    return this.waitingForTwoFactor?.token ?? this.parts.cache.session.signIn()?.token ?? null;
  }

  /** Completes a sign-in that waited for two-factor sign-in to be set up (its token now serves for everything). */
  async finishTwoFactor(): Promise<Agent> {
    const waiting = this.waitingForTwoFactor;
    if (!waiting) throw new ApiFailure('not_signed_in', 'No sign-in is waiting for two-factor setup; sign in again.');
    this.waitingForTwoFactor = null;
    await this.adopt({ ...waiting, twoFactor: undefined });
    return waiting.agent;
  }

  async logout(): Promise<MethodOutput<'session.logout'>> {
    const { cache, sync, events, relayUrl, log } = this.parts;
    const signIn = cache.session.signIn();
    if (!signIn) return {};
    const waiting = cache.outbox.count();
    if (waiting > 0) {
      throw new ApiFailure('unavailable', `${describeWaiting(waiting)}. Stay signed in until the relay has them, or they would be stranded here.`);
    }
    // Signed out here, before anything waits: from now on nothing can be queued in this agent's
    // name (OutboxStore.enqueue), so background work finishing meanwhile cannot strand a change.
    cache.session.clearToken();
    // Stop before revoking: a revoked token would otherwise end the live connection as an "expired session".
    await sync.stop();
    await revokeToken(relayUrl, signIn.token, log);
    events.emit('session.changed', { agent: null });
    return {};
  }

  async logoutEverywhere(): Promise<MethodOutput<'session.logoutEverywhere'>> {
    const { cache, sync, events, relayUrl } = this.parts;
    const signIn = cache.session.signIn();
    if (!signIn) return {};
    const waiting = cache.outbox.count();
    if (waiting > 0) {
      throw new ApiFailure('unavailable', `${describeWaiting(waiting)}. Stay signed in until the relay has them, or they would be stranded here.`);
    }
    cache.session.clearToken();
    await sync.stop();
    try {
      await sendAdminChange(relayUrl, signIn.token, { method: 'POST', path: LOGOUT_EVERYWHERE_PATH, body: {} });
    } catch (error) {
      // Nothing was revoked: this desk carries on as it was.
      cache.session.saveSignIn(signIn);
      sync.start();
      throw error;
    }
    events.emit('session.changed', { agent: null });
    return {};
  }

  state(): MethodOutput<'session.get'> {
    const agent = this.parts.cache.session.signIn()?.agent ?? null;
    return { agent, presence: agent ? this.presence : 'offline', connection: this.parts.sync.connection() };
  }

  setPresence(params: MethodParams<'presence.set'>): MethodOutput<'presence.set'> {
    recordPresence(this.parts.cache, params.presence, params.reason ?? null, Date.now());
    this.presenceReported(params.presence, params.presence === 'away' ? (params.reason ?? null) : null);
    this.parts.sync.outboxChanged();
    return { presence: params.presence };
  }

  /** Sync has stopped already; the cache and outbox stay for the next sign-in of the same agent. */
  expired(reason: string): void {
    this.parts.log(`The relay ended the session: ${reason}`);
    this.parts.cache.session.clearToken();
    this.parts.events.emit('session.changed', { agent: null });
  }

  presenceReported(presence: Presence, reason: AwayReason | null = null, until: number | null = null): void {
    this.presence = presence;
    this.parts.events.emit('presence.changed', { presence, reason, until });
  }

  /** Makes the cache the signed-in agent's: kept for the same agent, emptied for another. */
  private async adopt(response: LoginResponse): Promise<void> {
    const { cache, sync, events } = this.parts;
    const owner = cache.session.cachedAgent();
    const otherAgent = owner !== null && !isSameAgent(owner, response.agent);
    if (otherAgent) await this.refuseWhileChangesWait(owner, response.token);
    await sync.stop();
    if (otherAgent) cache.wipeAgentData();
    cache.session.saveSignIn({ token: response.token, expiresAt: response.expiresAt, agent: response.agent });
    this.presence = cache.session.presence();
    events.emit('session.changed', { agent: response.agent });
    sync.start();
  }

  /** Another agent's unsent replies would be lost with the cache; they must be delivered first. */
  private async refuseWhileChangesWait(owner: Agent, newToken: string): Promise<void> {
    const waiting = this.parts.cache.outbox.count();
    if (waiting === 0) return;
    await revokeToken(this.parts.relayUrl, newToken, this.parts.log);
    throw new ApiFailure(
      'unavailable',
      `${describeWaiting(waiting)} by ${owner.name} (${owner.email}) on this workstation. ` +
        `Sign in as ${owner.email} so they can be delivered before another agent uses it.`,
    );
  }
}

/** Signing in and out, and the agent's own presence. */
export function sessionHandlers(session: Session, guards: Guards): SessionHandlers {
  /** Every session method but presence works signed out too; none while the workstation closes. */
  const whenOpen = <T>(work: () => T): T => {
    guards.requireOpen();
    return work();
  };
  return {
    'session.login': async (params) => whenOpen(() => session.login(params)),
    'session.logout': async () => whenOpen(() => session.logout()),
    'session.logoutEverywhere': async () => whenOpen(() => session.logoutEverywhere()),
    'session.ssoProviders': async () => whenOpen(() => session.ssoProviders()),
    'session.ssoStart': async (params) => whenOpen(() => session.ssoStart(params)),
    'session.ssoFinish': async () => whenOpen(() => session.ssoFinish()),
    'session.get': async () => whenOpen(() => session.state()),
    'presence.set': async (params) => {
      guards.requireAgent();
      return session.setPresence(params);
    },
  };
}

function isSameAgent(a: Agent, b: Agent): boolean {
  return a.id === b.id && a.tenantId === b.tenantId;
}

function describeWaiting(count: number): string {
  return count === 1 ? '1 reply or change is waiting to be sent' : `${count} replies and changes are waiting to be sent`;
}
