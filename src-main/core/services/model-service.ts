import type { MethodOutput } from '../../../src-shared/api/contract.js';
import type { ModelAutoFetch } from '../../ai/models/model-auto-fetch.js';
import type { ModelManager } from '../../ai/models/model-manager.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { Guards } from './guards.js';

export type ModelHandlers = NamespaceHandlers<'models'>;

/** The model manager, and the auto-fetch that runs on it from sign-in. */
export interface DeskModels {
  manager: ModelManager;
  autoFetch: ModelAutoFetch;
  /** Plans the signed-in agent's models again (a new budget may fit what was left out). */
  replan(): void;
}

/** The settings' model list: what is installed, what may be downloaded, and downloads under way. */
export function modelHandlers(guards: Guards, models: DeskModels | null): ModelHandlers {
  return {
    'models.list': async () => {
      guards.requireOpen();
      return modelList(models);
    },
    'models.download': async (params) => {
      guards.requireOpen();
      if (!models) throw new ApiFailure('unavailable', 'This workstation has no model manager.');
      try {
        models.manager.download(params.modelId);
      } catch (error) {
        throw new ApiFailure('not_found', error instanceof Error ? error.message : String(error));
      }
      return modelList(models);
    },
    'models.cancelDownload': async (params) => {
      guards.requireOpen();
      models?.manager.cancel(params.modelId);
      return modelList(models);
    },
    'models.setBudget': async (params) => {
      guards.requireOpen();
      if (!models) throw new ApiFailure('unavailable', 'This workstation has no model manager.');
      models.manager.setBudget(params.budgetBytes);
      models.replan();
      return modelList(models);
    },
  };
}

/** Empty without a model manager. */
export function modelList(models: DeskModels | null): MethodOutput<'models.list'> {
  if (!models) return { models: [], hubUrl: '' };
  return { models: models.manager.list(), hubUrl: models.manager.hubUrl(), budget: models.manager.budget(), autoFetch: models.autoFetch.current() };
}
