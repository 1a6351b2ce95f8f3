/** See relay-memory-report.mjs. */
export function reportRelayMemory(): void;
