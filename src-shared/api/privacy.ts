import { z } from 'zod';
import { Id } from '../domain/model.js';
import { NewPrivacyRequest, PrivacyExport, PrivacyRequest, PrivacyRequestUpdate } from '../privacy/privacy-requests.js';
import { OpenedPrivacyRequest, PrivacyAccess, PrivacyRegister, PrivacyRequestDetail, PrivacyTeam, PrivacyTeamChange } from '../protocol/privacy.js';
import { Empty } from './method-shapes.js';

/**
 * The register of data subject requests (docs/privacy.md), online only, straight to the relay
 * with the signed-in agent's token: the relay decides who may do what.
 */
export const privacyMethods = {
  /** Whether this account may use the register (the Privacy requests screen). */
  'privacy.access': { input: Empty, output: PrivacyAccess },
  /** The register, soonest due first, and the reminders told. */
  'privacy.register': { input: z.object({ openOnly: z.boolean() }).strict(), output: PrivacyRegister },
  'privacy.request': { input: z.object({ requestId: Id }).strict(), output: PrivacyRequestDetail },
  /** Any agent, from a conversation they may act on; the privacy team, for any customer. */
  'privacy.open': { input: NewPrivacyRequest, output: OpenedPrivacyRequest },
  'privacy.update': { input: z.object({ requestId: Id, update: PrivacyRequestUpdate }).strict(), output: PrivacyRequest },
  /** Makes the customer's bundle for an access or portability request. */
  'privacy.export': { input: z.object({ requestId: Id }).strict(), output: PrivacyExport },
  /** The bundle's bytes, fetched by the core through the relay's expiring link, to save as a file. */
  'privacy.download': { input: z.object({ exportId: Id }).strict(), output: z.object({ filename: z.string(), bytes: z.base64() }) },
  /** Administrators: who holds the privacy capability, and granting or revoking it. */
  'privacy.team': { input: Empty, output: PrivacyTeam },
  'privacy.setTeam': { input: PrivacyTeamChange, output: Empty },
} as const;
