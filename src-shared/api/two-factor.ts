import { z } from 'zod';
import { TwoFactorCode, TwoFactorConfirmation, TwoFactorEnrolment, TwoFactorStatus } from '../protocol/two-factor.js';
import { Agent } from '../domain/model.js';
import { Empty } from './method-shapes.js';

/**
 * The agent's own two-factor sign-in, through the relay. While an administrator whose company
 * requires it signs in without it, these serve the sign-in that waits for it (`session.login`
 * answered `enrolment_required`); `twoFactor.finish` then completes that sign-in.
 */
export const twoFactorMethods = {
  'twoFactor.status': { input: Empty, output: TwoFactorStatus },
  'twoFactor.enrol': { input: Empty, output: TwoFactorEnrolment },
  'twoFactor.confirm': { input: z.object({ code: TwoFactorCode }).strict(), output: TwoFactorConfirmation },
  'twoFactor.disable': { input: z.object({ code: TwoFactorCode }).strict(), output: Empty },
  'twoFactor.finish': { input: Empty, output: z.object({ agent: Agent }) },
} as const;
