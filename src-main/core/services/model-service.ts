import type { MethodOutput } from '../../../src-shared/api/contract.js';
import type { ModelManager } from '../../ai/models/model-manager.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { Guards } from './guards.js';

export type ModelHandlers = NamespaceHandlers<'models'>;

/** The settings' model list: what is installed, what may be downloaded, and downloads under way. */
export function modelHandlers(guards: Guards, models: ModelManager | null): ModelHandlers {
  return {
    'models.list': async () => {
      guards.requireOpen();
      return modelList(models);
    },
    'models.download': async (params) => {
      guards.requireOpen();
      if (!models) throw new ApiFailure('unavailable', 'This workstation has no model manager.');
      try {
        models.download(params.modelId);
      } catch (error) {
        throw new ApiFailure('not_found', error instanceof Error ? error.message : String(error));
      }
      return modelList(models);
    },
    'models.cancelDownload': async (params) => {
      guards.requireOpen();
      models?.cancel(params.modelId);
      return modelList(models);
    },
  };
}

/** Empty without a model manager. */
export function modelList(models: ModelManager | null): MethodOutput<'models.list'> {
  return { models: models?.list() ?? [], hubUrl: models?.hubUrl() ?? '' };
}
