import { z } from 'zod';

/** The kinds of personal data the detector finds, and a company's masking policy names. */
export const PERSONAL_DATA_KINDS = ['card', 'iban', 'phone', 'email', 'aadhaar', 'cpf', 'cn_resident_id', 'th_citizen_id', 'us_ssn', 'passport'] as const;
export const PersonalDataKind = z.enum(PERSONAL_DATA_KINDS);
export type PersonalDataKind = z.infer<typeof PersonalDataKind>;
