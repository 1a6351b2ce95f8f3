import type { FastifyInstance } from 'fastify';
import type { IceServer } from '../src-shared/protocol/voice.js';
import { DEFAULT_TOKEN_TTL_MS } from './auth/sessions.js';
import { ChannelRuntime, type ChannelSettings } from './channels/channel-runtime.js';
import { CredentialBox, openCredentialBox } from './channels/credential-box.js';
import { scheduleChannelSends } from './channels/send-queue.js';
import { scheduleInboundMedia } from './channels/inbound-media.js';
import { scheduleTemplateRefresh } from './channels/channel-templates.js';
import { ClusterNode, type ClusterSettings } from './cluster-node.js';
import { seedDemoCompany, seedFromSetupFile } from './demo/seed.js';
import { openFileStore, type FileStoreSettings } from './files/open-file-store.js';
import type { FileStore } from './files/file-store.js';
import { createHttpApp, type TrustProxy } from './http/app.js';
import type { DrainOutcome } from './ops/drain.js';
import { attachOps, type OpsOptions, type RelayOps } from './ops/relay-ops.js';
import { openExportFiles, type ExportFiles } from './privacy/export-files.js';
import { schedulePrivacyReminders } from './privacy/privacy-reminders.js';
import { DEFAULT_LOG_RETENTION_DAYS, schedulePruning } from './privacy/retention.js';
import { scheduleRetention } from './privacy/conversation-retention.js';
import { createRelayCore } from './relay-core.js';
import { attachMailboxes } from './email/mailboxes.js';
import { startImapIntake, type ImapIntakeOptions } from './email/imap/imap-intake.js';
import type { MailboxWatchers } from './email/imap/mailbox-watchers.js';
import { startSmtpReceiver, type SmtpReceiver, type SmtpReceiverSettings } from './email/smtp-receiver.js';
import { resourcesDir } from './resources.js';
import { scheduleOfferExpiry, scheduleQueueDraining } from './routing/assignment.js';
import { scheduleSlaChecks } from './routing/sla-clocks.js';
import { openRelayStorage } from './storage/open-relay-storage.js';
import type { Leases } from './storage/port/leases.js';
import type { RelayStorage } from './storage/port/relay-storage.js';
import { SyncHub } from './sync/sync-hub.js';
import type { TwilioConfig } from './telephony/twilio-config.js';
import type { WebchatLimitSettings } from './webchat/chat-limits.js';
import { WebchatHub } from './webchat/webchat-hub.js';

export interface RelayOptions {
  /** The SQLite database: a file path, or ':memory:'. */
  dbPath: string;
  /** A postgres:// URL (RELAY_DATABASE_URL): the relay keeps its data in PostgreSQL instead of `dbPath`. */
  databaseUrl?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed the demo company when the database has no tenant yet. */
  seedDemo?: boolean;
  /** A company's first setup (resources/setup/example-company.json shows the format), used when the database has no tenant yet. */
  setupFile?: string;
  logger?: boolean;
  tokenTtlMs?: number;
  now?: () => number;
  /** Log events older than this are pruned hourly; default 30 days. */
  logRetentionDays?: number;
  /** How often the queues of working teams are handed out (a team that opened starts on what waited); default a minute. */
  queueDrainIntervalMs?: number;
  /** How often targets that fell due are told as SLA breaches; default 30 seconds. */
  slaCheckIntervalMs?: number;
  /** How often closed conversations past the company's retention period are deleted or anonymised; default hourly. */
  retentionIntervalMs?: number;
  /** How often lapsed offers move on; default 2 seconds. */
  offerCheckIntervalMs?: number;
  /** How often after-call work that has ended is turned back into available; default 5 seconds. */
  stateCheckIntervalMs?: number;
  /** How often open sync connections' tokens and roles are read again (a change made on another node); default 5 seconds. */
  accessCheckIntervalMs?: number;
  /** STUN/TURN servers for web calls across NAT; none (host candidates only) by default. */
  iceServers?: IceServer[];
  /** Twilio Voice for one company: agents' tokens and the call webhooks (src-relay/telephony). */
  twilio?: TwilioConfig;
  /** Metrics address and extra readiness checks (src-relay/ops); health and readiness are always on. */
  ops?: OpsOptions;
  /** `nats://…` (RELAY_NATS_URL): this node is one of several on one shared database, and tells the others of its commits. */
  natsUrl?: string;
  /** Subject prefix and waits of the bus between nodes; the defaults suit production. */
  cluster?: ClusterSettings;
  /** Who runs each tenant's timers; by default the storage's own (PostgreSQL's advisory leases; on SQLite always held). */
  leases?: Leases;
  /** Messaging apps: API addresses and send pacing, and a secrets key instead of RELAY_SECRETS_KEY or the key file (src-relay/channels). */
  channels?: ChannelSettings & { secretsKey?: Buffer };
  /** Where attachments are kept (RELAY_FILES_*): by default a files/ folder beside the SQLite database. */
  files?: FileStoreSettings;
  /** Where privacy exports' bundles are kept (RELAY_EXPORTS_DIR): by default an exports/ folder beside the SQLite database. */
  exportsDir?: string;
  /** How often the privacy team is reminded of requests falling due; default ten minutes. */
  privacyReminderIntervalMs?: number;
  /** Direct delivery of email to the relay's own SMTP receiver (RELAY_SMTP_PORT; src-relay/email/smtp-receiver.ts); off without it. */
  smtpReceiver?: SmtpReceiverSettings;
  /** The IMAP intake of email accounts with an IMAP server (src-relay/email/imap): its pace, which tests shorten. */
  imap?: ImapIntakeOptions;
  /** Proxies whose X-Forwarded-For is believed (RELAY_TRUST_PROXY): the chat's limits count by the client's real address. */
  trustProxy?: TrustProxy;
  /** The public chat's limits per visitor and per address (src-relay/webchat/chat-limits.ts); the defaults suit production. */
  webchatLimits?: Partial<WebchatLimitSettings>;
}

export interface RunningRelay {
  /** 'http://127.0.0.1:PORT' */
  url: string;
  port: number;
  /** 'http://HOST:PORT/metrics' when metrics are on. */
  metricsUrl: string | null;
  /** The SMTP receiver's port, when direct delivery is on. */
  smtpPort: number | null;
  /** Not ready, new requests refused, sockets closed with 1012, running requests given `timeoutMs` (default 10 s); close() after. */
  drain(timeoutMs?: number): Promise<DrainOutcome>;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const store = await openRelayStorage(options.databaseUrl ?? options.dbPath);
  let files: FileStore | null = null;
  let exports: ExportFiles | null = null;
  let app: FastifyInstance | null = null;
  let ops: RelayOps | null = null;
  let cluster: ClusterNode | null = null;
  let smtp: SmtpReceiver | null = null;
  let imap: MailboxWatchers | null = null;
  const stops: (() => void)[] = [];
  const stopAll = () => {
    for (const stop of stops.splice(0)) stop();
  };
  const logger = options.logger ?? false;
  const reportError = (where: string, error: unknown): void => {
    if (app && logger) app.log.error({ err: error }, where);
    else console.error(`[relay] ${where}:`, error);
  };
  try {
    cluster = options.natsUrl ? new ClusterNode(store, reportError, options.cluster) : null;
    const box = options.channels?.secretsKey ? CredentialBox.withKey(options.channels.secretsKey) : openCredentialBox(options);
    const core = createRelayCore(store, {
      secrets: box,
      now: options.now ?? Date.now,
      tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
      reportError,
      bus: cluster?.bus,
      connected: cluster?.presence,
      leases: options.leases,
    });
    files = await openFileStore(options.files ?? {}, options.dbPath);
    exports = await openExportFiles(options.dbPath, options.exportsDir);
    const resources = resourcesDir();
    if ((await store.accounts.countTenants()) === 0) {
      if (options.setupFile) await seedFromSetupFile(core, options.setupFile);
      else if (options.seedDemo) await seedDemoCompany(core, resources);
    }
    if (cluster && options.natsUrl) await cluster.join(options.natsUrl, options.cluster);

    const syncHub = new SyncHub(core, options.stateCheckIntervalMs, options.iceServers, cluster?.calls ? { calls: cluster.calls, directory: cluster.presence } : undefined, options.accessCheckIntervalMs);
    const webchatHub = new WebchatHub(core, syncHub.calls, options.webchatLimits);
    // Stopped on close, and also when the start fails below, so no timer outlives the storage.
    stops.push(() => syncHub.stop(), () => webchatHub.stop());
    stops.push(await schedulePruning(core, options.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS));
    stops.push(scheduleQueueDraining(core, options.queueDrainIntervalMs));
    stops.push(scheduleSlaChecks(core, options.slaCheckIntervalMs));
    stops.push(scheduleRetention(core, files, exports, options.retentionIntervalMs));
    stops.push(scheduleOfferExpiry(core, options.offerCheckIntervalMs));
    stops.push(schedulePrivacyReminders(core, options.privacyReminderIntervalMs));
    const channels = new ChannelRuntime(box, options.channels, files);
    stops.push(scheduleChannelSends(core, channels), scheduleInboundMedia(core, channels), scheduleTemplateRefresh(core, channels, options.channels?.templateRefreshMs));
    const mailboxes = attachMailboxes(core, channels);
    if (options.smtpReceiver) smtp = await startSmtpReceiver(core, mailboxes, options.smtpReceiver);
    imap = startImapIntake(core, mailboxes, options.imap);
    app = await createHttpApp({ core, syncHub, webchatHub, resourcesDir: resources, logger, twilio: options.twilio, channels, files, exports, trustProxy: options.trustProxy });
    const opsOptions: OpsOptions = { ...options.ops, sources: { databasePool: () => store.pool(), ...options.ops?.sources } };
    ops = await attachOps(app, core, syncHub, cluster ? cluster.opsWith(opsOptions) : opsOptions);
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port ?? 0, host });
    return running(app, { store, files, exports, ops, cluster, leases: core.leases, smtp, imap }, host, stopAll);
  } catch (error) {
    stopAll();
    await smtp?.close();
    await imap?.stop();
    await app?.close();
    await ops?.close();
    await cluster?.close();
    await files?.close();
    await exports?.close();
    await store.close();
    throw error;
  }
}

/** What a running relay closes after its app, in this order. */
interface RelayParts {
  store: RelayStorage;
  files: FileStore;
  exports: ExportFiles;
  ops: RelayOps;
  cluster: ClusterNode | null;
  leases: Leases;
  smtp: SmtpReceiver | null;
  imap: MailboxWatchers;
}

function running(app: FastifyInstance, { store, files, exports, ops, cluster, leases, smtp, imap }: RelayParts, host: string, stopHubs: () => void): RunningRelay {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The relay is not listening on a TCP port.');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    metricsUrl: ops.metricsUrl,
    smtpPort: smtp?.port ?? null,
    drain: (timeoutMs) => ops.drain(timeoutMs),
    close() {
      closing ??= (async () => {
        stopHubs();
        // First, so no mail is taken that could no longer be stored.
        await smtp?.close();
        // Each watcher after the mail under way, its lease given up for another node.
        await imap.stop();
        await app.close();
        await ops.close();
        await cluster?.close();
        // Given up at once, so another node takes this one's timers on its next tick.
        await leases.close();
        await files.close();
        await exports.close();
        await store.close();
      })();
      return closing;
    },
  };
}
