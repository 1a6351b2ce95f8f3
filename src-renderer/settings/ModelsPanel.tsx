import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../src-shared/api/contract.js';
import { AutoFetchSummary, BudgetForm } from './ModelsBudget.js';
import { useModels, useModelsStore } from './models-store.js';
import './settings.css';

/**
 * The on-device models: installed ones with size, licence and where they came from; missing
 * ones to download from the hub or the company mirror, with progress. Everything works offline
 * with what is installed.
 */
export function ModelsPanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  const store = useModelsStore();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      void store.getState().load();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, store]);

  // Closed, the dialog is empty: its tables and budget form are not worth rendering at every start.
  return (
    <dialog ref={dialogRef} className="dialog models-panel" data-testid="models-panel" aria-labelledby="models-title" onClose={onClose}>
      {open && <ModelsPanelBody onClose={onClose} />}
    </dialog>
  );
}

function ModelsPanelBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const models = useModels((s) => s.models);
  const hubUrl = useModels((s) => s.hubUrl);
  const error = useModels((s) => s.error);
  const installed = models.filter((m) => m.state === 'installed');
  const others = models.filter((m) => m.state !== 'installed');
  return (
    <>
      <h2 id="models-title">{t('models.title')}</h2>
      <p className="models-intro">{t('models.intro', { source: hubUrl })}</p>
      {error && (
        <p className="models-error" role="alert">
          {error}
        </p>
      )}
      <BudgetForm />
      <AutoFetchSummary />
      <ModelTable caption={t('models.installed')} models={installed} empty={t('models.noneInstalled')} />
      <ModelTable caption={t('models.available')} models={others} empty={t('models.noneAvailable')} />
      <div className="models-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('models.close')}
        </button>
      </div>
    </>
  );
}

function ModelTable({ caption, models, empty }: { caption: string; models: ModelInfo[]; empty: string }) {
  const { t } = useTranslation();
  return (
    <table className="models-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('models.name')}</th>
          <th scope="col">{t('models.languages')}</th>
          <th scope="col">{t('models.size')}</th>
          <th scope="col">{t('models.licence')}</th>
          <th scope="col">{t('models.status')}</th>
        </tr>
      </thead>
      <tbody>
        {models.length === 0 && (
          <tr>
            <td colSpan={5} className="models-empty">
              {empty}
            </td>
          </tr>
        )}
        {models.map((model) => (
          <ModelRow key={model.id} model={model} />
        ))}
      </tbody>
    </table>
  );
}

function ModelRow({ model }: { model: ModelInfo }) {
  const { t, i18n } = useTranslation();
  const size = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: model.sizeBytes < 10_000_000 ? 1 : 0 }).format(model.sizeBytes / 1_000_000);
  return (
    <tr data-testid="model-row" data-model-id={model.id} data-state={model.state}>
      <th scope="row">
        {model.id}
        <span className="models-task">{t(`models.task.${model.task}`)}</span>
      </th>
      <td>{model.languages}</td>
      <td>{model.state === 'installed' ? size : `~${size}`}</td>
      <td>{model.licence}</td>
      <td>
        <ModelStatus model={model} />
      </td>
    </tr>
  );
}

function ModelStatus({ model }: { model: ModelInfo }) {
  const { t } = useTranslation();
  const models = useModelsStore();
  if (model.state === 'installed') return <span>{t(`models.source.${model.source ?? 'user'}`)}</span>;
  if (model.state === 'downloading' && model.progress) {
    const percent = model.progress.total > 0 ? Math.floor((100 * model.progress.done) / model.progress.total) : 0;
    return (
      <span className="models-progress">
        <progress max={100} value={percent} aria-label={t('models.progress', { id: model.id })} />
        <span>{percent}%</span>
        <button type="button" className="link-button" data-testid="model-cancel" onClick={() => void models.getState().cancel(model.id)}>
          {t('models.cancel')}
        </button>
      </span>
    );
  }
  return (
    <span className="models-progress">
      <button type="button" className="button" data-testid="model-download" onClick={() => void models.getState().download(model.id)}>
        {t('models.download')}
      </button>
      {model.error && (
        <span className="models-row-error" data-testid="model-error" data-failure={model.failure ?? undefined} title={model.failure ? model.error : undefined}>
          {model.failure ? t(`models.failure.${model.failure}`) : model.error}
        </span>
      )}
    </span>
  );
}
