import { z } from 'zod';

/** The relay's two-factor routes (docs/privacy.md, "Sign-in"). */
export const TWO_FACTOR_PATH = '/api/two-factor';
export const TWO_FACTOR_ENROLMENT_PATH = '/api/two-factor/enrolment';
export const TWO_FACTOR_CONFIRMATION_PATH = '/api/two-factor/confirmation';
export const TWO_FACTOR_REMOVAL_PATH = '/api/two-factor/removal';
export const TWO_FACTOR_POLICY_PATH = '/api/admin/two-factor-policy';

/** A 6-digit TOTP code, or a recovery code (`xxxx-xxxx`). */
export const TwoFactorCode = z.string().trim().min(6).max(20);

export const TwoFactorStatus = z.object({ enabled: z.boolean(), required: z.boolean() });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/** Returned once, when an enrolment starts; the relay never shows the secret again. */
export const TwoFactorEnrolment = z.object({ secret: z.string().regex(/^[A-Z2-7]+=*$/), uri: z.string().startsWith('otpauth://totp/') });
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolment>;

export const TwoFactorCodeRequest = z.object({ code: TwoFactorCode }).strict();
export type TwoFactorCodeRequest = z.infer<typeof TwoFactorCodeRequest>;

export const TwoFactorConfirmation = z.object({ recoveryCodes: z.array(z.string()).min(1) });
export type TwoFactorConfirmation = z.infer<typeof TwoFactorConfirmation>;

export const TwoFactorPolicy = z.object({ adminsNeedTwoFactor: z.boolean() }).strict();
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;
