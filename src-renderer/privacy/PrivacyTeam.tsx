import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrivacy, usePrivacyStore } from './privacy-store.js';

/** Administrators choose who else may use the register: the privacy capability, on any account. */
export function PrivacyTeam() {
  const { t } = useTranslation();
  const privacy = usePrivacyStore();
  const team = usePrivacy((s) => s.team);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void privacy.getState().loadTeam();
  }, [privacy]);
  if (!team) return null;
  return (
    <section className="privacy-team" data-testid="privacy-team" aria-labelledby="privacy-team-title">
      <h3 id="privacy-team-title">{t('privacy.team.title')}</h3>
      <p className="privacy-hint">{t('privacy.team.hint')}</p>
      <ul>
        {team.accounts.map((account) => (
          <li key={account.id}>
            <label className="privacy-check">
              <input
                type="checkbox"
                data-testid="privacy-holder"
                data-agent-id={account.id}
                checked={team.holderIds.includes(account.id)}
                onChange={(e) => void privacy.getState().setHolder(account.id, e.target.checked).then(setProblem)}
              />
              <span dir="auto">{account.name}</span>
            </label>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="privacy-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
