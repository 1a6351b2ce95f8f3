import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelInfo } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface ModelsState {
  models: ModelInfo[];
  hubUrl: string;
  error: string | null;
  load(): Promise<void>;
  apply(list: { models: ModelInfo[]; hubUrl: string }): void;
  download(modelId: string): Promise<void>;
  cancel(modelId: string): Promise<void>;
}

export type ModelsStore = StoreApi<ModelsState>;

export const modelsContext = createStoreContext<ModelsState>('models');
export const { useStoreApi: useModelsStore, useSlice: useModels } = modelsContext;

/** The on-device models: what is installed, what can be downloaded, what is on its way. */
export function createModelsStore(client: ApiClient): ModelsStore {
  return createStore<ModelsState>()((set) => {
    async function call(method: 'models.list' | 'models.download' | 'models.cancelDownload', params: { modelId?: string }): Promise<void> {
      const result =
        method === 'models.list' ? await client.call(method, {}) : await client.call(method, { modelId: params.modelId ?? '' });
      if (result.ok) set({ models: result.value.models, hubUrl: result.value.hubUrl, error: null });
      else set({ error: result.error.message });
    }
    return {
      models: [],
      hubUrl: '',
      error: null,
      load: () => call('models.list', {}),
      apply: ({ models, hubUrl }) => set({ models, hubUrl }),
      download: (modelId) => call('models.download', { modelId }),
      cancel: (modelId) => call('models.cancelDownload', { modelId }),
    };
  });
}
