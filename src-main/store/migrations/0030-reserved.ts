import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * Number 30 was handed to another branch of issue 21 while this one (views) got 31. This step
 * changes nothing, so version 31 can follow; when the branches meet, that branch's 0030 takes
 * its place.
 */
export const reservedForAnotherBranch: Migration = {
  version: 30,
  name: 'reserved',
  up() {},
};
