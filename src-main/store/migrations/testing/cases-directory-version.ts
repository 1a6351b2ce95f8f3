import { expect } from 'vitest';
import { addDirectoryVersion } from '../0024-add-directory-version.js';
import { rows, type CacheCase } from './cache-rows.js';

/** A directory cached before versions has none: the next welcome sends it whole. */
export const CASES_DIRECTORY_VERSION: CacheCase[] = [
  {
    migration: addDirectoryVersion,
    before(db) {
      db.exec(`UPDATE session SET colleagues_json = '[{"id":"bob"}]'`);
    },
    schema: { altered: ['table session + directory_version TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT colleagues_json, directory_version FROM session')).toEqual([{ colleagues_json: '[{"id":"bob"}]', directory_version: null }]);
    },
  },
];
