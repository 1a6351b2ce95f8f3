import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../src-shared/domain/model.js';
import { Cache } from '../../store/cache.js';
import { sampleAgent } from '../../store/testing/records.js';
import { ApiFailure } from '../api-router.js';
import { Guards } from './guards.js';

describe('Guards', () => {
  let cache: Cache;
  let closed: boolean;
  let guards: Guards;

  beforeEach(() => {
    cache = Cache.open(':memory:');
    closed = false;
    guards = new Guards(cache, { isClosed: () => closed });
  });

  afterEach(() => cache.close());

  const signIn = (role: Role) => cache.session.saveSignIn({ token: `token-${role}`, expiresAt: Date.now() + 60_000, agent: sampleAgent({ role }) });
  const refusal = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      return error instanceof ApiFailure ? { code: error.code, message: error.message } : error;
    }
    return null;
  };

  it('asks the session whether the workstation still answers, before anything else', () => {
    signIn('admin');
    closed = true;
    expect(refusal(() => guards.requireAgent())).toEqual({ code: 'unavailable', message: 'The workstation is shutting down.' });
    expect(refusal(() => guards.roleToken('admin', 'no', 'again'))).toMatchObject({ code: 'unavailable' });
  });

  it('lets supervisors and administrators through as supervisors, and administrators only as administrators', () => {
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      signIn(role);
      expect(refusal(() => guards.roleToken('supervisor', 'supervisors only', 'again'))).toEqual(role === 'agent' ? { code: 'forbidden', message: 'supervisors only' } : null);
      expect(refusal(() => guards.roleToken('admin', 'admins only', 'again'))).toEqual(role === 'admin' ? null : { code: 'forbidden', message: 'admins only' });
    }
    expect(guards.roleToken('admin', 'admins only', 'again')).toBe('token-admin');
  });

  it('says who must sign in, and what is not on this workstation', () => {
    expect(refusal(() => guards.requireAgent())).toEqual({ code: 'not_signed_in', message: 'Sign in to work with conversations.' });
    expect(refusal(() => guards.signInToken('Sign in again to use the phone.'))).toEqual({ code: 'not_signed_in', message: 'Sign in again to use the phone.' });
    expect(refusal(() => guards.requireConversation('c-9'))).toEqual({ code: 'not_found', message: 'There is no conversation c-9 on this workstation.' });
    expect(refusal(() => guards.requireShownConversation('c-9'))).toMatchObject({ code: 'not_found' });
    expect(refusal(() => guards.requireMessage('m-9'))).toEqual({ code: 'not_found', message: 'There is no message m-9 on this workstation.' });
  });
});
