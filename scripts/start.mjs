// `npm start`: build everything, start the relay with the demo company, and open the
// workstation signed in as the demo agent - in Electron where it can run, else in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_AGENT = { email: 'mei@demo.test', password: 'demo1234' };
const HOST = process.env.RELAY_HOST || '127.0.0.1';
const relayPort = portFromEnv('RELAY_PORT', 8787);
const workstationPort = portFromEnv('WORKSTATION_PORT', 5173);
const relayUrl = `http://${HOST === '0.0.0.0' ? '127.0.0.1' : HOST}:${relayPort}`;
const ELECTRON_DOWNLOAD_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 30_000;

/** Child processes still running, newest last; stopped newest first. */
const children = [];
let stopping = false;

await main().catch((error) => {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  return stopAll(1);
});

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  await ensurePortFree(relayPort, 'RELAY_PORT');
  mkdirSync(path.join(root, '.data'), { recursive: true });
  run('npm', ['run', 'build'], "Building the renderer, the customer's web chat, the Node sides and the preload");

  const electron = findElectron();
  if (electron.path) await startDesktop(electron.path);
  else await startForBrowser(electron.reason);
}

async function startDesktop(electronPath) {
  run('npx', ['electron-builder', 'install-app-deps'], "Rebuilding native modules (better-sqlite3, better-sqlite3-multiple-ciphers) for Electron's ABI");
  // The relay runs on Electron's Node so both processes load the same better-sqlite3 build.
  await startRelay(electronPath, { ELECTRON_RUN_AS_NODE: '1' });
  console.log(`\nOpening the workstation window, signed in as ${DEMO_AGENT.email}.`);
  printDemoAccess();
  launch('workstation', electronPath, ['.'], {
    WORKSTATION_RELAY_URL: relayUrl,
    WORKSTATION_DEMO_LOGIN: `${DEMO_AGENT.email}:${DEMO_AGENT.password}`,
  });
}

async function startForBrowser(reason) {
  console.log(`\nElectron is not available on this machine (${reason}). Serving the same workstation for a browser instead:`);
  run(process.execPath, [path.join('scripts', 'ensure-node-abi.mjs')], null);
  await ensurePortFree(workstationPort, 'WORKSTATION_PORT');
  await startRelay(process.execPath, {});
  const host = launch('workstation', process.execPath, [path.join('dist', 'src-main', 'web-host', 'cli.js')], {
    WORKSTATION_PORT: String(workstationPort),
    WORKSTATION_DB: path.join(root, '.data', 'workstation.sqlite'),
    WORKSTATION_CACHE_KEY: demoCacheKey(),
    WORKSTATION_RELAY_URL: relayUrl,
    WORKSTATION_DEMO_LOGIN: `${DEMO_AGENT.email}:${DEMO_AGENT.password}`,
  });
  const url = await host.line(/^WORKSTATION_URL=(.+)$/);
  console.log('');
  row(`Workstation (demo agent ${DEMO_AGENT.email})`, url);
  printDemoAccess();
}

/**
 * The web host's cache is encrypted; a real one takes its key from a secret store or asks for a
 * passphrase. The demo keeps its key in .data/ beside the cache, which protects nothing, and says so.
 */
function demoCacheKey() {
  const file = path.join(root, '.data', 'demo-cache.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  console.log(`  (demo: the cache key lies in ${path.relative(root, file)}; a real desk keeps it in the OS keychain or asks for a passphrase)`);
  return readFileSync(file, 'utf8').trim();
}

function printDemoAccess() {
  row('Customer web chat', `${relayUrl}/chat`);
  row('Relay', relayUrl);
  console.log(`\n  Demo logins, password ${DEMO_AGENT.password}:`);
  console.log('    agents      mei@demo.test, somchai@demo.test, lucia@demo.test, hans@demo.test, olivia@demo.test');
  console.log('    supervisor  sam@demo.test');
  console.log('    admin       admin@demo.test');
  console.log('\n  Ctrl+C stops everything.\n');
}

function row(label, value) {
  console.log(`  ${`${label}:`.padEnd(42)}${value}`);
}

async function startRelay(executable, env) {
  const relay = launch('relay', executable, [path.join('dist', 'src-relay', 'cli.js'), '--demo'], {
    ...env,
    RELAY_PORT: String(relayPort),
    RELAY_HOST: HOST,
    RELAY_DB: path.join(root, '.data', 'relay.sqlite'),
  });
  await Promise.race([waitForPort(relayPort), relay.exited.then((code) => Promise.reject(new Error(`The relay stopped before it was ready (exit code ${code}).`)))]);
}

/** Where Electron's binary is, or why it cannot be used here. */
function findElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  const found = electronBinary();
  if (found) return { path: found };
  console.log(`Electron's binary is not downloaded yet; trying to fetch it (for at most ${ELECTRON_DOWNLOAD_TIMEOUT_MS / 1000} s).`);
  const download = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: ELECTRON_DOWNLOAD_TIMEOUT_MS,
  });
  const downloaded = electronBinary();
  if (downloaded) return { path: downloaded };
  if (download.error?.code === 'ETIMEDOUT') return { reason: 'its binary could not be downloaded in time' };
  const lastLine = `${download.stderr ?? ''}`.trim().split('\n').find((line) => /error/i.test(line)) ?? download.error?.message ?? 'no details';
  return { reason: `its binary is not installed and the download failed: ${lastLine.trim().slice(0, 160)}` };
}

/** Reads the location electron's own install script records, without require('electron'), which would download. */
function electronBinary() {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Runs a step to completion; a failed step ends the launcher with its name. */
function run(command, args, title) {
  if (title) console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    throw new Error(`Failed: ${[command, ...args].join(' ')} (${result.error?.message ?? `exit code ${result.status}`}).`);
  }
}

/**
 * Starts a long-running child with its output prefixed by `name`. A child that stops on its
 * own stops the others too.
 */
function launch(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { name, process: child };
  children.push(entry);
  const watchers = [];
  const prefix = (stream, write) =>
    readline.createInterface({ input: stream }).on('line', (line) => {
      write(`${name.padEnd(11)}| ${line}\n`);
      for (const watcher of watchers) watcher(line);
    });
  prefix(child.stdout, (text) => process.stdout.write(text));
  prefix(child.stderr, (text) => process.stderr.write(text));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  exited.then((code) => {
    children.splice(children.indexOf(entry), 1);
    if (stopping) return;
    // Closing the window ends the session normally; anything else stopping is a failure.
    if (code === 0) console.log(`\nThe ${name} has closed; stopping everything.`);
    else console.error(`\nThe ${name} stopped (exit code ${code}); stopping everything.`);
    void stopAll(code === 0 ? 0 : 1);
  });
  return {
    process: child,
    exited,
    /** The first capture of `pattern` in the child's output. */
    line(pattern) {
      return new Promise((resolve, reject) => {
        watchers.push((line) => {
          const match = pattern.exec(line);
          if (match) resolve(match[1]);
        });
        exited.then((code) => reject(new Error(`The ${name} stopped before it was ready (exit code ${code}).`)));
      });
    },
  };
}

/** Stops the children newest first (the workstation before its relay), then exits. */
async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const { process: child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killTimer);
  }
  process.exit(exitCode);
}

function portFromEnv(name, fallback) {
  const value = process.env[name];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name} must be a port number from 1 to 65535, not "${value}".`);
    process.exit(1);
  }
  return port;
}

function ensurePortFree(port, envName) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      reject(new Error(`Port ${port} on ${HOST} is already in use (${envName}). Stop what runs there (another \`npm start\`?) or pick another port, e.g. ${envName}=${port + 1} npm start`));
    });
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  });
}

async function waitForPort(port) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await canConnect(port))) {
    if (Date.now() > deadline) throw new Error(`Nothing answered on port ${port} after ${READY_TIMEOUT_MS / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST === '0.0.0.0' ? '127.0.0.1' : HOST, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
