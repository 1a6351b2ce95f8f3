// Bundles the preload into one CommonJS file: a sandboxed preload can neither be ESM nor
// require files of its own, only 'electron'.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [path.join(root, 'src-main/electron/preload.ts')],
  outfile: path.join(root, 'dist/preload.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'chrome140',
  external: ['electron'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
console.log('Built dist/preload.cjs');
