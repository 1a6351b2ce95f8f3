import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Team } from '../../src-shared/domain/model.js';
import { credentialsFromForm } from '../../src-shared/protocol/channels/account-forms.js';
import type { ProviderChoice } from './channel-account-choices.js';
import { useChannelAccountsStore } from './channel-accounts-store.js';
import { CredentialFields } from './CredentialFields.js';
import { SaveStatus, TextField, useSave } from './save-status.js';

/** Connect an account: the provider, a name, the team it routes to, and the provider's credentials. */
export function ChannelConnectForm({ choices, teams }: { choices: ProviderChoice[]; teams: Team[] }) {
  const { t } = useTranslation();
  const store = useChannelAccountsStore();
  const first = choices.find((choice) => choice.available)?.provider ?? null;
  const [provider, setProvider] = useState<Channel | null>(first);
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const { status, run } = useSave();
  const choice = choices.find((c) => c.provider === provider && c.available);
  const connect = async () => {
    if (!choice?.form) return;
    const credentials = credentialsFromForm(choice.form, values);
    const done = await run(() => store.getState().connect({ provider: choice.provider, displayName: name.trim() || t(`channel.${choice.provider}`), teamId, credentials }));
    // Secrets leave the form once the relay has them.
    if (done) {
      setValues({});
      setName('');
    }
  };
  return (
    <fieldset className="admin-card admin-card--new channel-connect" data-testid="channel-connect">
      <legend>{t('admin.channels.connect')}</legend>
      <div className="admin-grid">
        <label className="field admin-field">
          <span className="field-label">{t('admin.channels.provider')}</span>
          <select className="input" data-testid="channel-provider" value={provider ?? ''} onChange={(e) => { setProvider(e.target.value as Channel); setValues({}); }}>
            {choices.map((c) => (
              <option key={c.provider} value={c.provider} disabled={!c.available}>
                {c.available ? t(`channel.${c.provider}`) : t('admin.channels.notYetAvailable', { channel: t(`channel.${c.provider}`) })}
              </option>
            ))}
          </select>
        </label>
        <TextField label={t('admin.name')} testId="channel-name" value={name} placeholder={provider ? t(`channel.${provider}`) : ''} onChange={setName} />
        <label className="field admin-field">
          <span className="field-label">{t('admin.channels.team')}</span>
          <select className="input" data-testid="channel-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {choice?.form ? (
        <>
          <p className="admin-hint">{t('admin.channels.formHint', { section: choice.form.docsSection })}</p>
          <CredentialFields provider={choice.provider} form={choice.form} values={values} onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))} />
          <button type="button" className="button button--primary" data-testid="channel-connect-submit" onClick={() => void connect()}>
            {t('admin.channels.connectButton')}
          </button>
        </>
      ) : (
        <p className="admin-hint" data-testid="channel-none-available">{t('admin.channels.noneAvailable')}</p>
      )}
      {/* Mail never comes as a webhook: the mailbox is read over IMAP or takes direct delivery. */}
      <SaveStatus status={status} savedText={t(provider === 'email' ? 'admin.channels.connectedMailboxHint' : 'admin.channels.connectedHint')} />
    </fieldset>
  );
}
