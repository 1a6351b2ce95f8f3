import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkInferenceProcess } from '../ai/fork-inference.js';
import { createLanguageSetup } from '../host/language-setup.js';
import type { ModelFolder } from '../ai/models/model-manager.js';
import { createApiRouter } from '../core/api-router.js';
import { Workstation } from '../core/workstation.js';
import { parseDemoLogin, signInDemoAgent } from '../host/demo-login.js';
import { wipeDeviceFiles } from '../host/device-wipe.js';
import { webHostCacheKey } from './cache-key.js';
import { startWebHost } from './server.js';

/**
 * Runs one workstation core and serves it to a browser on this machine.
 *
 *   WORKSTATION_DB          SQLite cache (default .data/workstation.sqlite), encrypted at rest
 *   WORKSTATION_CACHE_KEY   its key: 64 hex digits; without it the host asks for a passphrase at the terminal
 *   WORKSTATION_NEW_CACHE_KEY  rotation: the cache is re-encrypted under this key at start
 *   WORKSTATION_RELAY_URL   relay to sync with (default http://127.0.0.1:8787)
 *   WORKSTATION_PORT        port on 127.0.0.1 (default 0: any free port)
 *   WORKSTATION_DEMO_LOGIN  email:password to sign in with when nobody is signed in
 *   WORKSTATION_MODELS_DIR  the user's model folder, where downloads go (default .data/models)
 *   WORKSTATION_ADMIN_MODELS_DIR  a folder of models an administrator provides (optional)
 *   WORKSTATION_INTENTS     the intents file (default resources/ai/intents.json)
 *   WORKSTATION_REPLY_RULES the reply rules checked before a reply leaves (default resources/ai/reply-rules.json)
 *   WORKSTATION_MODEL_HUB   where models download from: a company mirror (default the public hub)
 *   WORKSTATION_REGIONAL_NOTES, WORKSTATION_CANNED_REPLIES  a company's own files (default resources/kb/)
 *
 * Prints `WORKSTATION_URL=<url>` once it serves; the url carries the launch key.
 */

const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';

async function main(): Promise<void> {
  const port = parsePort(process.env.WORKSTATION_PORT);
  const dbPath = path.resolve(process.env.WORKSTATION_DB || '.data/workstation.sqlite');
  const relayUrl = process.env.WORKSTATION_RELAY_URL || DEFAULT_RELAY_URL;
  const rendererDir = path.join(packageRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    say(`No built renderer in ${rendererDir}: run \`npm run build\` first. Serving the api only.`);
  }

  mkdirSync(path.dirname(dbPath), { recursive: true });
  const log = (message: string, error?: unknown) => console.error(`[workstation] ${message}`, error ?? '');
  const language = createLanguageSetup({
    launchInference: forkInferenceProcess,
    modelFolders: modelFolders(),
    intentsFile: path.resolve(process.env.WORKSTATION_INTENTS || path.join(packageRoot(), 'resources', 'ai', 'intents.json')),
    catalogFile: path.join(packageRoot(), 'resources', 'models', 'catalog.json'),
    hubUrl: process.env.WORKSTATION_MODEL_HUB,
    log,
  });
  const kb = path.join(packageRoot(), 'resources', 'kb');
  const serviceTools = {
    regionalNotesFile: path.resolve(process.env.WORKSTATION_REGIONAL_NOTES || path.join(kb, 'regional-notes.json')),
    cannedRepliesFile: path.resolve(process.env.WORKSTATION_CANNED_REPLIES || path.join(kb, 'canned-replies.json')),
  };
  const replyRulesFile = path.resolve(process.env.WORKSTATION_REPLY_RULES || path.join(packageRoot(), 'resources', 'ai', 'reply-rules.json'));
  const cacheKey = await webHostCacheKey(dbPath);
  const wipeDevice = async () => {
    await host.close();
    await workstation.close();
    wipeDeviceFiles(dbPath, path.join(path.dirname(dbPath), 'files'));
    say('Signed out and wiped this device: the cache, its file copies and its key are gone.');
    process.exit(0);
  };
  const workstation = Workstation.open({ dbPath, cacheKey, relayUrl, log, language, serviceTools, replyRulesFile, wipeDevice });
  const router = createApiRouter(workstation.handlers, (error) => console.error('[workstation] api handler failed:', error));
  const demoLogin = parseDemoLogin(process.env.WORKSTATION_DEMO_LOGIN);
  if (demoLogin) await signInDemoAgent(router, demoLogin, say);

  const host = await startWebHost({ router, events: workstation, rendererDir, port, connectSources: () => workstation.phoneConnectSources() }).catch(async (error: unknown) => {
    await workstation.close();
    throw error;
  });
  say(`Serving the workstation for the relay at ${relayUrl}`);
  console.log(`WORKSTATION_URL=${host.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: closing the workstation.`);
    await host.close();
    await workstation.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function modelFolders(): ModelFolder[] {
  const user = { path: path.resolve(process.env.WORKSTATION_MODELS_DIR || '.data/models'), source: 'user' as const };
  const adminDir = process.env.WORKSTATION_ADMIN_MODELS_DIR;
  const admin = adminDir ? [{ path: path.resolve(adminDir), source: 'admin' as const }] : [];
  return [user, ...admin, { path: path.join(packageRoot(), 'resources', 'models'), source: 'bundled' }];
}

function parsePort(value: string | undefined): number {
  if (!value) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`WORKSTATION_PORT must be a port number from 0 to 65535, not "${value}".`);
  }
  return port;
}

/** The folder with package.json: two levels up from src-main/web-host, three from dist/src-main/web-host. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the folder with package.json above the web host.');
    dir = parent;
  }
  return dir;
}

function say(line: string): void {
  console.log(`[web-host] ${line}`);
}

main().catch((error: unknown) => {
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(`[web-host] ${inUse ? `Port ${process.env.WORKSTATION_PORT} is already taken; set WORKSTATION_PORT to a free port.` : String(error instanceof Error ? error.message : error)}`);
  process.exit(1);
});
