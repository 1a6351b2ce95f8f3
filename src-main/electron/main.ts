import path from 'node:path';
import { app, Notification, safeStorage, session, type BrowserWindow } from 'electron';
import { createLanguageSetup } from '../host/language-setup.js';
import type { ModelFolder } from '../ai/models/model-manager.js';
import { createApiRouter } from '../core/api-router.js';
import { Workstation } from '../core/workstation.js';
import type { SecretBox } from '../store/phone-settings-store.js';
import { parseDemoLogin, signInDemoAgent } from '../host/demo-login.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { desktopCacheKey } from './cache-key.js';
import { wipeDeviceFiles } from '../host/device-wipe.js';
import { APP_ORIGIN } from './app-url.js';
import { launchInferenceUtility } from './inference-process.js';
import { registerIpc } from './ipc.js';
import { lockDownSession, lockDownWebContents } from './lockdown.js';
import { createMentionAlerts, mentionAlertText } from './mention-alerts.js';
import { createWorkstationWindow } from './window.js';

const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';

// These must happen before 'ready'.
app.enableSandbox();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => {
    console.error('[workstation] could not start:', error);
    app.exit(1);
  });
} else {
  // Another window already runs this workstation; it gets focused through 'second-instance'.
  app.quit();
}

async function start(): Promise<void> {
  await app.whenReady();
  const appDir = app.getAppPath();
  lockDownSession(session.defaultSession, APP_ORIGIN);

  const log = (message: string, error?: unknown) => console.error(`[workstation] ${message}`, error ?? '');
  const dbPath = path.join(app.getPath('userData'), 'workstation.sqlite');
  const workstation = Workstation.open({
    secretBox: keychainBox(),
    dbPath,
    cacheKey: await desktopCacheKey(dbPath),
    // After "Sign out and wipe this device" the app starts again as on a new computer.
    wipeDevice: async () => {
      closeIpc();
      await workstation.close();
      wipeDeviceFiles(dbPath, path.join(path.dirname(dbPath), 'files'));
      app.relaunch();
      app.exit(0);
    },
    relayUrl: process.env.WORKSTATION_RELAY_URL || DEFAULT_RELAY_URL,
    log,
    language: createLanguageSetup({
      launchInference: launchInferenceUtility,
      modelFolders: modelFolders(appDir),
      intentsFile: process.env.WORKSTATION_INTENTS || path.join(appDir, 'resources', 'ai', 'intents.json'),
      catalogFile: path.join(appDir, 'resources', 'models', 'catalog.json'),
      hubUrl: process.env.WORKSTATION_MODEL_HUB,
      log,
    }),
    replyRulesFile: process.env.WORKSTATION_REPLY_RULES || path.join(appDir, 'resources', 'ai', 'reply-rules.json'),
    serviceTools: {
      regionalNotesFile: process.env.WORKSTATION_REGIONAL_NOTES || path.join(appDir, 'resources', 'kb', 'regional-notes.json'),
      cannedRepliesFile: process.env.WORKSTATION_CANNED_REPLIES || path.join(appDir, 'resources', 'kb', 'canned-replies.json'),
    },
  });
  serveRenderer(path.join(appDir, 'dist', 'renderer'), () => workstation.phoneConnectSources());
  const router = createApiRouter(workstation.handlers, (error) => console.error('[workstation] api handler failed:', error));
  const demoLogin = parseDemoLogin(process.env.WORKSTATION_DEMO_LOGIN);
  if (demoLogin) await signInDemoAgent(router, demoLogin, (line) => console.log(`[workstation] ${line}`));

  const window = createWorkstationWindow(path.join(appDir, 'dist', 'preload.cjs'));
  const closeIpc = registerIpc({ window, router, events: workstation, origin: APP_ORIGIN });
  await alertMentions(workstation, window);
  alertCalls(workstation, window);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  quitAfter(async () => {
    closeIpc();
    await workstation.close();
  });
}

/** A colleague's @mention shows on the desktop too, since the agent may be in another window. */
async function alertMentions(workstation: Workstation, window: BrowserWindow): Promise<void> {
  if (!Notification.isSupported()) return;
  const kept = await workstation.handlers['notices.list']({}).then(({ notices }) => notices, () => []);
  const onNotices = createMentionAlerts(kept, (notice) => {
    const alert = new Notification(mentionAlertText(notice));
    alert.on('click', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
    alert.show();
  });
  workstation.on('notices.changed', ({ notices }) => onNotices(notices));
}

/** The SIP password is sealed with the OS keychain where there is one (Keychain, DPAPI, libsecret). */
function keychainBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/** A ringing call shows on the desktop; clicking it brings the window, where Accept waits. */
function alertCalls(workstation: Workstation, window: BrowserWindow): void {
  if (!Notification.isSupported()) return;
  workstation.on('calls.ringing', ({ remote, provider, transferredBy }) => {
    const body = transferredBy ?? (provider === 'webrtc' ? 'Web call from the chat page' : 'Phone call');
    const alert = new Notification({ title: `Incoming call: ${remote}`, body, urgency: 'critical' });
    alert.on('click', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
    alert.show();
  });
}

/** Downloads go to the user's folder; an administrator may add one; installers may bundle models. */
function modelFolders(appDir: string): ModelFolder[] {
  const adminDir = process.env.WORKSTATION_ADMIN_MODELS_DIR;
  const admin = adminDir ? [{ path: adminDir, source: 'admin' as const }] : [];
  const bundled = app.isPackaged ? path.join(process.resourcesPath, 'models') : path.join(appDir, 'resources', 'models');
  return [{ path: path.join(app.getPath('userData'), 'models'), source: 'user' }, ...admin, { path: bundled, source: 'bundled' }];
}

/** Holds the quit until `cleanUp` has finished (the outbox and the database close properly). */
function quitAfter(cleanUp: () => Promise<void>): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    cleanUp()
      .catch((error: unknown) => console.error('[workstation] did not close cleanly:', error))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
