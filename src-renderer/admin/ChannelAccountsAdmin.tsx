import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messagingRulesOf } from '../../src-shared/domain/channel-rules.js';
import type { Team } from '../../src-shared/domain/model.js';
import { credentialsFromForm } from '../../src-shared/protocol/channels/account-forms.js';
import type { ChannelAccountView, MailFolderProgress } from '../../src-shared/protocol/channels/accounts.js';
import { providerChoices, webhookAddress, type ProviderChoice } from './channel-account-choices.js';
import { useChannelAccounts, useChannelAccountsStore } from './channel-accounts-store.js';
import { ChannelConnectForm } from './ChannelConnectForm.js';
import { CredentialFields } from './CredentialFields.js';
import { MailFolders } from './MailFolders.js';
import { SaveStatus, useSave } from './save-status.js';
import { TemplateRefreshButton } from './TemplateRefreshButton.js';

/** How often the list is read again while a mailbox is imported or failing. */
const FOLDER_REFRESH_MS = 3_000;

/** Company settings: the messaging-app accounts customers write to, each with its webhook address, team, test and disconnection. */
export function ChannelAccountsAdmin({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  const store = useChannelAccountsStore();
  const list = useChannelAccounts((s) => s.list);
  const error = useChannelAccounts((s) => s.error);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  // While a mailbox is being imported or cannot be read, its progress is read again: the relay's watchers move on their own.
  const following = list?.mailFolders.some((folder) => folder.importing || folder.lastError !== null) ?? false;
  useEffect(() => {
    if (!following) return;
    const timer = setInterval(() => void store.getState().load(), FOLDER_REFRESH_MS);
    return () => clearInterval(timer);
  }, [store, following]);
  const choices = list ? providerChoices(list) : [];
  return (
    <section className="admin-section" data-testid="admin-channels" aria-labelledby="admin-channels-title">
      <h3 id="admin-channels-title">{t('admin.channels.title')}</h3>
      <p className="admin-hint">{t('admin.channels.hint')}</p>
      {error && (
        <p className="admin-status admin-status--error" role="alert">
          {error}
        </p>
      )}
      {list && list.publicUrl === null && (
        <p className="admin-notice" data-testid="channel-no-public-url">
          {t('admin.channels.noPublicUrl')}
        </p>
      )}
      {list?.accounts.map((account) => (
        <ChannelAccountCard
          key={account.id}
          account={account}
          teams={teams}
          choice={choices.find((c) => c.provider === account.provider)}
          mailFolders={list.mailFolders.filter((folder) => folder.accountId === account.id)}
        />
      ))}
      {list && <ChannelConnectForm choices={choices} teams={teams} />}
    </section>
  );
}

function ChannelAccountCard({ account, teams, choice, mailFolders }: { account: ChannelAccountView; teams: Team[]; choice: ProviderChoice | undefined; mailFolders: MailFolderProgress[] }) {
  const { t, i18n } = useTranslation();
  const connected = account.status === 'connected';
  const team = teams.find((candidate) => candidate.id === account.teamId)?.name ?? account.teamId;
  const since = account.disconnectedAt && new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(account.disconnectedAt);
  return (
    <fieldset className={`admin-card channel-account${connected ? '' : ' channel-account--disconnected'}`} data-testid="channel-account" data-account-id={account.id} data-status={account.status}>
      <legend>
        <span className={`channel-badge channel-badge--${account.provider}`}>{t(`channel.${account.provider}`)}</span> <span dir="auto">{account.displayName}</span>
      </legend>
      <p className="channel-account-facts">
        <span className={`channel-account-status channel-account-status--${account.status}`} data-testid="channel-account-status">
          {connected ? t('admin.channels.connected') : t('admin.channels.disconnectedSince', { when: since })}
        </span>
        <span>
          {t('admin.channels.team')}: <strong data-testid="channel-account-team">{team}</strong>
        </span>
      </p>
      {connected && (
        <>
          {/* Mail never comes as a webhook: IMAP or direct delivery (docs/email.md). */}
          {account.provider !== 'email' && <WebhookAddress account={account} />}
          <MailFolders folders={mailFolders} />
          {choice?.canTest && <ConnectionTestButton accountId={account.id} />}
          {messagingRulesOf(account.provider)?.approvedTemplates && <TemplateRefreshButton accountId={account.id} />}
          <AccountChanges account={account} teams={teams} choice={choice} />
        </>
      )}
    </fieldset>
  );
}

function WebhookAddress({ account }: { account: ChannelAccountView }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const address = webhookAddress(account);
  const copy = () => void navigator.clipboard.writeText(address.text).then(() => setCopied(true), () => setCopied(false));
  return (
    <div className="channel-webhook">
      <label className="field admin-field">
        <span className="field-label">{address.full ? t('admin.channels.webhookUrl') : t('admin.channels.webhookPath')}</span>
        <input className="input channel-webhook-input" data-testid="channel-webhook" readOnly value={address.text} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="button" data-testid="channel-webhook-copy" onClick={copy}>
        {copied ? t('admin.channels.copied') : t('admin.channels.copy')}
      </button>
    </div>
  );
}

function ConnectionTestButton({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const store = useChannelAccountsStore();
  const test = useChannelAccounts((s) => s.tests[accountId]);
  return (
    <div className="admin-row">
      <button type="button" className="button" data-testid="channel-test" disabled={test?.state === 'testing'} onClick={() => void store.getState().test(accountId)}>
        {t('admin.channels.test')}
      </button>
      {test && (
        <p className={`admin-status${test.state === 'done' && !test.ok ? ' admin-status--error' : ''}`} role="status" data-testid="channel-test-result" data-ok={test.state === 'done' ? String(test.ok) : undefined}>
          {test.state === 'testing' ? t('admin.channels.testing') : test.ok ? t('admin.channels.testPassed', { name: test.accountName }) : t('admin.channels.testFailed', { error: test.error })}
        </p>
      )}
    </div>
  );
}

/** Another team, new credentials, or disconnection (asked twice: it cannot be undone). */
function AccountChanges({ account, teams, choice }: { account: ChannelAccountView; teams: Team[]; choice: ProviderChoice | undefined }) {
  const { t } = useTranslation();
  const store = useChannelAccountsStore();
  const [teamId, setTeamId] = useState(account.teamId);
  const [replacing, setReplacing] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const { status, run } = useSave();
  const form = choice?.form ?? null;
  const saveTeam = () => run(() => store.getState().update(account.id, { teamId }));
  const replace = async () => {
    if (!form) return;
    const credentials = credentialsFromForm(form, values);
    if (await run(async () => (Object.keys(credentials).length === 0 ? t('admin.channels.nothingEntered') : store.getState().update(account.id, { credentials })))) {
      setValues({});
      setReplacing(false);
    }
  };
  return (
    <>
      <div className="admin-row">
        <label className="admin-inline">
          {t('admin.channels.routesTo')}
          <select className="input" data-testid="channel-account-team-select" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" data-testid="channel-save-team" disabled={teamId === account.teamId} onClick={() => void saveTeam()}>
          {t('admin.save')}
        </button>
        {form && (
          <button type="button" className="button button--quiet" data-testid="channel-replace" aria-expanded={replacing} onClick={() => setReplacing(!replacing)}>
            {t('admin.channels.replaceCredentials')}
          </button>
        )}
        {confirming ? (
          <span className="admin-inline" role="group" aria-label={t('admin.channels.disconnectQuestion')}>
            {t('admin.channels.disconnectQuestion')}
            <button type="button" className="button button--danger" data-testid="channel-disconnect-confirm" onClick={() => void run(() => store.getState().disconnect(account.id))}>
              {t('admin.channels.disconnect')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              {t('admin.channels.keep')}
            </button>
          </span>
        ) : (
          <button type="button" className="button button--quiet" data-testid="channel-disconnect" onClick={() => setConfirming(true)}>
            {t('admin.channels.disconnect')}
          </button>
        )}
      </div>
      {replacing && form && (
        <div data-testid="channel-replace-form">
          <p className="admin-hint">{t('admin.channels.replaceHint')}</p>
          <CredentialFields provider={account.provider} form={form} values={values} keepStored onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))} />
          <button type="button" className="button button--primary" data-testid="channel-replace-submit" onClick={() => void replace()}>
            {t('admin.channels.replaceButton')}
          </button>
        </div>
      )}
      <SaveStatus status={status} savedText={t('admin.channels.changed')} />
    </>
  );
}
