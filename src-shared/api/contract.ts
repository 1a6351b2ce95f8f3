import { z } from 'zod';
import { adminMethods } from './admin.js';
import { agentsMethods } from './agents.js';
import { callsEvents, callsMethods } from './calls.js';
import { channelAccountsMethods } from './channel-accounts.js';
import { colleaguesMethods } from './colleagues.js';
import { connectionEvents } from './connection.js';
import { conversationsEvents, conversationsMethods } from './conversations.js';
import { customersEvents, customersMethods } from './customers.js';
import { emailMethods } from './email.js';
import { deviceMethods } from './device.js';
import { desktopEvents, desktopMethods } from './desktop.js';
import { filesMethods } from './files.js';
import { articlesEvents, kbMethods } from './kb.js';
import { messagesEvents, messagesMethods } from './messages.js';
import { modelsEvents, modelsMethods } from './models.js';
import { notesMethods } from './notes.js';
import { noticesEvents, noticesMethods } from './notices.js';
import { phoneMethods } from './phone.js';
import { presenceEvents, presenceMethods } from './presence.js';
import { privacyMethods } from './privacy.js';
import { repliesMethods } from './replies.js';
import { reportsMethods } from './reports.js';
import { sessionEvents, sessionMethods } from './session.js';
import { supervisorMethods } from './supervisor.js';
import { translationMethods } from './translation.js';
import { twoFactorMethods } from './two-factor.js';
import { viewsEvents, viewsMethods } from './views.js';
import { workEvents, workMethods } from './work.js';

export { PendingWrapUp } from './calls.js';
export { Connection, ConnectionState } from './connection.js';
export { ConversationListFilter } from './conversations.js';
export { ShownSuggestion } from './customers.js';
export { ArticleDraftState, ArticleHit, ArticleHitMatch, CannedReplyChoice, RegionalNote } from './kb.js';
export { ConversationInsight, LocalConversation, LocalMessage, MessageTranslation, SENTIMENTS, Sentiment } from './local-records.js';
export { AutoFetchStatus, ModelBudget, ModelFailure, ModelInfo, ModelNeed, ModelSource } from './models.js';
export { Notice, NoticeKind } from './notices.js';
export { TranslationOutcome } from './translation.js';
export { OfferedConversation, WaitingWork } from './work.js';
export { ConversationCriteria, FilterChoices, InboxView, SavedFilter, SlaFilterState, SLA_FILTER_STATES, ViewCounts } from './views.js';

/**
 * The renderer <-> core contract. Both hosts (Electron IPC, the web host's WebSocket) carry
 * exactly these methods and events, and both parse every request with these schemas.
 * Each namespace's methods and events live in the file named for it (`session.*` in session.ts);
 * `connection.changed` sits with the Connection schema, `articles.changed` with the knowledge base.
 */

export const methods = {
  ...sessionMethods,
  ...presenceMethods,
  ...conversationsMethods,
  ...notesMethods,
  ...colleaguesMethods,
  ...noticesMethods,
  ...messagesMethods,
  ...translationMethods,
  ...callsMethods,
  ...phoneMethods,
  ...kbMethods,
  ...modelsMethods,
  ...supervisorMethods,
  ...agentsMethods,
  ...reportsMethods,
  ...adminMethods,
  ...privacyMethods,
  ...channelAccountsMethods,
  ...customersMethods,
  ...repliesMethods,
  ...filesMethods,
  ...emailMethods,
  ...deviceMethods,
  ...twoFactorMethods,
  ...workMethods,
  ...desktopMethods,
  ...viewsMethods,
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;

export const events = {
  ...conversationsEvents,
  ...messagesEvents,
  ...connectionEvents,
  ...sessionEvents,
  ...presenceEvents,
  ...noticesEvents,
  ...modelsEvents,
  ...articlesEvents,
  ...callsEvents,
  ...customersEvents,
  ...workEvents,
  ...desktopEvents,
  ...viewsEvents,
} as const;

export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

// ---- envelopes ----

export const ApiErrorCode = z.enum(['bad_request', 'unknown_method', 'not_signed_in', 'not_found', 'forbidden', 'unauthorized', 'unavailable', 'internal']);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;
export const ApiError = z.object({ code: ApiErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Web host frames; Electron carries the same request/result through ipcRenderer.invoke. */
export const ApiRequestFrame = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  params: z.unknown(),
});
export type ApiRequestFrame = z.infer<typeof ApiRequestFrame>;
export type ApiResultFrame = { type: 'result'; id: number; result: ApiResult<unknown> };
export type ApiEventFrame = { type: 'event'; event: EventName; payload: unknown };

/** The object the renderer gets from either host (window.workstation or the web bridge). */
export interface WorkstationBridge {
  invoke<M extends MethodName>(method: M, params: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Electron IPC channel names, kept in one place. */
export const IPC_INVOKE_CHANNEL = 'workstation:invoke';
export const IPC_EVENT_CHANNEL = 'workstation:event';
