import type { z } from 'zod';
import { emailOriginalPath, EmailOriginalView } from '../../src-shared/protocol/email.js';
import type { ApiErrorCode } from '../../src-shared/api/contract.js';
import type { CsvReport } from '../../src-shared/api/reports.js';
import { ADMIN_SETTINGS_PATH, AdminSettings } from '../../src-shared/protocol/admin.js';
import { REVEAL_PATH, RevealResponse, type RevealRequest } from '../../src-shared/protocol/masking.js';
import { AUDIT_CSV_PATH, AUDIT_PATH, AuditPage, auditQueryString, type AuditFilters } from '../../src-shared/protocol/audit.js';
import { HttpError, LoginResponse, type LoginRequest } from '../../src-shared/protocol/auth.js';
import { SSO_EXCHANGE_PATH, SSO_PROVIDERS_PATH, SsoProviderList } from '../../src-shared/protocol/single-sign-on.js';
import { HistorySummary, LiveBoard, REPORT_SUMMARY_PATH, SUPERVISOR_LIVE_PATH } from '../../src-shared/protocol/supervisor.js';
import { TWILIO_TOKEN_PATH, TWILIO_TRANSFER_PATH, TwilioVoiceToken, type TwilioTransferRequest } from '../../src-shared/protocol/twilio-voice.js';
import { relayHttpAddress } from '../sync/relay-address.js';
import { ApiFailure } from './api-router.js';

const LOGIN_TIMEOUT_MS = 15_000;
const LOGOUT_TIMEOUT_MS = 3_000;

/** POST /api/login; every way it can go wrong becomes an ApiFailure the agent can act on. `code_required`: the right password, and the account asks for its second factor. */
export async function requestLogin(relayUrl: string, credentials: LoginRequest): Promise<LoginResponse | 'code_required'> {
  const response = await post(relayUrl, '/api/login', { body: JSON.stringify(credentials), timeoutMs: LOGIN_TIMEOUT_MS });
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 && HttpError.safeParse(body).data?.error.code === 'two_factor_required') return 'code_required';
  if (!response.ok) throw loginRefusal(response.status, body);
  const parsed = LoginResponse.safeParse(body);
  if (!parsed.success) throw new ApiFailure('unavailable', `The relay at ${relayUrl} answered the sign-in with something this workstation does not understand.`);
  return parsed.data;
}

/** GET /api/sso: the companies that sign in with their own provider. */
export async function requestSsoProviders(relayUrl: string): Promise<SsoProviderList> {
  const response = await fetch(relayHttpAddress(relayUrl, SSO_PROVIDERS_PATH), { signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS) });
  return parsedOrFail(SsoProviderList.safeParse(await response.json().catch(() => null)), 'The list of single sign-on providers');
}

/** POST /api/sso/exchange: the token of a single sign-on finished in the browser; `pending` while it is not. */
export async function requestSsoExchange(relayUrl: string, verifier: string): Promise<LoginResponse | 'pending'> {
  const response = await post(relayUrl, SSO_EXCHANGE_PATH, { body: JSON.stringify({ verifier }), timeoutMs: LOGIN_TIMEOUT_MS });
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 404 && HttpError.safeParse(body).data?.error.code === 'sso_pending') return 'pending';
  if (!response.ok) throw loginRefusal(response.status, body);
  const parsed = LoginResponse.safeParse(body);
  if (!parsed.success) throw new ApiFailure('unavailable', `The relay at ${relayUrl} answered the sign-in with something this workstation does not understand.`);
  return parsed.data;
}

/** POST /api/logout. Best effort: the token expires at the relay anyway, so a failure is only logged. */
export async function revokeToken(relayUrl: string, token: string, log: (message: string, error?: unknown) => void): Promise<void> {
  try {
    const response = await post(relayUrl, '/api/logout', { token, timeoutMs: LOGOUT_TIMEOUT_MS });
    if (!response.ok) log(`The relay answered the sign-out with HTTP ${response.status}.`);
  } catch (error) {
    log('Could not tell the relay about the sign-out.', error);
  }
}

const REPORT_TIMEOUT_MS = 10_000;

/** GET /api/supervisor/live with the agent's token: the supervisor's teams as they stand now. */
export async function requestLiveBoard(relayUrl: string, token: string): Promise<LiveBoard> {
  const body = await (await getWithToken(relayUrl, SUPERVISOR_LIVE_PATH, token, 'The live view')).json().catch(() => null);
  return parsedOrFail(LiveBoard.safeParse(body), 'The live view');
}

/** GET /api/reports/summary for a period, hours counted in `timeZone`. */
export async function requestHistory(relayUrl: string, token: string, period: { from: number; to: number; timeZone: string }): Promise<HistorySummary> {
  const query = new URLSearchParams({ from: String(period.from), to: String(period.to), timeZone: period.timeZone });
  const body = await (await getWithToken(relayUrl, REPORT_SUMMARY_PATH, token, 'The history', query)).json().catch(() => null);
  return parsedOrFail(HistorySummary.safeParse(body), 'The history');
}

/** GET one of the relay's CSV exports, as text. */
export async function requestCsv(relayUrl: string, token: string, report: CsvReport, period: { from: number; to: number }): Promise<string> {
  const query = new URLSearchParams({ from: String(period.from), to: String(period.to) });
  return (await getWithToken(relayUrl, `/api/reports/${report}.csv`, token, 'The export', query)).text();
}

/** GET /api/admin/audit: one page of the company's audit log. */
export async function requestAuditPage(relayUrl: string, token: string, filters: AuditFilters): Promise<AuditPage> {
  const body = await (await getWithToken(relayUrl, AUDIT_PATH, token, 'The audit log', new URLSearchParams(auditQueryString(filters)))).json().catch(() => null);
  return parsedOrFail(AuditPage.safeParse(body), 'The audit log');
}

/** GET /api/admin/audit.csv: the filtered audit log, as text. */
export async function requestAuditCsv(relayUrl: string, token: string, filters: AuditFilters): Promise<string> {
  return (await getWithToken(relayUrl, AUDIT_CSV_PATH, token, 'The audit export', new URLSearchParams(auditQueryString(filters)))).text();
}

/** GET /api/admin/settings: what the admin view edits. */
export async function requestAdminSettings(relayUrl: string, token: string): Promise<AdminSettings> {
  const body = await (await getWithToken(relayUrl, ADMIN_SETTINGS_PATH, token, 'The company settings')).json().catch(() => null);
  return parsedOrFail(AdminSettings.safeParse(body), 'The company settings');
}

/** GET the agent's Twilio Voice token; not_found when the relay has no Twilio account set up. */
export async function requestTwilioToken(relayUrl: string, token: string): Promise<TwilioVoiceToken> {
  let response: Response;
  try {
    response = await fetch(relayHttpAddress(relayUrl, TWILIO_TOKEN_PATH), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REPORT_TIMEOUT_MS) });
  } catch (error) {
    throw new ApiFailure('unavailable', `Phone calls through Twilio need the relay, which cannot be reached: ${describeFetchError(error)}`);
  }
  if (response.status === 404) throw new ApiFailure('not_found', 'Twilio Voice is not set up at the relay.');
  if (!response.ok) throw new ApiFailure(refusalCode(response.status), `The relay did not give a Twilio token (HTTP ${response.status}).`);
  return parsedOrFail(TwilioVoiceToken.safeParse(await response.json().catch(() => null)), 'The Twilio token');
}

/** POST a blind transfer of a Twilio call; the relay's refusal (Twilio's own, when Twilio refused) reaches the agent word for word. */
export async function requestTwilioTransfer(relayUrl: string, token: string, transfer: TwilioTransferRequest): Promise<void> {
  const response = await post(relayUrl, TWILIO_TRANSFER_PATH, { body: JSON.stringify(transfer), token, timeoutMs: REPORT_TIMEOUT_MS });
  if (response.ok) return;
  const refusal = HttpError.safeParse(await response.json().catch(() => null));
  throw new ApiFailure(refusalCode(response.status), refusal.success ? refusal.data.error.message : `The relay did not transfer the call (HTTP ${response.status}).`);
}

/** GET the mail behind an email message (src-relay/http/email-routes.ts). */
export async function requestEmailOriginal(relayUrl: string, token: string, messageId: string): Promise<EmailOriginalView> {
  const body = await (await getWithToken(relayUrl, emailOriginalPath(messageId), token, 'The original mail')).json().catch(() => null);
  return parsedOrFail(EmailOriginalView.safeParse(body), 'The original mail');
}

/** POST a reveal of one masked value (src-relay/http/masking-routes.ts); the relay audits it before answering. */
export async function requestReveal(relayUrl: string, token: string, request: RevealRequest): Promise<RevealResponse> {
  const response = await post(relayUrl, REVEAL_PATH, { body: JSON.stringify(request), token, timeoutMs: REPORT_TIMEOUT_MS });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = HttpError.safeParse(body);
    throw new ApiFailure(refusalCode(response.status), refusal.success ? refusal.data.error.message : `The relay did not reveal the value (HTTP ${response.status}).`);
  }
  return parsedOrFail(RevealResponse.safeParse(body), 'The masked value');
}

/** GET one of the relay's admin reads (`what` names it in errors), parsed with its schema. */
export async function requestAdminRead<T>(relayUrl: string, token: string, path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  const body = await (await getWithToken(relayUrl, path, token, what)).json().catch(() => null);
  return parsedOrFail(schema.safeParse(body), what);
}

/** A PUT, POST, PATCH or DELETE of an administrator's change; the relay's refusal reaches the administrator word for word. */
export async function sendAdminChange(relayUrl: string, token: string, change: { method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'; path: string; body: unknown }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(relayHttpAddress(relayUrl, change.path), {
      method: change.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(change.body),
      signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiFailure('unavailable', `The change needs the relay, which cannot be reached: ${describeFetchError(error)}`);
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return body;
  const refusal = HttpError.safeParse(body);
  const message = refusal.success ? refusal.data.error.message : `The relay refused the change (HTTP ${response.status}).`;
  throw new ApiFailure(refusalCode(response.status), message);
}

function refusalCode(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  return status === 400 || status === 409 ? 'bad_request' : 'unavailable';
}

async function getWithToken(relayUrl: string, path: string, token: string, what: string, query?: URLSearchParams): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${relayHttpAddress(relayUrl, path)}${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REPORT_TIMEOUT_MS) });
  } catch (error) {
    throw new ApiFailure('unavailable', `${what} needs the relay, which cannot be reached: ${describeFetchError(error)}`);
  }
  if (response.status === 403) throw new ApiFailure('forbidden', `${what} is for supervisors and administrators.`);
  if (!response.ok) throw new ApiFailure('unavailable', `The relay did not give ${what.toLowerCase()} (HTTP ${response.status}).`);
  return response;
}

function parsedOrFail<T>(parsed: { success: true; data: T } | { success: false }, what: string): T {
  if (!parsed.success) throw new ApiFailure('unavailable', `The relay answered ${what.toLowerCase()} with something this workstation does not understand.`);
  return parsed.data;
}

async function post(relayUrl: string, path: string, request: { body?: string; token?: string; timeoutMs: number }): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  try {
    return await fetch(relayHttpAddress(relayUrl, path), {
      method: 'POST',
      headers,
      body: request.body ?? '{}',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new ApiFailure('unavailable', `Cannot reach the relay at ${relayUrl}: ${describeFetchError(error)}`);
  }
}

function loginRefusal(status: number, body: unknown): ApiFailure {
  const parsed = HttpError.safeParse(body);
  const message = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
  // A throttled sign-in (429) says when to try again in its message: the agent reads it as is.
  if (status === 401 || status === 403 || status === 429) return new ApiFailure('unauthorized', message);
  if (status === 400) return new ApiFailure('bad_request', message);
  return new ApiFailure('unavailable', `The relay could not sign you in: ${message}`);
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'it did not answer in time';
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
