import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateRefreshAnswer } from '../../src-shared/protocol/channels/templates.js';
import { useChannelAccountsStore } from './channel-accounts-store.js';

/**
 * WhatsApp's approved templates are created and approved in Meta's WhatsApp Manager; the relay
 * reads them hourly and on "test connection". This reads them now (after approving a new one) and
 * says how many the composer will offer, or why Meta refused.
 */
export function TemplateRefreshButton({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const store = useChannelAccountsStore();
  const [state, setState] = useState<'idle' | 'refreshing' | TemplateRefreshAnswer>('idle');
  const refresh = async () => {
    setState('refreshing');
    setState(await store.getState().refreshTemplates(accountId));
  };
  const answer = typeof state === 'object' ? state : null;
  return (
    <div className="admin-row">
      <button type="button" className="button" data-testid="channel-templates-refresh" disabled={state === 'refreshing'} onClick={() => void refresh()}>
        {t('admin.channels.refreshTemplates')}
      </button>
      {answer && (
        <p className={`admin-status${answer.ok ? '' : ' admin-status--error'}`} role="status" data-testid="channel-templates-result" data-ok={String(answer.ok)}>
          {answer.ok ? t('admin.channels.templatesRefreshed', { count: answer.approved }) : t('admin.channels.templatesFailed', { error: answer.error })}
        </p>
      )}
    </div>
  );
}
