// Runs before `npm test`: better-sqlite3 must be built for this Node. A desktop `npm start`
// rebuilds it for Electron's ABI, which plain Node cannot load.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function loadError() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

const problem = loadError();
if (problem) {
  console.log(`better-sqlite3 does not load under Node ${process.version} (${problem}).`);
  console.log('It was probably built for Electron by a desktop `npm start`; rebuilding it for Node: npm rebuild better-sqlite3');
  const rebuild = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
  // Check in a fresh process: this one has already tried to load the old binary.
  const check = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { stdio: 'inherit' });
  if (rebuild.status !== 0 || check.status !== 0) {
    console.error('better-sqlite3 still does not load under this Node. Try `npm rebuild better-sqlite3` by hand and read its output.');
    process.exit(1);
  }
  console.log('better-sqlite3 rebuilt for this Node.');
}
