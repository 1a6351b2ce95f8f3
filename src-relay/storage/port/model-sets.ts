/** Each company's pinned model set (src-shared/protocol/model-set.ts); absent, desks choose their own. */
export interface ModelSetsRepository {
  pinnedOf(tenantId: string): Promise<string[] | null>;
  /** Null removes the pin. */
  setPinned(tenantId: string, models: readonly string[] | null, at: number): Promise<void>;
}
