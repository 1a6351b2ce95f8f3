import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload, LocalConversation, LocalMessage, MethodOutput, MethodParams } from '../../src-shared/api/contract.js';
import { CALL_WITHOUT_NOTES, type Agent, type AwayReason, type Conversation, type Presence } from '../../src-shared/domain/model.js';
import type { LoginResponse } from '../../src-shared/protocol/auth.js';
import { HELP_ARTICLES_PATH } from '../../src-shared/protocol/help.js';
import { relayHttpAddress } from '../sync/relay-address.js';
import { Cache } from '../store/cache.js';
import { parseSearchTerms, snippetOf } from '../store/search-terms.js';
import { SyncClient, type SyncTiming } from '../sync/sync-client.js';
import { ApiEvents } from './api-events.js';
import { PLAIN_BOX, type SecretBox } from '../store/phone-settings-store.js';
import { adminHandlers } from './admin-api.js';
import { phoneConnectSources, phoneHandlers } from './phone-api.js';
import { ApiFailure, type ApiEventSource, type ApiHandlers } from './api-router.js';
import type { ModelManager } from '../ai/models/model-manager.js';
import { ArticleVectors } from '../kb/article-vectors.js';
import { KnowledgeBase } from '../kb/knowledge-base.js';
import { ServiceTools, type ServiceToolsFiles } from '../kb/service-tools.js';
import { LanguageFeatures, type LanguageFeaturesOptions } from './language-features.js';
import { SearchIndexer } from './search-indexer.js';
import { recordNote, recordReply, recordRetry } from '../sync/mutations/agent-messages.js';
import { recordArticleEdit } from '../sync/mutations/article-edits.js';
import { recordCall } from '../sync/mutations/call-logs.js';
import { recordAssignment, recordClaim, recordLabels, recordOfferAnswer, recordSignal, recordStatusChange } from '../sync/mutations/conversation-changes.js';
import { recordAgentPresence, recordPresence } from '../sync/mutations/presence-changes.js';
import { ConversationPositionSchema, decodePageCursor, encodePageCursor, MessagePositionSchema } from './page-cursor.js';
import { requestCsv, requestHistory, requestLiveBoard, requestLogin, revokeToken } from './relay-http.js';

export interface WorkstationOptions {
  /** The agent's SQLite cache; created if missing. */
  dbPath: string;
  /** e.g. 'http://127.0.0.1:8787'; the sync socket is derived from it (ws:, /sync). */
  relayUrl: string;
  log?: (message: string, error?: unknown) => void;
  /** Shorter timers for tests; defaults suit real networks. */
  syncTiming?: Partial<SyncTiming>;
  /** On-device translation, intent and sentiment; without it messages are shown as written. */
  language?: LanguageSetup;
  /** Regional service notes and canned replies; without them both lists are empty. */
  serviceTools?: ServiceToolsFiles;
  /** Seals the SIP password at rest (Electron: the OS keychain); absent, it is kept as typed. */
  secretBox?: SecretBox;
}

export type LanguageSetup = Pick<LanguageFeaturesOptions, 'launchInference' | 'installedModels' | 'createAnalyser'> & {
  /** The model manager behind the settings' model list; absent, the list is empty. */
  models?: ModelManager;
};

/** What the cache holds right now, for tests that look from outside (`Workstation.snapshot`). */
export interface CacheSnapshot {
  /** The highest relay log seq applied. */
  cursor: number;
  /** Local changes the relay has not acknowledged. */
  outboxCount: number;
  /** As shown: pending status changes laid over, newest activity first. */
  conversations: Conversation[];
  /** Every cached message, by conversation, oldest first. */
  messages: LocalMessage[];
}

type Params<M extends keyof ApiHandlers> = MethodParams<M>;
type Output<M extends keyof ApiHandlers> = Promise<MethodOutput<M>>;

/**
 * One agent's workstation core: the local cache, the sync client and the api contract over them.
 * Offline-first: everything reads from and writes to the cache; sync runs behind it.
 */
export class Workstation implements ApiEventSource {
  readonly handlers: ApiHandlers;
  private readonly events: ApiEvents;
  private readonly sync: SyncClient;
  private readonly indexer: SearchIndexer;
  private readonly language: LanguageFeatures | null;
  private readonly models: ModelManager | null;
  private readonly tools: ServiceTools | null;
  private readonly knowledge: KnowledgeBase;
  private readonly vectors: ArticleVectors | null;
  private readonly relayUrl: string;
  private readonly secretBox: SecretBox;
  private readonly log: (message: string, error?: unknown) => void;
  /** What the relay last said about this agent, or what the agent chose. */
  private presence: Presence = 'offline';
  private closed = false;

  private constructor(
    private readonly cache: Cache,
    options: WorkstationOptions,
  ) {
    this.relayUrl = options.relayUrl;
    this.secretBox = options.secretBox ?? PLAIN_BOX;
    this.log = options.log ?? ((message, error) => console.error(`[workstation] ${message}`, error ?? ''));
    this.events = new ApiEvents(this.log);
    this.sync = new SyncClient({
      relayUrl: options.relayUrl,
      cache,
      emit: (event, payload) => this.events.emit(event, payload),
      log: this.log,
      onSessionExpired: (reason) => this.sessionExpired(reason),
      onOwnPresence: ({ presence, reason, until }) => this.presenceReported(presence, reason, until),
      onCallFrame: (frame) => this.events.emit('calls.frame', frame),
      timing: options.syncTiming,
    });
    this.indexer = new SearchIndexer(cache.searchIndex, () => this.sync.isCatchingUp(), this.log);
    this.language = options.language ? this.startLanguageFeatures(cache, options.language) : null;
    this.models = options.language?.models ?? null;
    this.tools = options.serviceTools ? new ServiceTools(options.serviceTools, cache) : null;
    this.vectors = this.language ? new ArticleVectors(cache, this.language.embedder, this.log) : null;
    this.knowledge = new KnowledgeBase(cache, this.vectors);
    this.events.on('articles.changed', () => this.vectors?.kick());
    this.events.on('models.changed', () => this.vectors?.kick());
    this.models?.onChange(() => this.events.emit('models.changed', this.modelList()));
    this.models?.onInstall(() => this.language?.modelInstalled());
    this.events.on('messages.changed', () => {
      this.indexer.kick();
      this.language?.kick();
    });
    this.handlers = {
      'session.login': (p) => this.login(p),
      'session.logout': () => this.logout(),
      'session.get': () => this.sessionState(),
      'conversations.list': (p) => this.listConversations(p),
      'conversations.get': (p) => this.getConversation(p),
      'conversations.reply': (p) => this.reply(p),
      'conversations.setStatus': (p) => this.setStatus(p),
      'presence.set': (p) => this.setPresence(p),
      'conversations.claim': (p) => this.claim(p),
      'conversations.assign': (p) => this.reassign(p),
      'conversations.accept': (p) => this.answerOffer('conversation.accept', p.conversationId),
      'conversations.decline': (p) => this.answerOffer('conversation.decline', p.conversationId),
      'supervisor.live': () => this.liveBoard(),
      'reports.summary': (p) => this.history(p),
      'agents.setPresence': (p) => this.setAgentPresence(p),
      'reports.csv': (p) => this.exportCsv(p),
      ...adminHandlers(this.relayUrl, () => this.adminToken()),
      ...phoneHandlers({ cache, relayUrl: this.relayUrl, box: this.secretBox, agent: () => this.requireAgent(), token: () => this.signInToken('Sign in again to use the phone.') }),
      'conversations.setLabels': (p) => this.setLabels(p),
      'notes.add': (p) => this.addNote(p),
      'calls.log': (p) => this.logCall(p),
      'calls.send': (p) => this.sendCallFrame(p),
      'calls.awaitWrapUp': (p) => this.awaitWrapUp(p),
      'calls.pendingWrapUps': async () => ({ wrapUps: this.cache.pendingWrapUps.list(this.requireAgent().id) }),
      'calls.announce': async (p) => {
        this.events.emit('calls.ringing', p);
        return {};
      },
      'colleagues.list': () => this.listColleagues(),
      'notices.list': () => this.listNotices(),
      'notices.dismiss': (p) => this.dismissNotice(p),
      'messages.retry': (p) => this.retry(p),
      'messages.discard': (p) => this.discard(p),
      'messages.search': (p) => this.search(p),
      'messages.translate': (p) => this.translateMessage(p),
      'translation.preview': (p) => this.previewTranslation(p),
      'kb.regionalNotes': (p) => this.regionalNotes(p),
      'kb.dismissRegionalNote': (p) => this.dismissRegionalNote(p),
      'kb.cannedReplies': (p) => this.cannedReplies(p),
      'kb.search': (p) => this.searchArticles(p),
      'kb.suggestions': (p) => this.suggestArticles(p),
      'kb.article': (p) => this.readArticle(p),
      'kb.saveArticle': (p) => this.saveArticle(p),
      'kb.articleDraft': (p) => this.articleDraft(p),
      'kb.discardArticleDraft': (p) => this.discardArticleDraft(p),
      'models.list': () => this.listModels(),
      'models.download': (p) => this.downloadModel(p),
      'models.cancelDownload': (p) => this.cancelModelDownload(p),
    };
  }

  private startLanguageFeatures(cache: Cache, setup: LanguageSetup): LanguageFeatures {
    return new LanguageFeatures({
      ...setup,
      cache,
      agent: () => cache.session.signIn()?.agent ?? null,
      busy: () => this.sync.isCatchingUp(),
      emit: (event, payload) => this.events.emit(event, payload),
      log: this.log,
      onSignal: (conversationId, signal) => {
        recordSignal(cache, conversationId, signal, Date.now());
        this.sync.outboxChanged();
      },
    });
  }

  /**
   * Opens (and migrates) the cache; with a stored, unexpired sign-in, starts syncing at once.
   * Throws FutureDatabaseError for a cache written by a newer release.
   */
  static open(options: WorkstationOptions): Workstation {
    const cache = Cache.open(options.dbPath);
    try {
      const workstation = new Workstation(cache, options);
      workstation.resume();
      return workstation;
    } catch (error) {
      cache.close();
      throw error;
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Hosts add these to the renderer's connect-src: the softphone's providers for whoever is signed in. */
  phoneConnectSources(): string[] {
    return phoneConnectSources(this.cache, this.cache.session.signIn()?.agent.id ?? null, this.secretBox);
  }

  snapshot(): CacheSnapshot {
    return {
      cursor: this.cache.session.cursor(),
      outboxCount: this.cache.outbox.count(),
      conversations: this.cache.conversations.all(),
      messages: this.cache.messages.all(),
    };
  }

  /** Stops sync and closes the cache; the api answers 'unavailable' afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.indexer.stop();
    this.language?.close();
    this.models?.close();
    await this.sync.stop();
    this.cache.close();
  }

  private resume(): void {
    const signIn = this.cache.session.signIn();
    if (!signIn) return;
    if (signIn.expiresAt <= Date.now()) {
      this.cache.session.clearToken();
      return;
    }
    this.presence = this.cache.session.presence();
    this.sync.start();
    this.indexer.kick();
    this.language?.kick();
    this.vectors?.kick();
  }

  /** Resolves once every article has a sentence vector (tests, benchmarks). */
  async articleVectorsReady(): Promise<void> {
    await this.vectors?.ready();
  }

  /** Resolves once every waiting customer message is analysed and translated (tests, benchmarks). */
  async languageWorkDone(): Promise<void> {
    await this.language?.drain();
  }

  // ---- session ----

  private async login(params: Params<'session.login'>): Output<'session.login'> {
    this.requireOpen();
    const response = await requestLogin(this.relayUrl, params);
    await this.adopt(response);
    return { agent: response.agent };
  }

  /** Makes the cache the signed-in agent's: kept for the same agent, emptied for another. */
  private async adopt(response: LoginResponse): Promise<void> {
    const owner = this.cache.session.cachedAgent();
    const otherAgent = owner !== null && !isSameAgent(owner, response.agent);
    if (otherAgent) await this.refuseWhileChangesWait(owner, response.token);
    await this.sync.stop();
    if (otherAgent) this.cache.wipeAgentData();
    this.cache.session.saveSignIn({ token: response.token, expiresAt: response.expiresAt, agent: response.agent });
    this.presence = this.cache.session.presence();
    this.events.emit('session.changed', { agent: response.agent });
    this.sync.start();
  }

  /** Another agent's unsent replies would be lost with the cache; they must be delivered first. */
  private async refuseWhileChangesWait(owner: Agent, newToken: string): Promise<void> {
    const waiting = this.cache.outbox.count();
    if (waiting === 0) return;
    await revokeToken(this.relayUrl, newToken, this.log);
    throw new ApiFailure(
      'unavailable',
      `${describeWaiting(waiting)} by ${owner.name} (${owner.email}) on this workstation. ` +
        `Sign in as ${owner.email} so they can be delivered before another agent uses it.`,
    );
  }

  private async logout(): Output<'session.logout'> {
    this.requireOpen();
    const signIn = this.cache.session.signIn();
    if (!signIn) return {};
    const waiting = this.cache.outbox.count();
    if (waiting > 0) {
      throw new ApiFailure('unavailable', `${describeWaiting(waiting)}. Stay signed in until the relay has them, or they would be stranded here.`);
    }
    // Stop first: a revoked token would otherwise end the live connection as an "expired session".
    await this.sync.stop();
    await revokeToken(this.relayUrl, signIn.token, this.log);
    this.cache.session.clearToken();
    this.events.emit('session.changed', { agent: null });
    return {};
  }

  private async sessionState(): Output<'session.get'> {
    this.requireOpen();
    const agent = this.cache.session.signIn()?.agent ?? null;
    return { agent, presence: agent ? this.presence : 'offline', connection: this.sync.connection() };
  }

  /** Sync has stopped already; the cache and outbox stay for the next sign-in of the same agent. */
  private sessionExpired(reason: string): void {
    this.log(`The relay ended the session: ${reason}`);
    this.cache.session.clearToken();
    this.events.emit('session.changed', { agent: null });
  }

  private presenceReported(presence: Presence, reason: AwayReason | null = null, until: number | null = null): void {
    this.presence = presence;
    this.events.emit('presence.changed', { presence, reason, until });
  }

  // ---- conversations ----

  private async listConversations(params: Params<'conversations.list'>): Output<'conversations.list'> {
    this.requireAgent();
    const after = params.cursor === null ? null : decodePageCursor(params.cursor, ConversationPositionSchema);
    const page = this.cache.conversations.page({ status: params.status, label: params.label, after, limit: params.limit });
    return { items: page.items, nextCursor: page.next && encodePageCursor(page.next) };
  }

  private async getConversation(params: Params<'conversations.get'>): Output<'conversations.get'> {
    this.requireAgent();
    const conversation = this.requireShownConversation(params.conversationId);
    const before = params.before === null ? null : decodePageCursor(params.before, MessagePositionSchema);
    const page = this.cache.messages.pageBefore(conversation.id, before, params.limit);
    const messages = this.language ? this.language.withTranslations(page.messages) : page.messages;
    return { conversation, messages, olderCursor: page.older && encodePageCursor(page.older) };
  }

  private async reply(params: Params<'conversations.reply'>): Output<'conversations.reply'> {
    const agent = this.requireAgent();
    const conversation = this.requireConversation(params.conversationId);
    const message = recordReply(this.cache, agent, conversation, { body: params.body, original: params.original ?? null }, Date.now());
    this.events.emit('messages.changed', { conversationId: conversation.id, messageIds: [message.id] });
    this.events.emit('conversations.changed', { conversationIds: [conversation.id] });
    this.sync.outboxChanged();
    return { message };
  }

  private async addNote(params: Params<'notes.add'>): Output<'notes.add'> {
    const agent = this.requireAgent();
    const conversation = this.requireConversation(params.conversationId);
    const known = new Set(this.cache.session.colleagues().map((c) => c.id));
    const unknown = params.mentions.find((id) => !known.has(id));
    if (unknown !== undefined) throw new ApiFailure('bad_request', `No colleague has the id ${unknown}.`);
    const message = recordNote(this.cache, agent, conversation, { body: params.body, mentions: params.mentions }, Date.now());
    this.messagesChanged(message);
    this.sync.outboxChanged();
    return { message };
  }

  private async sendCallFrame({ frame }: Params<'calls.send'>): Output<'calls.send'> {
    this.requireAgent();
    if (!this.sync.sendCallFrame(frame)) throw new ApiFailure('unavailable', 'The call needs the relay, which cannot be reached right now.');
    return {};
  }

  private async awaitWrapUp(params: Params<'calls.awaitWrapUp'>): Output<'calls.awaitWrapUp'> {
    const wrapUp = { id: randomUUID(), ...params };
    this.cache.pendingWrapUps.add(this.requireAgent().id, wrapUp, Date.now());
    return { wrapUp };
  }

  private async logCall(params: Params<'calls.log'>): Output<'calls.log'> {
    const agent = this.requireAgent();
    const conversation = this.requireConversation(params.conversationId);
    const message = this.cache.transaction(() => {
      if (params.wrapUpId) this.cache.pendingWrapUps.done(agent.id, params.wrapUpId);
      return recordCall(this.cache, agent, conversation, params.call, params.notes.trim() || CALL_WITHOUT_NOTES, Date.now());
    });
    this.messagesChanged(message);
    this.sync.outboxChanged();
    return { message };
  }

  private async reassign(params: Params<'conversations.assign'>): Output<'conversations.assign'> {
    const agent = this.requireAgent();
    if (agent.role === 'agent') throw new ApiFailure('forbidden', 'Only supervisors and administrators reassign conversations.');
    const conversation = this.requireConversation(params.conversationId);
    if (conversation.assigneeId === params.assigneeId) return {};
    recordAssignment(this.cache, conversation.id, params.assigneeId, Date.now());
    this.sync.outboxChanged();
    return {};
  }

  private async answerOffer(kind: 'conversation.accept' | 'conversation.decline', conversationId: string): Output<'conversations.accept'> {
    const agent = this.requireAgent();
    const conversation = this.requireConversation(conversationId);
    if (conversation.offer?.agentId !== agent.id) throw new ApiFailure('bad_request', 'This conversation is not offered to you.');
    recordOfferAnswer(this.cache, kind, conversationId, Date.now());
    this.sync.outboxChanged();
    return {};
  }

  private async liveBoard(): Output<'supervisor.live'> {
    return requestLiveBoard(this.relayUrl, this.supervisorToken());
  }

  private async setAgentPresence(params: Params<'agents.setPresence'>): Output<'agents.setPresence'> {
    const agent = this.requireAgent();
    if (agent.role === 'agent') throw new ApiFailure('forbidden', "Only supervisors and administrators change a colleague's presence.");
    recordAgentPresence(this.cache, params, Date.now());
    this.sync.outboxChanged();
    return {};
  }

  private async history(params: Params<'reports.summary'>): Output<'reports.summary'> {
    return requestHistory(this.relayUrl, this.supervisorToken(), params);
  }

  private async exportCsv(params: Params<'reports.csv'>): Output<'reports.csv'> {
    const csv = await requestCsv(this.relayUrl, this.supervisorToken(), params.report, params);
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    return { filename: `${params.report}-${day(params.from)}-to-${day(params.to)}.csv`, csv };
  }

  /** The token of a signed-in administrator, for the relay's admin API. */
  private adminToken(): string {
    if (this.requireAgent().role !== 'admin') throw new ApiFailure('forbidden', 'Company settings are for administrators.');
    return this.signInToken('Sign in again to change company settings.');
  }

  /** The token of a signed-in supervisor or administrator, for the relay's reports. */
  private supervisorToken(): string {
    const agent = this.requireAgent();
    if (agent.role === 'agent') throw new ApiFailure('forbidden', 'Live view and history are for supervisors and administrators.');
    return this.signInToken('Sign in again to see the live view and history.');
  }

  private signInToken(whenMissing: string): string {
    const signIn = this.cache.session.signIn();
    if (!signIn) throw new ApiFailure('not_signed_in', whenMissing);
    return signIn.token;
  }

  private async claim(params: Params<'conversations.claim'>): Output<'conversations.claim'> {
    const agent = this.requireAgent();
    const conversation = this.requireConversation(params.conversationId);
    if (conversation.assigneeId !== null && conversation.assigneeId !== agent.id) {
      throw new ApiFailure('forbidden', 'A colleague already handles this conversation.');
    }
    if (recordClaim(this.cache, conversation, Date.now())) {
      this.events.emit('conversations.changed', { conversationIds: [conversation.id] });
      this.sync.outboxChanged();
    }
    return { conversation: this.requireConversation(conversation.id) };
  }

  private async listColleagues(): Output<'colleagues.list'> {
    const agent = this.requireAgent();
    return { colleagues: this.cache.session.colleagues().filter((c) => c.id !== agent.id), teams: this.cache.session.teams() };
  }

  private async listNotices(): Output<'notices.list'> {
    this.requireAgent();
    return { notices: this.cache.notices.shown() };
  }

  private async dismissNotice(params: Params<'notices.dismiss'>): Output<'notices.dismiss'> {
    this.requireAgent();
    if (this.cache.notices.dismiss(params.noticeId)) this.events.emit('notices.changed', { notices: this.cache.notices.shown() });
    return {};
  }

  private async retry(params: Params<'messages.retry'>): Output<'messages.retry'> {
    this.requireAgent();
    const message = this.requireFailedReply(params.messageId);
    recordRetry(this.cache, message, this.requireConversation(message.conversationId), Date.now());
    this.messagesChanged(message);
    this.sync.outboxChanged();
    return { message: this.requireMessage(message.id) };
  }

  private async discard(params: Params<'messages.discard'>): Output<'messages.discard'> {
    this.requireAgent();
    const message = this.requireFailedReply(params.messageId);
    this.cache.messages.deleteFailed(message.id);
    this.messagesChanged(message);
    return {};
  }

  private requireFailedReply(id: string): LocalMessage {
    const message = this.requireMessage(id);
    if (message.delivery !== 'failed') {
      throw new ApiFailure('bad_request', 'Only a reply that was not sent can be sent again or discarded.');
    }
    return message;
  }

  private requireMessage(id: string): LocalMessage {
    const message = this.cache.messages.get(id);
    if (!message) throw new ApiFailure('not_found', `There is no message ${id} on this workstation.`);
    return message;
  }

  private messagesChanged(message: LocalMessage): void {
    this.events.emit('messages.changed', { conversationId: message.conversationId, messageIds: [message.id] });
  }

  private async setStatus(params: Params<'conversations.setStatus'>): Output<'conversations.setStatus'> {
    this.requireAgent();
    const conversation = this.requireConversation(params.conversationId);
    if (recordStatusChange(this.cache, conversation, params.status, Date.now())) {
      this.events.emit('conversations.changed', { conversationIds: [conversation.id] });
      this.sync.outboxChanged();
    }
    return { conversation: this.requireConversation(conversation.id) };
  }

  private async setLabels(params: Params<'conversations.setLabels'>): Output<'conversations.setLabels'> {
    this.requireAgent();
    const conversation = this.requireConversation(params.conversationId);
    if (recordLabels(this.cache, conversation, params.labels, Date.now())) {
      this.events.emit('conversations.changed', { conversationIds: [conversation.id] });
      this.sync.outboxChanged();
    }
    return { conversation: this.requireShownConversation(conversation.id) };
  }

  private async setPresence(params: Params<'presence.set'>): Output<'presence.set'> {
    this.requireAgent();
    recordPresence(this.cache, params.presence, params.reason ?? null, Date.now());
    this.presenceReported(params.presence, params.presence === 'away' ? (params.reason ?? null) : null);
    this.sync.outboxChanged();
    return { presence: params.presence };
  }

  private async search(params: Params<'messages.search'>): Output<'messages.search'> {
    this.requireAgent();
    const terms = parseSearchTerms(params.query);
    const words = [...terms.indexed, ...terms.short];
    const conversations = new Map<string, Conversation | undefined>();
    const hits = this.cache.messages.search(terms, params.limit).flatMap((message) => {
      if (!conversations.has(message.conversationId)) conversations.set(message.conversationId, this.cache.conversations.get(message.conversationId));
      const conversation = conversations.get(message.conversationId);
      return conversation ? [{ message, conversation, snippet: snippetOf(message.body, words) }] : [];
    });
    return { hits };
  }

  // ---- language ----

  private async translateMessage(params: Params<'messages.translate'>): Output<'messages.translate'> {
    this.requireAgent();
    const message = this.requireMessage(params.messageId);
    const conversation = this.requireConversation(message.conversationId);
    if (!this.language) return noLanguageFeatures();
    return this.language.translateMessage(message, conversation);
  }

  private async previewTranslation(params: Params<'translation.preview'>): Output<'translation.preview'> {
    this.requireAgent();
    const conversation = this.requireConversation(params.conversationId);
    if (!this.language) return noLanguageFeatures();
    return this.language.preview(conversation, params.text);
  }

  // ---- service tools ----

  private async regionalNotes(params: Params<'kb.regionalNotes'>): Output<'kb.regionalNotes'> {
    this.requireAgent();
    const conversation = this.requireShownConversation(params.conversationId);
    return { notes: this.tools?.regionalNotes(conversation) ?? [] };
  }

  private async dismissRegionalNote(params: Params<'kb.dismissRegionalNote'>): Output<'kb.dismissRegionalNote'> {
    this.requireAgent();
    const conversation = this.requireShownConversation(params.conversationId);
    return { notes: this.tools?.dismiss(conversation, params.noteId) ?? [] };
  }

  private async cannedReplies(params: Params<'kb.cannedReplies'>): Output<'kb.cannedReplies'> {
    const agent = this.requireAgent();
    const conversation = this.requireShownConversation(params.conversationId);
    return { replies: this.tools?.cannedReplies(conversation, agent, params.query) ?? [] };
  }

  private async searchArticles(params: Params<'kb.search'>): Output<'kb.search'> {
    this.requireAgent();
    return { hits: await this.knowledge.search(params.query, params.limit) };
  }

  private async suggestArticles(params: Params<'kb.suggestions'>): Output<'kb.suggestions'> {
    const agent = this.requireAgent();
    return { hits: this.knowledge.suggestions(this.requireShownConversation(params.conversationId), agent) };
  }

  private async readArticle(params: Params<'kb.article'>): Output<'kb.article'> {
    this.requireAgent();
    const article = this.knowledge.article(params.articleId);
    if (!article) throw new ApiFailure('not_found', `There is no article ${params.articleId} on this workstation.`);
    const link = article.public ? relayHttpAddress(this.relayUrl, `${HELP_ARTICLES_PATH}/${encodeURIComponent(article.id)}`) : null;
    return { article, link };
  }

  private async saveArticle(params: Params<'kb.saveArticle'>): Output<'kb.saveArticle'> {
    const agent = this.requireAgent();
    if (agent.role === 'agent') throw new ApiFailure('forbidden', 'Only supervisors and administrators edit the knowledge base.');
    const articleId = recordArticleEdit(this.cache, params, Date.now());
    this.events.emit('articles.changed', {});
    this.sync.outboxChanged();
    return { articleId };
  }

  private async articleDraft(params: Params<'kb.articleDraft'>): Output<'kb.articleDraft'> {
    this.requireAgent();
    const stored = this.cache.articleDrafts.get(params.articleId);
    return { draft: stored ? { baseVersion: stored.baseVersion, draft: stored.draft, state: stored.state, reason: stored.reason } : null };
  }

  private async discardArticleDraft(params: Params<'kb.discardArticleDraft'>): Output<'kb.discardArticleDraft'> {
    this.requireAgent();
    this.cache.articleDrafts.discard(params.articleId);
    this.events.emit('articles.changed', {});
    return {};
  }

  private async listModels(): Output<'models.list'> {
    this.requireOpen();
    return this.modelList();
  }

  private async downloadModel(params: Params<'models.download'>): Output<'models.download'> {
    this.requireOpen();
    if (!this.models) throw new ApiFailure('unavailable', 'This workstation has no model manager.');
    try {
      this.models.download(params.modelId);
    } catch (error) {
      throw new ApiFailure('not_found', error instanceof Error ? error.message : String(error));
    }
    return this.modelList();
  }

  private async cancelModelDownload(params: Params<'models.cancelDownload'>): Output<'models.cancelDownload'> {
    this.requireOpen();
    this.models?.cancel(params.modelId);
    return this.modelList();
  }

  private modelList(): MethodOutput<'models.list'> {
    return { models: this.models?.list() ?? [], hubUrl: this.models?.hubUrl() ?? '' };
  }

  // ---- guards ----

  private requireOpen(): void {
    if (this.closed) throw new ApiFailure('unavailable', 'The workstation is shutting down.');
  }

  private requireAgent(): Agent {
    this.requireOpen();
    const signIn = this.cache.session.signIn();
    if (!signIn) throw new ApiFailure('not_signed_in', 'Sign in to work with conversations.');
    return signIn.agent;
  }

  /** The conversation as the agent sees it, with its insight. */
  private requireShownConversation(id: string): LocalConversation {
    const conversation = this.cache.conversations.getShown(id);
    if (!conversation) throw new ApiFailure('not_found', `There is no conversation ${id} on this workstation.`);
    return conversation;
  }

  private requireConversation(id: string): Conversation {
    const conversation = this.cache.conversations.get(id);
    if (!conversation) throw new ApiFailure('not_found', `There is no conversation ${id} on this workstation.`);
    return conversation;
  }
}

function noLanguageFeatures(): MethodOutput<'messages.translate'> {
  return { translation: null, unavailable: 'no-model', detail: 'On-device translation is not set up on this workstation.' };
}

function isSameAgent(a: Agent, b: Agent): boolean {
  return a.id === b.id && a.tenantId === b.tenantId;
}

function describeWaiting(count: number): string {
  return count === 1 ? '1 reply or change is waiting to be sent' : `${count} replies and changes are waiting to be sent`;
}
