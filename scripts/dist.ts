// npm run dist [-- electron-builder options]: the installers from electron-builder.yml, their
// update feed taken from WORKSTATION_UPDATE_URL (an https:// folder, or github:owner/repo) and
// written into each app as app-update.yml. Signing reads its own variables (docs/desktop.md).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseUpdateFeed, publishArgs } from '../src-main/desktop/update-policy.js';

const feed = process.env.WORKSTATION_UPDATE_URL;
if (!feed) console.warn('[dist] WORKSTATION_UPDATE_URL is not set: these installers will not update themselves (docs/desktop.md).');
const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const args = [cli, '--config', 'electron-builder.yml', ...(feed ? publishArgs(parseUpdateFeed(feed)) : []), ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(run.status ?? 1);
