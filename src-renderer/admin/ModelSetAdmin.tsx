import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModelChecklist } from '../settings/ModelChecklist.js';
import { useAdminStore } from './admin-store.js';
import { SaveStatus, useSave } from './save-status.js';

/** The company's pinned model set: every desk fetches exactly these at sign-in, in catalog order; none pinned, each desk chooses. */
export function ModelSetAdmin({ pinned }: { pinned: string[] | null }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [pinning, setPinning] = useState(pinned !== null);
  const [chosen, setChosen] = useState<string[]>(pinned ?? []);
  const { status, run } = useSave();
  const save = () => run(() => admin.getState().save('admin.saveModelSet', { models: pinning ? chosen : null }));
  return (
    <section className="admin-section" data-testid="admin-model-set" aria-labelledby="admin-model-set-title">
      <h3 id="admin-model-set-title">{t('admin.modelSet.title')}</h3>
      <p className="admin-hint">{t('admin.modelSet.hint')}</p>
      <div className="admin-row">
        <label className="admin-inline">
          <input type="radio" name="model-set-mode" data-testid="model-set-choose" checked={!pinning} onChange={() => setPinning(false)} />
          {t('admin.modelSet.choose')}
        </label>
        <label className="admin-inline">
          <input type="radio" name="model-set-mode" data-testid="model-set-pin" checked={pinning} onChange={() => setPinning(true)} />
          {t('admin.modelSet.pin')}
        </label>
      </div>
      {pinning && <ModelChecklist chosen={chosen} onChange={setChosen} />}
      <button type="button" className="button button--primary" data-testid="save-model-set" disabled={pinning && chosen.length === 0} onClick={() => void save()}>
        {t('admin.save')}
      </button>
      <SaveStatus status={status} savedText={t('admin.modelSet.saved')} />
    </section>
  );
}
