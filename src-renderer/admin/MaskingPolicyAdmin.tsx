import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../src-shared/domain/model.js';
import { MASKABLE_KINDS, type MaskableKind, type MaskingPolicy } from '../../src-shared/privacy/masking-policy.js';
import { useAdminStore } from './admin-store.js';
import { SaveStatus, useSave } from './save-status.js';

/** Company settings: which kinds of personal data each role's desks receive masked. Card numbers are masked for everyone, always. */
export function MaskingPolicyAdmin({ policy }: { policy: MaskingPolicy }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [chosen, setChosen] = useState<MaskingPolicy>(policy);
  const { status, run } = useSave();
  const toggle = (role: Role, kind: MaskableKind, on: boolean) =>
    setChosen({ ...chosen, [role]: on ? [...chosen[role], kind] : chosen[role].filter((k) => k !== kind) });
  const save = () => run(() => admin.getState().save('admin.saveMaskingPolicy', chosen));
  return (
    <section className="admin-section" data-testid="admin-masking" aria-labelledby="admin-masking-title">
      <h3 id="admin-masking-title">{t('admin.masking.title')}</h3>
      <p className="admin-hint">{t('admin.masking.hint')}</p>
      <table className="supervisor-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.masking.kindColumn')}</th>
            {ROLES.map((role) => (
              <th key={role} scope="col">
                {t(`admin.masking.role.${role}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MASKABLE_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`admin.masking.kind.${kind}`)}</th>
              {ROLES.map((role) => (
                <td key={role}>
                  <input
                    type="checkbox"
                    data-testid={`masking-${role}-${kind}`}
                    aria-label={t('admin.masking.cell', { kind: t(`admin.masking.kind.${kind}`), role: t(`admin.masking.role.${role}`) })}
                    checked={chosen[role].includes(kind)}
                    disabled={kind === 'card'}
                    onChange={(event) => toggle(role, kind, event.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="admin-row">
        <button type="button" className="button button--primary" data-testid="save-masking" onClick={() => void save()}>
          {t('admin.save')}
        </button>
      </div>
      <SaveStatus status={status} savedText={t('admin.masking.saved')} />
    </section>
  );
}
