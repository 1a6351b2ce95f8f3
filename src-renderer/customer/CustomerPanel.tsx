import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LocalConversation, ShownSuggestion } from '../../src-shared/api/contract.js';
import { channelOfIdentity, type CustomerIdentity, type CustomerMerge } from '../../src-shared/domain/customers.js';
import { languageName, marketName } from '../format/language.js';
import { relativeTime } from '../format/relative-time.js';
import { useNow } from '../format/use-now.js';
import { useInbox, useInboxStore } from '../state/inbox-store.js';
import { useCustomer, useCustomerStore, type CustomerView } from './customer-store.js';
import './customer.css';

/**
 * Beside the conversation: who the customer is across channels (identities, market, language,
 * VIP), every conversation of theirs this desk holds, each one click away, the relay's merge
 * suggestions and the merges an agent may undo.
 */
export function CustomerPanel() {
  const { t } = useTranslation();
  const store = useCustomerStore();
  const view = useCustomer((s) => s.view);
  const error = useCustomer((s) => s.error);
  const collapsed = useCustomer((s) => s.collapsed);
  if (!view) return null;
  if (collapsed) {
    return (
      <aside className="customer-panel customer-panel--collapsed" aria-label={t('customer.label')} data-testid="customer-panel">
        <button type="button" className="link-button" aria-expanded={false} onClick={() => store.getState().toggle()}>
          {t('customer.show')}
        </button>
      </aside>
    );
  }
  return (
    <aside className="customer-panel" aria-label={t('customer.label')} data-testid="customer-panel">
      <CustomerSummary view={view} onHide={() => store.getState().toggle()} />
      {error && (
        <p className="customer-error" role="alert">
          {error}
        </p>
      )}
      {view.pending && <p className="customer-pending">{t('customer.pending')}</p>}
      <Suggestions suggestions={view.suggestions} />
      <Merges merges={view.customer.merges} />
      <Identities identities={view.customer.identities} />
      <Conversations conversations={view.conversations} />
    </aside>
  );
}

function CustomerSummary({ view, onHide }: { view: CustomerView; onHide: () => void }) {
  const { t, i18n } = useTranslation();
  const { customer } = view;
  return (
    <header className="customer-summary">
      <div className="customer-heading">
        <h3 dir="auto">{customer.name}</h3>
        {customer.vip && (
          <span className="vip-badge" data-testid="customer-vip">
            {t('conversation.vip')}
          </span>
        )}
        <button type="button" className="link-button customer-hide" aria-expanded={true} onClick={onHide}>
          {t('customer.hide')}
        </button>
      </div>
      <dl className="customer-facts">
        <dt>{t('customer.language')}</dt>
        <dd>{languageName(customer.language, i18n.language)}</dd>
        <dt>{t('customer.market')}</dt>
        <dd>{customer.market ? marketName(customer.market, i18n.language) : t('customer.unknown')}</dd>
      </dl>
    </header>
  );
}

function Identities({ identities }: { identities: CustomerIdentity[] }) {
  const { t } = useTranslation();
  return (
    <section className="customer-section">
      <h4>{t('customer.identities')}</h4>
      {identities.length === 0 ? (
        <p className="customer-empty">{t('customer.noIdentities')}</p>
      ) : (
        <ul className="customer-identities">
          {identities.map((identity) => (
            <li key={`${identity.kind}:${identity.value}`} data-testid="customer-identity">
              <IdentityBadge identity={identity} />
              <span className="customer-identity-value">{shownValue(identity)}</span>
              {identity.kind !== 'channel' && <span className="customer-verified">{identity.verified ? t('customer.verified') : t('customer.unverified')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IdentityBadge({ identity }: { identity: CustomerIdentity }) {
  const { t } = useTranslation();
  const channel = channelOfIdentity(identity);
  if (channel) return <span className={`channel-badge channel-badge--${channel}`}>{t(`channel.${channel}`)}</span>;
  return <span className="identity-badge">{t(`customer.identity.${identity.kind}`)}</span>;
}

/** A channel user by their id on the account (the value is `<channel>:<account>:<id>`); phones and emails as they are. */
function shownValue(identity: CustomerIdentity): string {
  return identity.kind === 'channel' ? identity.value.split(':').slice(2).join(':') : identity.value;
}

function Suggestions({ suggestions }: { suggestions: ShownSuggestion[] }) {
  const { t } = useTranslation();
  const store = useCustomerStore();
  if (suggestions.length === 0) return null;
  return (
    <section className="customer-section customer-suggestions">
      <h4>{t('customer.suggestions')}</h4>
      <ul>
        {suggestions.map((suggestion) => (
          <li key={suggestion.id} data-testid="customer-suggestion">
            <p>{suggestionText(suggestion, t)}</p>
            {suggestion.otherName !== null && (
              <button type="button" className="button" data-testid="customer-merge" onClick={() => void store.getState().merge(suggestion.sourceCustomerId, suggestion.targetCustomerId)}>
                {t('customer.merge')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Why the relay suggests it, in the words an agent checks it by: for a number a customer wrote, which number and where each is known. */
function suggestionText(suggestion: ShownSuggestion, t: TFunction): string {
  const reason = t(`customer.reason.${suggestion.reason}`);
  if (suggestion.otherName === null) return t('customer.suggestionUnseen', { reason });
  const { phone } = suggestion;
  if (!phone?.saidOn || !phone.verifiedOn) return t('customer.suggestion', { name: suggestion.otherName, reason });
  const words = { name: suggestion.otherName, phone: phone.number, saidOn: t(`channel.${phone.saidOn}`), verifiedOn: t(`channel.${phone.verifiedOn}`) };
  return phone.saidBy === 'this' ? t('customer.suggestionGavePhone', words) : t('customer.suggestionPhoneGiven', words);
}

function Merges({ merges }: { merges: CustomerMerge[] }) {
  const { t } = useTranslation();
  const store = useCustomerStore();
  if (merges.length === 0) return null;
  return (
    <section className="customer-section">
      <h4>{t('customer.merges')}</h4>
      <ul>
        {merges.map((merge) => (
          <li key={merge.id} data-testid="customer-merged">
            <p>{t('customer.mergedFrom', { name: merge.sourceName, by: merge.byName, count: merge.conversationIds.length })}</p>
            <button type="button" className="button" data-testid="customer-unmerge" onClick={() => void store.getState().unmerge(merge.id)}>
              {t('customer.unmerge')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Conversations({ conversations }: { conversations: LocalConversation[] }) {
  const { t, i18n } = useTranslation();
  const inbox = useInboxStore();
  const selectedId = useInbox((s) => s.selectedId);
  const now = useNow(60_000);
  return (
    <section className="customer-section">
      <h4>{t('customer.conversations', { count: conversations.length })}</h4>
      <ul className="customer-conversations">
        {conversations.map((conversation) => (
          <li key={conversation.id}>
            <button
              type="button"
              className="customer-conversation"
              data-testid="customer-conversation"
              data-conversation-id={conversation.id}
              aria-current={conversation.id === selectedId ? 'true' : undefined}
              onClick={() => inbox.getState().select(conversation.id)}
            >
              <span className="customer-conversation-line">
                <span className={`channel-badge channel-badge--${conversation.channel}`}>{t(`channel.${conversation.channel}`)}</span>
                <span className={`status-label status-label--${conversation.status}`}>{t(`status.${conversation.status}`)}</span>
                <time dateTime={new Date(conversation.lastMessageAt).toISOString()}>{relativeTime(conversation.lastMessageAt, now, t, i18n.language)}</time>
              </span>
              <bdi className="customer-conversation-preview">{conversation.lastMessagePreview}</bdi>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
