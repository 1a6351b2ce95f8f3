import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeTinyBert, writeTinyM2M100, writeTinyMarian } from '../../testing/tiny-models.js';
import type { Catalog } from '../catalog.js';
import type { FakeRepos } from './fake-hub.js';

/**
 * Every repo of `catalog` with tiny generated models of its kind (tiny-models.ts), for a fake hub
 * that serves the whole catalog: pairs share one tiny MarianMT, the many-to-many model is a tiny
 * m2m100, the embedding model a tiny BERT. The files are those the catalog lists.
 */
export function tinyReposFor(catalog: Catalog): FakeRepos {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tiny-hub-'));
  try {
    const folders = { pair: writeTinyMarian(scratch, 'pair'), many: writeTinyM2M100(scratch, 'many'), embedding: writeTinyBert(scratch, 'embedding') };
    const repos: FakeRepos = {};
    for (const entry of catalog.models) {
      const folder = entry.task === 'embedding' ? folders.embedding : entry.multilingual ? folders.many : folders.pair;
      repos[entry.repo] = Object.fromEntries(entry.files.map((file) => [file, readFileSync(path.join(folder, file))]));
    }
    return repos;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
