import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useModels, useModelsStore } from './models-store.js';

/**
 * The catalog's models as checkboxes (for the company's pinned set): the catalog's order, then
 * chosen ids this desk's catalog does not list, kept rather than dropped. `onChange` gets the
 * chosen ids in that order.
 */
export function ModelChecklist({ chosen, onChange }: { chosen: readonly string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const store = useModelsStore();
  const catalog = useModels((s) => s.models);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  const ids = [...catalog.map((model) => model.id), ...chosen.filter((id) => !catalog.some((model) => model.id === id))];
  const toggle = (id: string) => onChange(ids.filter((other) => (other === id ? !chosen.includes(id) : chosen.includes(other))));
  return (
    <ul className="admin-checklist">
      {ids.map((id) => (
        <li key={id}>
          <label>
            <input type="checkbox" data-testid="model-set-model" data-model-id={id} checked={chosen.includes(id)} onChange={() => toggle(id)} />
            {id} <span className="admin-hint">{catalog.find((model) => model.id === id)?.languages ?? t('admin.modelSet.notInCatalog')}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}
