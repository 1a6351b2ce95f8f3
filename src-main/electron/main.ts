import path from 'node:path';
import { app, safeStorage, session } from 'electron';
import { createLanguageSetup } from '../host/language-setup.js';
import type { ModelFolder } from '../ai/models/model-manager.js';
import { ApiEvents } from '../core/api-events.js';
import { createApiRouter } from '../core/api-router.js';
import { Workstation } from '../core/workstation.js';
import type { SecretBox } from '../store/phone-settings-store.js';
import { parseDemoLogin, signInDemoAgent } from '../host/demo-login.js';
import { joinEvents } from '../host/joined-events.js';
import { PreferencesKeeper } from '../desktop/desktop-preferences.js';
import { createLinkHandOff } from '../desktop/link-hand-off.js';
import { createDeskText } from '../desktop/desk-text.js';
import { interfaceLanguageFor } from '../../src-shared/i18n/languages.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { setAppMenu } from './app-menu.js';
import { startDeskUpdates } from './auto-update.js';
import { desktopCacheKey } from './cache-key.js';
import { draftCrashReport, keepCrashReportsLocally, showCrashReports } from './crash-reports.js';
import { applyStartAtLogin, openedAtLogin, registerDeepLinks } from './desk-launch.js';
import { startDeskNotifications } from './desk-notifications.js';
import { createDeskTray } from './desk-tray.js';
import { wipeDeviceFiles } from '../host/device-wipe.js';
import { APP_ORIGIN } from './app-url.js';
import { launchInferenceUtility } from './inference-process.js';
import { registerIpc } from './ipc.js';
import { lockDownSession, lockDownWebContents } from './lockdown.js';
import { offerTextMenu, setSpellCheckLanguages } from './text-menu.js';
import { bringForward, createWorkstationWindow } from './window.js';
import { keepZoom, rememberWindowPlacement, savedPlacement } from './window-memory.js';

const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';
const log = (message: string, error?: unknown) => console.error(`[workstation] ${message}`, error ?? '');

// These must happen before 'ready'.
keepCrashReportsLocally(log);
// Windows ties notifications (and their clicks) to this id; the installer registers the same (electron-builder.yml appId).
if (process.platform === 'win32') app.setAppUserModelId('org.globalservice.workstation');
app.enableSandbox();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

// The shell's own events to the renderer (links, notification actions, updates), beside the core's.
const shellEvents = new ApiEvents(log);
let focusWindow = () => {};
// Links wait here until the desk can open them; a second launch hands its own over.
const links = createLinkHandOff({
  focus: () => focusWindow(),
  open: ({ conversationId }) => shellEvents.emit('desktop.openConversation', { conversationId }),
});

if (app.requestSingleInstanceLock()) {
  // macOS hands links over with 'open-url', which can come before 'ready'.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.fromUrl(url);
  });
  app.on('second-instance', (_event, argv) => links.fromArgv(argv));
  start().catch((error: unknown) => {
    console.error('[workstation] could not start:', error);
    app.exit(1);
  });
} else {
  // Another instance runs this workstation; it is focused, and gets our link, through 'second-instance'.
  app.quit();
}

async function start(): Promise<void> {
  await app.whenReady();
  const appDir = app.getAppPath();
  lockDownSession(session.defaultSession, APP_ORIGIN);
  registerDeepLinks();
  const preferences = new PreferencesKeeper(app.getPath('userData'), log);
  applyStartAtLogin(preferences.current.startAtLogin);
  // The language the page showed last time, else the system's, until the page says which one it shows now.
  const deskText = createDeskText(preferences.current.interfaceLanguage ?? interfaceLanguageFor(app.getPreferredSystemLanguages()[0] ?? app.getLocale()));
  deskText.onSwitch(() => preferences.update({ interfaceLanguage: deskText.language }));

  const dbPath = path.join(app.getPath('userData'), 'workstation.sqlite');
  const workstation = Workstation.open({
    secretBox: keychainBox(),
    dbPath,
    cacheKey: await desktopCacheKey(dbPath, deskText),
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

  const updates = startDeskUpdates(shellEvents, log);
  let callsOver = () => {};
  const router = createApiRouter(
    {
      ...workstation.handlers,
      'desktop.callState': async ({ inCall }) => {
        updates.callChanged(inCall);
        if (!inCall) callsOver();
        return {};
      },
      'desktop.restartToUpdate': async () => {
        updates.choose('restart-now');
        return {};
      },
      'desktop.postponeUpdate': async () => {
        updates.choose('later');
        return {};
      },
      'desktop.interfaceLanguage': async ({ language }) => {
        deskText.switchTo(language);
        return {};
      },
    },
    (error) => console.error('[workstation] api handler failed:', error),
  );
  const demoLogin = parseDemoLogin(process.env.WORKSTATION_DEMO_LOGIN);
  if (demoLogin) await signInDemoAgent(router, demoLogin, (line) => console.log(`[workstation] ${line}`));

  // Started by the OS at login with "keep running in the tray" on, the window waits in the tray.
  const hidden = openedAtLogin() && preferences.current.closeToTray;
  const window = createWorkstationWindow(path.join(appDir, 'dist', 'preload.cjs'), savedPlacement(preferences), !hidden, deskText.t('window.title'));
  focusWindow = () => bringForward(window);
  rememberWindowPlacement(window, preferences);
  setAppMenu(keepZoom(window, preferences), deskText);
  offerTextMenu(window.webContents, deskText);
  const closeIpc = registerIpc({ window, router, events: joinEvents(workstation, shellEvents), origin: APP_ORIGIN });
  window.webContents.on('did-finish-load', () => {
    links.ready();
    updates.tellAgain();
  });
  links.fromFirstLaunch(process.argv);

  const tray = createDeskTray(window, preferences, {
    showCrashReports,
    sendCrashReport: () => draftCrashReport(log),
    checkForUpdates: updates.checkNow,
    startAtLoginChanged: applyStartAtLogin,
  }, deskText);
  workstation.on('work.changed', (work) => tray.showWork(work));
  workstation.handlers['work.waiting']({}).then(tray.showWork, () => {});
  const notifications = await startDeskNotifications({ window, core: workstation, shell: shellEvents, handlers: workstation.handlers, router, text: deskText, log });
  callsOver = notifications.callsOver;

  const spellCheck = (language: string | null) => setSpellCheckLanguages(session.defaultSession, language, app.getPreferredSystemLanguages());
  workstation.on('session.changed', ({ agent }) => spellCheck(agent?.language ?? null));
  workstation.handlers['session.get']({}).then(
    ({ agent }) => spellCheck(agent?.language ?? null),
    () => spellCheck(null),
  );

  // Closing the window keeps the app in the tray when the agent chose so; quitting always quits.
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (quitting || !preferences.current.closeToTray) return;
    event.preventDefault();
    window.hide();
  });
  app.on('activate', () => bringForward(window));
  app.on('window-all-closed', () => app.quit());
  quitAfter(async () => {
    closeIpc();
    await workstation.close();
  });
}

/** The SIP password is sealed with the OS keychain where there is one (Keychain, DPAPI, libsecret). */
function keychainBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
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
