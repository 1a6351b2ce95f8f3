import type { EventName, EventPayload, LocalMessage } from '../../src-shared/api/contract.js';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { ModelManager } from '../ai/models/model-manager.js';
import { ArticleVectors } from '../kb/article-vectors.js';
import { KnowledgeBase } from '../kb/knowledge-base.js';
import { ServiceTools, type ServiceToolsFiles } from '../kb/service-tools.js';
import { Cache } from '../store/cache.js';
import { PLAIN_BOX, type SecretBox } from '../store/phone-settings-store.js';
import { SyncClient } from '../sync/sync-client.js';
import type { SyncTiming } from '../sync/sync-client-options.js';
import { ApiEvents } from './api-events.js';
import type { ApiEventSource, ApiHandlers } from './api-router.js';
import type { LanguageFeatures } from '../ai/language-features.js';
import { SearchIndexer } from './search-indexer.js';
import { adminHandlers } from './services/admin-service.js';
import { privacyHandlers } from './services/privacy-service.js';
import { channelAccountHandlers } from './services/channel-account-service.js';
import { replyOptionsHandlers } from './services/reply-options-service.js';
import { emailHandlers } from './services/email-service.js';
import { NO_REPLY_RULES, ReplyChecks, replyCheckHandlers } from './services/reply-check-service.js';
import { loadReplyRules } from '../kb/reply-rules-file.js';
import { callHandlers } from './services/call-service.js';
import { conversationHandlers } from './services/conversation-service.js';
import type { CoreParts } from './services/core-parts.js';
import { Guards } from './services/guards.js';
import { knowledgeHandlers } from './services/knowledge-service.js';
import { languageHandlers, startLanguageFeatures, type LanguageFeaturesSetup } from './services/language-service.js';
import { messageHandlers } from './services/message-service.js';
import { modelHandlers, modelList, type DeskModels } from './services/model-service.js';
import { ModelAutoFetch } from '../ai/models/model-auto-fetch.js';
import { SignInModels } from './services/sign-in-models.js';
import { noteHandlers } from './services/note-service.js';
import { phoneConnectSources, phoneHandlers } from './services/phone-service.js';
import { Session, sessionHandlers } from './services/session-service.js';
import { supervisionHandlers } from './services/supervision-service.js';
import { customerHandlers } from './services/customer-service.js';
import { fileHandlers } from './services/file-service.js';
import { deviceHandlers, type WipeDevice } from './services/device-service.js';
import { twoFactorHandlers } from './services/two-factor-service.js';
import { watchWaitingWork, workHandlers } from './services/work-service.js';
import { viewHandlers, watchViewCounts } from './services/view-service.js';
import { desktopHandlers } from './services/desktop-service.js';
import path from 'node:path';

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
  /** The company's reply rules (resources/ai/reply-rules.json, or its own); without them replies are not checked. */
  replyRulesFile?: string;
  /** Seals the SIP password at rest (Electron: the OS keychain); absent, it is kept as typed. */
  secretBox?: SecretBox;
  /** Where copies of attachments are kept; by default `files/` beside the cache. */
  filesDir?: string;
  /**
   * Encrypts the cache and the file copies at rest (`src-main/host/cache-keys.ts` finds it). Both
   * hosts always pass one; without it (tests, benchmarks) the cache is plain.
   */
  cacheKey?: Buffer;
  /** "Sign out and wipe this device": the host closes the workstation and deletes its files; absent, refused. */
  wipeDevice?: WipeDevice;
}

export type LanguageSetup = LanguageFeaturesSetup & {
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

/**
 * One agent's workstation core: the local cache, the sync client and the api contract over them.
 * Offline-first: everything reads from and writes to the cache; sync runs behind it.
 * This is the composition root: it builds the parts once, wires them, and merges the services' handlers.
 */
export class Workstation implements ApiEventSource {
  readonly handlers: ApiHandlers;
  private readonly events: ApiEvents;
  private readonly sync: SyncClient;
  private readonly session: Session;
  private readonly indexer: SearchIndexer;
  private readonly language: LanguageFeatures | null;
  private readonly models: DeskModels | null;
  private readonly signInModels: SignInModels | null;
  private readonly vectors: ArticleVectors | null;
  private readonly secretBox: SecretBox;
  private readonly stopWorkWatch: () => void;
  private readonly stopViewWatch: () => void;

  private constructor(
    private readonly cache: Cache,
    options: WorkstationOptions,
  ) {
    const log = options.log ?? ((message, error) => console.error(`[workstation] ${message}`, error ?? ''));
    this.secretBox = options.secretBox ?? PLAIN_BOX;
    this.events = new ApiEvents(log);
    this.sync = new SyncClient({
      relayUrl: options.relayUrl,
      cache,
      emit: (event, payload) => this.events.emit(event, payload),
      log,
      onSessionExpired: (reason) => this.session.expired(reason),
      onOwnPresence: ({ presence, reason, until }) => this.session.presenceReported(presence, reason, until),
      onCallFrame: (frame) => this.events.emit('calls.frame', frame),
      translationRoutes: () => this.language?.routes() ?? [],
      timing: options.syncTiming,
    });
    this.session = new Session({ cache, sync: this.sync, events: this.events, relayUrl: options.relayUrl, log });
    const parts: CoreParts = { cache, sync: this.sync, events: this.events, guards: new Guards(cache, this.session), relayUrl: options.relayUrl, log };
    this.indexer = new SearchIndexer(cache.searchIndex, () => this.sync.isCatchingUp(), log);
    this.language = options.language ? startLanguageFeatures(parts, options.language) : null;
    const manager = options.language?.models;
    this.models = manager ? { manager, autoFetch: new ModelAutoFetch({ manager, catalog: manager.catalog(), log }), replan: () => this.signInModels?.replan() } : null;
    this.signInModels = this.models ? new SignInModels(parts, this.models.autoFetch) : null;
    this.vectors = this.language ? new ArticleVectors(cache, this.language.embedder, log) : null;
    const knowledge = {
      base: new KnowledgeBase(cache, this.vectors, this.language?.embedder ?? null),
      tools: options.serviceTools ? new ServiceTools(options.serviceTools, cache) : null,
    };
    const checks = new ReplyChecks(options.replyRulesFile ? loadReplyRules(options.replyRulesFile) : NO_REPLY_RULES);
    this.wireBackgroundWork();
    this.stopWorkWatch = watchWaitingWork(parts);
    this.stopViewWatch = watchViewCounts(parts);
    this.handlers = {
      ...sessionHandlers(this.session, parts.guards),
      ...conversationHandlers(parts, this.language, checks),
      ...noteHandlers(parts),
      ...messageHandlers(parts),
      ...callHandlers(parts),
      ...phoneHandlers(parts, this.secretBox),
      ...knowledgeHandlers(parts, knowledge),
      ...languageHandlers(parts, this.language),
      ...modelHandlers(parts.guards, this.models),
      ...supervisionHandlers(parts),
      ...adminHandlers(options.relayUrl, parts.guards),
      ...privacyHandlers(options.relayUrl, parts.guards),
      ...channelAccountHandlers(options.relayUrl, parts.guards),
      ...replyOptionsHandlers(parts),
      ...replyCheckHandlers(parts, checks),
      ...customerHandlers(parts),
      ...fileHandlers(parts),
      ...emailHandlers(parts),
      ...deviceHandlers(this.session, parts.guards, options.wipeDevice ?? null, log),
      ...twoFactorHandlers(options.relayUrl, this.session),
      ...workHandlers(parts),
      ...desktopHandlers(),
      ...viewHandlers(parts),
    };
  }

  /** New messages, articles and models set the indexer, the language work and the article vectors going. */
  private wireBackgroundWork(): void {
    this.events.on('articles.changed', () => this.vectors?.kick());
    this.events.on('models.changed', () => this.vectors?.kick());
    this.models?.manager.onChange(() => this.events.emit('models.changed', modelList(this.models)));
    this.models?.autoFetch.onChange(() => this.events.emit('models.changed', modelList(this.models)));
    this.models?.manager.onInstall(() => {
      this.language?.modelInstalled();
      this.sync.translationRoutesChanged();
    });
    this.events.on('session.changed', ({ agent }) => (agent ? this.signInModels?.signedIn(agent) : this.signInModels?.signedOut()));
    this.events.on('conversations.changed', () => this.signInModels?.trafficChanged());
    this.events.on('messages.changed', () => {
      this.indexer.kick();
      this.language?.kick();
    });
  }

  /**
   * Opens (and migrates) the cache; with a stored, unexpired sign-in, starts syncing at once.
   * Throws FutureDatabaseError for a cache written by a newer release.
   */
  static open(options: WorkstationOptions): Workstation {
    const filesDir = options.filesDir ?? path.join(path.dirname(options.dbPath), 'files');
    const cache = Cache.open(options.dbPath, { key: options.cacheKey, filesDir });
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
    if (!this.session.close()) return;
    this.stopWorkWatch();
    this.stopViewWatch();
    this.indexer.stop();
    this.language?.close();
    this.signInModels?.close();
    this.models?.manager.close();
    await this.sync.stop();
    this.cache.close();
  }

  private resume(): void {
    if (!this.session.resume()) return;
    const agent = this.cache.session.signIn()?.agent;
    if (agent) this.signInModels?.signedIn(agent);
    this.indexer.kick();
    this.language?.kick();
    this.vectors?.kick();
  }

  /** Key rotation (`rotateCacheKey` in src-main/host/cache-keys.ts): re-encrypts the cache and its file copies. */
  rekeyCache(previous: Buffer, key: Buffer): void {
    this.cache.rekey(previous, key);
  }

  /** Resolves once every article has a sentence vector (tests, benchmarks). */
  async articleVectorsReady(): Promise<void> {
    await this.vectors?.ready();
  }

  /** Resolves once every waiting customer message is analysed and translated (tests, benchmarks). */
  async languageWorkDone(): Promise<void> {
    await this.language?.drain();
  }
}
