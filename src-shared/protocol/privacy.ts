import { z } from 'zod';
import { Id, Timestamp } from '../domain/model.js';
import { PrivacyExport, PrivacyReminder, PrivacyRequest } from '../privacy/privacy-requests.js';
import { PrivacyRegime } from '../privacy/request-deadlines.js';

/** The relay's HTTP routes of the privacy register (src-relay/privacy/privacy-routes.ts); every body is one of these. */
export const PRIVACY_ACCESS_PATH = '/api/privacy/access';
export const PRIVACY_REQUESTS_PATH = '/api/privacy/requests';
export const PRIVACY_TEAM_PATH = '/api/privacy/team';
export const privacyRequestPath = (requestId: string) => `${PRIVACY_REQUESTS_PATH}/${encodeURIComponent(requestId)}`;
export const privacyExportsPath = (requestId: string) => `${privacyRequestPath(requestId)}/exports`;
export const privacyExportLinkPath = (exportId: string) => `/api/privacy/exports/${encodeURIComponent(exportId)}/link`;
export const PRIVACY_DOWNLOAD_PREFIX = '/api/privacy/exports';

/** Whether the signed-in account may use the register (administrators, and those granted the privacy capability). */
export const PrivacyAccess = z.object({ privacy: z.boolean() });
export type PrivacyAccess = z.infer<typeof PrivacyAccess>;

export const PrivacyRegister = z.object({
  requests: z.array(PrivacyRequest),
  /** Reminders the relay's timer told, newest first. */
  reminders: z.array(PrivacyReminder),
});
export type PrivacyRegister = z.infer<typeof PrivacyRegister>;

export const PrivacyRequestDetail = z.object({ request: PrivacyRequest, exports: z.array(PrivacyExport) });
export type PrivacyRequestDetail = z.infer<typeof PrivacyRequestDetail>;

/** What opening a request answers, to anyone who may open one (an agent from a conversation reads no more of the register). */
export const OpenedPrivacyRequest = z.object({ id: Id, regime: PrivacyRegime, dueAt: Timestamp });
export type OpenedPrivacyRequest = z.infer<typeof OpenedPrivacyRequest>;

/** A download link: a path on the relay, signed, valid until `expiresAt`. */
export const ExportLink = z.object({ path: z.string().startsWith(PRIVACY_DOWNLOAD_PREFIX), expiresAt: Timestamp });
export type ExportLink = z.infer<typeof ExportLink>;

export const PrivacyTeam = z.object({ holderIds: z.array(Id) });
export type PrivacyTeam = z.infer<typeof PrivacyTeam>;
export const PrivacyTeamChange = z.object({ agentId: Id, privacy: z.boolean() }).strict();
export type PrivacyTeamChange = z.infer<typeof PrivacyTeamChange>;
