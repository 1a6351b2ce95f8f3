import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AutoFetchStatus, ModelBudget, ModelInfo } from '../../src-shared/api/contract.js';
import type { ApiResult } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

type ModelList = { models: ModelInfo[]; hubUrl: string; budget?: ModelBudget; autoFetch?: AutoFetchStatus };

export interface ModelsState {
  models: ModelInfo[];
  hubUrl: string;
  /** The disk the user's models may take; null until loaded, or on a desk without models. */
  budget: ModelBudget | null;
  /** The models fetched since sign-in, without a click. */
  autoFetch: AutoFetchStatus | null;
  error: string | null;
  load(): Promise<void>;
  apply(list: ModelList): void;
  download(modelId: string): Promise<void>;
  cancel(modelId: string): Promise<void>;
  setBudget(budgetBytes: number): Promise<void>;
}

export type ModelsStore = StoreApi<ModelsState>;

export const modelsContext = createStoreContext<ModelsState>('models');
export const { useStoreApi: useModelsStore, useSlice: useModels } = modelsContext;

/** The on-device models: what is installed, what can be downloaded, what is on its way. */
export function createModelsStore(client: ApiClient): ModelsStore {
  return createStore<ModelsState>()((set) => {
    const listed = (list: ModelList) => ({ models: list.models, hubUrl: list.hubUrl, budget: list.budget ?? null, autoFetch: list.autoFetch ?? null });
    async function call(request: () => Promise<ApiResult<ModelList>>): Promise<void> {
      const result = await request();
      if (result.ok) set({ ...listed(result.value), error: null });
      else set({ error: result.error.message });
    }
    return {
      models: [],
      hubUrl: '',
      budget: null,
      autoFetch: null,
      error: null,
      load: () => call(() => client.call('models.list', {})),
      apply: (list) => set(listed(list)),
      download: (modelId) => call(() => client.call('models.download', { modelId })),
      cancel: (modelId) => call(() => client.call('models.cancelDownload', { modelId })),
      setBudget: (budgetBytes) => call(() => client.call('models.setBudget', { budgetBytes })),
    };
  });
}
