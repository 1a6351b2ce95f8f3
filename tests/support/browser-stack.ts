import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { forkInferenceProcess } from '../../src-main/ai/fork-inference.js';
import { createLanguageSetup } from '../../src-main/host/language-setup.js';
import { createApiRouter } from '../../src-main/core/api-router.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { startWebHost } from '../../src-main/web-host/server.js';
import { startRelay, type RelayOptions, type RunningRelay } from '../../src-relay/server.js';
import { launchChromium } from './chromium.js';

const RENDERER_DIR = path.resolve('dist/renderer');

export interface Desk {
  workstation: Workstation;
  host: Awaited<ReturnType<typeof startWebHost>>;
}

export interface BrowserStack extends Desk {
  relay: RunningRelay;
  browser: Browser;
  /** Another colleague's workstation on the same relay, with its own cache and no models. */
  openDesk(): Promise<Desk>;
  close(): Promise<void>;
}

/**
 * The whole product for a browser test, as `npm start` runs it: a relay with the demo company,
 * a workstation core with on-device language work (models from `writeModels`, none by default)
 * and the service tools, its web host, and Chromium. `relayOptions` add to the relay's (its
 * messaging providers' fake APIs, its public address).
 */
export async function startBrowserStack(
  writeModels: (folder: string) => void = () => {},
  chromiumArgs: string[] = [],
  relayOptions: Partial<RelayOptions> = {},
  /** Where the desk downloads models from (a fake hub), as WORKSTATION_MODEL_HUB sets it; by default the public hub. */
  desk: { hubUrl?: string } = {},
): Promise<BrowserStack> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`.');
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-stack-'));
  const models = path.join(dir, 'models');
  mkdirSync(models);
  writeModels(models);
  const relay = await startRelay({ ...relayOptions, dbPath: path.join(dir, 'relay.sqlite'), seedDemo: true });
  const language = createLanguageSetup({
    launchInference: forkInferenceProcess,
    modelFolders: [{ path: models, source: 'user' }],
    intentsFile: path.resolve('resources/ai/intents.json'),
    catalogFile: path.resolve('resources/models/catalog.json'),
    hubUrl: desk.hubUrl,
    log: () => {},
  });
  const serviceTools = { regionalNotesFile: path.resolve('resources/kb/regional-notes.json'), cannedRepliesFile: path.resolve('resources/kb/canned-replies.json') };
  const replyRulesFile = path.resolve('resources/ai/reply-rules.json');
  const workstation = Workstation.open({ dbPath: path.join(dir, 'workstation.sqlite'), relayUrl: relay.url, language, serviceTools, replyRulesFile, log: () => {} });
  const host = await startWebHost({ router: createApiRouter(workstation.handlers), events: workstation, rendererDir: RENDERER_DIR, connectSources: () => workstation.phoneConnectSources() });
  const browser = await launchChromium(chromiumArgs);
  const desks: Desk[] = [];
  return {
    relay,
    workstation,
    host,
    browser,
    async openDesk() {
      const other = Workstation.open({ dbPath: path.join(dir, `desk-${desks.length}.sqlite`), relayUrl: relay.url, serviceTools, replyRulesFile, log: () => {} });
      const desk = { workstation: other, host: await startWebHost({ router: createApiRouter(other.handlers), events: other, rendererDir: RENDERER_DIR, connectSources: () => other.phoneConnectSources() }) };
      desks.push(desk);
      return desk;
    },
    async close() {
      await browser.close();
      for (const desk of [...desks, { workstation, host }]) {
        await desk.host.close();
        await desk.workstation.close();
      }
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
