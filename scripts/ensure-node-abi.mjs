// Runs before `npm test`: the SQLite modules must be built for this Node. A desktop `npm start`
// rebuilds them for Electron's ABI, which plain Node cannot load. better-sqlite3 is the relay's,
// better-sqlite3-multiple-ciphers the desk cache's (encrypted at rest).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MODULES = ['better-sqlite3', 'better-sqlite3-multiple-ciphers'];

function loadError(name) {
  try {
    const Database = require(name);
    new Database(':memory:').close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

for (const name of MODULES) {
  const problem = loadError(name);
  if (!problem) continue;
  console.log(`${name} does not load under Node ${process.version} (${problem}).`);
  console.log(`It was probably built for Electron by a desktop \`npm start\`; rebuilding it for Node: npm rebuild ${name}`);
  const rebuild = spawnSync('npm', ['rebuild', name], { stdio: 'inherit', shell: process.platform === 'win32' });
  // Check in a fresh process: this one has already tried to load the old binary.
  const check = spawnSync(process.execPath, ['-e', `new (require('${name}'))(':memory:').close()`], { stdio: 'inherit' });
  if (rebuild.status !== 0 || check.status !== 0) {
    console.error(`${name} still does not load under this Node. Try \`npm rebuild ${name}\` by hand and read its output.`);
    process.exit(1);
  }
  console.log(`${name} rebuilt for this Node.`);
}
