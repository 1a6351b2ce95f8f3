import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's resources/ folder, found upwards from this file, so the relay finds its
 * help style and demo data both from source (tsx) and from dist/.
 */
export function resourcesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'demo', 'seed.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('The relay cannot find resources/demo/seed.json above its own folder.');
    dir = parent;
  }
}
