import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelNeed } from '../../src-shared/api/contract.js';
import { useModels, useModelsStore } from './models-store.js';

const GB = 1_000_000_000;

/** What the user's models take on disk, and the limit downloads stay within, which the agent sets. */
export function BudgetForm() {
  const { t, i18n } = useTranslation();
  const store = useModelsStore();
  const budget = useModels((s) => s.budget);
  const [limit, setLimit] = useState('');
  useEffect(() => {
    // Only a new limit resets the field, not each progress report.
    if (budget) setLimit(String(budget.budgetBytes / GB));
  }, [budget?.budgetBytes]);
  if (!budget) return null;
  const size = (bytes: number) =>
    bytes < GB
      ? new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: bytes < 10_000_000 ? 1 : 0 }).format(bytes / 1_000_000)
      : new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 2 }).format(bytes / GB);
  const chosen = Number(limit);
  const valid = limit.trim() !== '' && Number.isFinite(chosen) && chosen >= 0;
  return (
    <form
      className="models-budget"
      data-testid="models-budget"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void store.getState().setBudget(Math.round(chosen * GB));
      }}
    >
      <span data-testid="models-budget-used">{t('models.budget.used', { used: size(budget.usedBytes), budget: size(budget.budgetBytes) })}</span>
      <label>
        {t('models.budget.label')}{' '}
        <input className="input" type="number" min={0} step={0.1} data-testid="models-budget-input" value={limit} onChange={(event) => setLimit(event.target.value)} />
      </label>
      <button type="submit" className="button" disabled={!valid}>
        {t('models.budget.save')}
      </button>
    </form>
  );
}

/** What sign-in fetched on its own, and what it left out and why. */
export function AutoFetchSummary() {
  const { t } = useTranslation();
  const status = useModels((s) => s.autoFetch);
  const describe = useNeedText();
  if (!status || status.state === 'idle') return null;
  const failure = status.state === 'waiting' || status.state === 'done' ? status.failure : null;
  return (
    <div className="models-auto" data-testid="models-auto-fetch" data-state={status.state}>
      <strong>{t('models.autoFetch.title')}</strong>
      {status.pinned && <span>{t('models.autoFetch.pinned')}</span>}
      {failure && (
        <span className="models-row-error" role="status">
          {t(`models.failure.${failure}`)}
        </span>
      )}
      {status.leftOut.length > 0 && (
        <ul aria-label={t('models.autoFetch.leftOut')}>
          {status.leftOut.map((left, index) => (
            <li key={index} data-testid="models-left-out" data-reason={left.reason}>
              {t('models.autoFetch.leftOut')}: {describe(left.need)}
              {left.modelIds.length > 0 && ` (${left.modelIds.join(', ')})`} – {t(`models.autoFetch.reason.${left.reason}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function useNeedText(): (need: ModelNeed) => string {
  const { t, i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
  return (need) => {
    if (need.kind === 'embedding') return t('models.autoFetch.need.embedding');
    if (need.kind === 'pinned') return t('models.autoFetch.need.pinned', { id: need.modelId });
    return t(`models.autoFetch.need.${need.kind}`, { source: names.of(need.source) ?? need.source, target: names.of(need.target) ?? need.target });
  };
}
