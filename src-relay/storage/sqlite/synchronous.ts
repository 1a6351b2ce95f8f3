/**
 * A repository of the port as better-sqlite3 implements it: the same methods, answering at once.
 * The adapter (sqlite-storage.ts) turns each into the port's promise, so the compiler checks
 * every store against the port.
 */
export type Synchronous<Repository> = {
  [Method in keyof Repository]: Repository[Method] extends (...args: infer Args) => Promise<infer Result> ? (...args: Args) => Result : never;
};
