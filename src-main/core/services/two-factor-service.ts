import type { z } from 'zod';
import { methods } from '../../../src-shared/api/contract.js';
import { TWO_FACTOR_CONFIRMATION_PATH, TWO_FACTOR_ENROLMENT_PATH, TWO_FACTOR_PATH, TWO_FACTOR_REMOVAL_PATH } from '../../../src-shared/protocol/two-factor.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { sendAdminChange } from '../relay-http.js';
import type { Session } from './session-service.js';

export type TwoFactorHandlers = NamespaceHandlers<'twoFactor'>;

/** The agent's two-factor sign-in: straight to the relay with the agent's token, online only. */
export function twoFactorHandlers(relayUrl: string, session: Session): TwoFactorHandlers {
  const token = () => {
    const current = session.twoFactorToken();
    if (!current) throw new ApiFailure('not_signed_in', 'Sign in first to set up two-factor sign-in.');
    return current;
  };
  const ask = async <T>(schema: z.ZodType<T>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const parsed = schema.safeParse(await sendAdminChange(relayUrl, token(), { method, path, body }));
    if (!parsed.success) throw new ApiFailure('unavailable', 'The relay answered with something this workstation does not understand.');
    return parsed.data;
  };
  return {
    'twoFactor.status': () => ask(methods['twoFactor.status'].output, 'GET', TWO_FACTOR_PATH),
    'twoFactor.enrol': () => ask(methods['twoFactor.enrol'].output, 'POST', TWO_FACTOR_ENROLMENT_PATH, {}),
    'twoFactor.confirm': (code) => ask(methods['twoFactor.confirm'].output, 'POST', TWO_FACTOR_CONFIRMATION_PATH, code),
    'twoFactor.disable': async (code) => {
      await sendAdminChange(relayUrl, token(), { method: 'POST', path: TWO_FACTOR_REMOVAL_PATH, body: code });
      return {};
    },
    'twoFactor.finish': async () => ({ agent: await session.finishTwoFactor() }),
  };
}
