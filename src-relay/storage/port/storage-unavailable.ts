/**
 * The database could not do the work now, through no fault of the work: the connection was lost
 * or refused (a restart, a failover, a full pool), or the database gave up on the transaction
 * (a serialization failure, a deadlock). Nothing of the work was committed, or, if the
 * connection dropped during COMMIT, it is unknown whether it was: either way the same work may
 * be tried again, which is why a push is idempotent (mutation ids). Transports turn it into a
 * refusal the client retries, never into a crash.
 */
export class StorageUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailable';
  }
}
