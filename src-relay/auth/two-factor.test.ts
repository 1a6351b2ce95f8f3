import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, LoginResponse } from '../../src-shared/protocol/auth.js';
import { TwoFactorConfirmation, TwoFactorEnrolment, TwoFactorStatus } from '../../src-shared/protocol/two-factor.js';
import { startRelay, type RunningRelay } from '../server.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { seedDatabase, TEST_PASSWORD, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

describe('two-factor sign-in', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let clock = 1_800_000_000_000;

  beforeAll(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath);
    relay = await startRelay({ dbPath: temp.dbPath, now: () => clock });
  });
  afterAll(async () => {
    await relay.close();
    await temp.remove();
  });

  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    fetch(`${relay.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const login = (email: string, code?: string) => call('POST', '/api/login', null, { email, password: TEST_PASSWORD, ...(code === undefined ? {} : { code }) });
  const codeOf = (secret: string, at = clock) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });
  async function errorOf(response: Response): Promise<{ status: number; code: string }> {
    return { status: response.status, code: HttpError.parse(await response.json()).error.code };
  }
  async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    const enrolment = TwoFactorEnrolment.parse(await (await call('POST', '/api/two-factor/enrolment', token)).json());
    const confirmed = await call('POST', '/api/two-factor/confirmation', token, { code: codeOf(enrolment.secret) });
    expect(confirmed.status).toBe(200);
    return { secret: enrolment.secret, recoveryCodes: TwoFactorConfirmation.parse(await confirmed.json()).recoveryCodes };
  }

  it('enrols with a confirming code, then signs in with a code once per time step, or a recovery code once', async () => {
    const { token } = LoginResponse.parse(await (await login('ann@acme.test')).json());
    expect(TwoFactorStatus.parse(await (await call('GET', '/api/two-factor', token)).json())).toEqual({ enabled: false, required: false });

    const enrolment = TwoFactorEnrolment.parse(await (await call('POST', '/api/two-factor/enrolment', token)).json());
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(await errorOf(await call('POST', '/api/two-factor/confirmation', token, { code: '000000' }))).toEqual({ status: 400, code: 'invalid_code' });
    expect(await errorOf(await call('POST', '/api/two-factor/confirmation', token, { code: 'x' }))).toEqual({ status: 400, code: 'bad_request' });
    const confirmed = await call('POST', '/api/two-factor/confirmation', token, { code: codeOf(enrolment.secret) });
    const { recoveryCodes } = TwoFactorConfirmation.parse(await confirmed.json());
    expect(recoveryCodes).toHaveLength(10);
    expect(TwoFactorStatus.parse(await (await call('GET', '/api/two-factor', token)).json())).toEqual({ enabled: true, required: false });
    // The secret is never handed out again, and is kept sealed.
    expect(await errorOf(await call('POST', '/api/two-factor/enrolment', token))).toEqual({ status: 409, code: 'already_enabled' });
    const storage = await openRelayStorage(temp.dbPath);
    try {
      const record = await storage.signIns.twoFactorOf('ann');
      expect(record?.secretSealed).toMatch(/^v1\./);
      expect(record?.secretSealed).not.toContain(enrolment.secret);
    } finally {
      await storage.close();
    }

    expect(await errorOf(await login('ann@acme.test'))).toEqual({ status: 401, code: 'two_factor_required' });
    expect(await errorOf(await login('ann@acme.test', '123456'))).toEqual({ status: 401, code: 'invalid_code' });
    // The confirming code's time step is spent: the same code again is a replay.
    expect(await errorOf(await login('ann@acme.test', codeOf(enrolment.secret)))).toEqual({ status: 401, code: 'invalid_code' });
    clock += 30_000;
    const fresh = codeOf(enrolment.secret);
    expect((await login('ann@acme.test', fresh)).status).toBe(200);
    expect(await errorOf(await login('ann@acme.test', fresh))).toEqual({ status: 401, code: 'invalid_code' });

    expect((await login('ann@acme.test', recoveryCodes[0]!.toUpperCase())).status).toBe(200);
    expect(await errorOf(await login('ann@acme.test', recoveryCodes[0]!))).toEqual({ status: 401, code: 'invalid_code' });

    clock += 30_000;
    expect(await errorOf(await call('POST', '/api/two-factor/removal', token, { code: '000000' }))).toEqual({ status: 400, code: 'invalid_code' });
    expect((await call('POST', '/api/two-factor/removal', token, { code: codeOf(enrolment.secret) })).status).toBe(204);
    expect((await login('ann@acme.test')).status).toBe(200);
  });

  it('makes an administrator set it up first where the company requires it', async () => {
    const { token: before } = LoginResponse.parse(await (await login('root@acme.test')).json());
    expect((await call('PUT', '/api/admin/two-factor-policy', before, { adminsNeedTwoFactor: true })).status).toBe(200);
    const { token: bob } = LoginResponse.parse(await (await login('bob@acme.test')).json());
    expect(await errorOf(await call('PUT', '/api/admin/two-factor-policy', bob, { adminsNeedTwoFactor: false }))).toEqual({ status: 403, code: 'forbidden' });
    expect(TwoFactorStatus.parse(await (await call('GET', '/api/two-factor', bob)).json()).required).toBe(false);

    const signIn = LoginResponse.parse(await (await login('root@acme.test')).json());
    expect(signIn.twoFactor).toBe('enrolment_required');
    expect(await errorOf(await call('GET', '/api/admin/audit', signIn.token))).toEqual({ status: 401, code: 'unauthorized' });
    expect(TwoFactorStatus.parse(await (await call('GET', '/api/two-factor', signIn.token)).json())).toEqual({ enabled: false, required: true });
    const { secret } = await enrol(signIn.token);
    expect((await call('GET', '/api/admin/audit', signIn.token)).status).toBe(200);
    clock += 30_000;
    expect(await errorOf(await call('POST', '/api/two-factor/removal', signIn.token, { code: codeOf(secret) }))).toEqual({ status: 403, code: 'forbidden' });
    const audit = await (await call('GET', '/api/admin/audit', signIn.token)).json() as { entries: { action: string }[] };
    expect(audit.entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['settings.two_factor_changed', 'auth.two_factor_enabled']));
  });
});
