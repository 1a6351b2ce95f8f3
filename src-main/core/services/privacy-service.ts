import type { z } from 'zod';
import { methods } from '../../../src-shared/api/contract.js';
import {
  ExportLink,
  PRIVACY_ACCESS_PATH,
  PRIVACY_REQUESTS_PATH,
  PRIVACY_TEAM_PATH,
  PrivacyAccess,
  PrivacyRegister,
  PrivacyRequestDetail,
  PrivacyTeam,
  privacyExportLinkPath,
  privacyExportsPath,
  privacyRequestPath,
} from '../../../src-shared/protocol/privacy.js';
import { HttpError } from '../../../src-shared/protocol/auth.js';
import { isOpenRequest } from '../../../src-shared/privacy/privacy-requests.js';
import { relayHttpAddress } from '../../sync/relay-address.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { requestAdminRead, sendAdminChange } from '../relay-http.js';
import type { Guards } from './guards.js';

/** The largest bundle a desk takes through its api (base64 in one message); a bigger one is said so. */
const DOWNLOAD_MAX_BYTES = 64 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** The privacy register's methods: straight to the relay with the signed-in agent's token; the relay decides who may do what. */
export function privacyHandlers(relayUrl: string, guards: Guards): NamespaceHandlers<'privacy'> {
  const token = () => guards.signInToken('Sign in again to work with privacy requests.');
  const read = <T>(path: string, schema: z.ZodType<T>, what: string) => requestAdminRead(relayUrl, token(), path, schema, what);
  const change = async <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => {
    const answer = await sendAdminChange(relayUrl, token(), { method, path, body });
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ApiFailure('unavailable', 'The relay answered with something this workstation does not understand.');
    return parsed.data;
  };
  return {
    'privacy.access': () => read(PRIVACY_ACCESS_PATH, PrivacyAccess, 'The privacy register'),
    'privacy.register': async ({ openOnly }) => {
      const register = await read(PRIVACY_REQUESTS_PATH, PrivacyRegister, 'The privacy register');
      return openOnly ? { ...register, requests: register.requests.filter((r) => isOpenRequest(r.status)) } : register;
    },
    'privacy.request': ({ requestId }) => read(privacyRequestPath(requestId), PrivacyRequestDetail, 'The privacy request'),
    'privacy.open': (request) => change('POST', PRIVACY_REQUESTS_PATH, request, methods['privacy.open'].output),
    'privacy.update': ({ requestId, update }) => change('PATCH', privacyRequestPath(requestId), update, methods['privacy.update'].output),
    'privacy.export': ({ requestId }) => change('POST', privacyExportsPath(requestId), {}, methods['privacy.export'].output),
    'privacy.download': async ({ exportId }) => {
      const link = await change('POST', privacyExportLinkPath(exportId), {}, ExportLink);
      return download(relayUrl, link);
    },
    'privacy.team': () => read(PRIVACY_TEAM_PATH, PrivacyTeam, 'The privacy team'),
    'privacy.setTeam': async (grant) => {
      await sendAdminChange(relayUrl, token(), { method: 'PUT', path: PRIVACY_TEAM_PATH, body: grant });
      return {};
    },
  };
}

/** GET the bundle through its link, as anyone holding the link would (no token: the link is the permission). */
async function download(relayUrl: string, link: ExportLink): Promise<{ filename: string; bytes: string }> {
  let response: Response;
  try {
    const [path = '', query = ''] = link.path.split('?');
    response = await fetch(`${relayHttpAddress(relayUrl, path)}?${query}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new ApiFailure('unavailable', `The export needs the relay, which cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const refusal = HttpError.safeParse(await response.json().catch(() => null));
    throw new ApiFailure(response.status === 404 ? 'not_found' : 'unavailable', refusal.success ? refusal.data.error.message : `The relay did not give the export (HTTP ${response.status}).`);
  }
  if (Number(response.headers.get('content-length') ?? 0) > DOWNLOAD_MAX_BYTES) {
    await response.body?.cancel();
    throw new ApiFailure('bad_request', `This export is larger than ${DOWNLOAD_MAX_BYTES / 1024 / 1024} MB: download it from the relay with its link (${link.path}) before ${new Date(link.expiresAt).toISOString()}.`);
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'privacy-export.zip';
  return { filename, bytes: Buffer.from(await response.arrayBuffer()).toString('base64') };
}
