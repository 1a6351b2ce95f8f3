import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useModels, useModelsStore } from './models-store.js';
import './settings.css';

/**
 * A slim strip under the top bar about the models fetched at sign-in: progress while they
 * download, the plain reason while they cannot, and nothing once all is in place. A click opens
 * the Models panel.
 */
export function ModelFetchProgress({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const store = useModelsStore();
  const status = useModels((s) => s.autoFetch);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  if (!status || status.state === 'idle') return null;
  const failure = status.state === 'waiting' || status.state === 'done' ? status.failure : null;
  if (status.state === 'done' && !failure) return null;
  const label =
    status.state === 'waiting' ? t('models.autoFetch.waiting') : status.state === 'done' ? t('models.autoFetch.failed') : t('models.autoFetch.fetching', { done: Math.min(status.done + 1, status.total), total: status.total });
  return (
    <div className={`model-fetch banner ${failure ? 'banner--warning' : ''}`} role="status" data-testid="model-fetch-progress" data-state={status.state} data-failure={failure ?? undefined}>
      <button type="button" className="link-button" onClick={onOpen}>
        {label}
      </button>
      {status.state === 'fetching' || status.state === 'planning' ? <progress max={100} value={Math.round(status.fraction * 100)} aria-label={label} /> : null}
      {failure && <span data-testid="model-fetch-failure">{t(`models.failure.${failure}`)}</span>}
    </div>
  );
}
