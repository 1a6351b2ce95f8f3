import { useTranslation } from 'react-i18next';
import type { PrivacyReminder, PrivacyRequest } from '../../src-shared/privacy/privacy-requests.js';
import { OpenedNote, PrivacyRequestForm } from './PrivacyRequestForm.js';
import { PrivacyRequestDetailPanel } from './PrivacyRequestDetail.js';
import { PrivacyTeam } from './PrivacyTeam.js';
import { useSession } from '../state/session-store.js';
import { usePrivacy, usePrivacyStore } from './privacy-store.js';
import './privacy.css';

const REMINDERS_SHOWN = 5;

/** The privacy team's register: requests with their legal due dates and status, reminders, and a form to open one. */
export function PrivacyRequestsView() {
  const { t } = useTranslation();
  const privacy = usePrivacyStore();
  const register = usePrivacy((s) => s.register);
  const error = usePrivacy((s) => s.error);
  const openOnly = usePrivacy((s) => s.openOnly);
  const form = usePrivacy((s) => s.form);
  const detail = usePrivacy((s) => s.detail);
  const isAdmin = useSession((s) => s.agent?.role === 'admin');
  return (
    <section className="privacy" data-testid="privacy-view" aria-labelledby="privacy-title">
      <header className="privacy-header">
        <h2 id="privacy-title">{t('privacy.title')}</h2>
        <label className="privacy-check">
          <input type="checkbox" data-testid="privacy-open-only" checked={openOnly} onChange={(e) => void privacy.getState().setOpenOnly(e.target.checked)} />
          {t('privacy.openOnly')}
        </label>
        <button type="button" className="button button--primary" data-testid="privacy-new" onClick={() => privacy.getState().startForm({ customerId: '', channel: 'email', requesterName: '', conversationId: null })}>
          {t('privacy.new')}
        </button>
      </header>
      <p className="privacy-hint">{t('privacy.hint')}</p>
      {error && (
        <p className="privacy-error" role="alert">
          {error}
        </p>
      )}
      {form && form.conversationId === null && <PrivacyRequestForm prefill={form} />}
      <OpenedNote conversationId={null} />
      {register && <Reminders reminders={register.reminders.slice(0, REMINDERS_SHOWN)} requests={register.requests} />}
      {register && <RequestsTable requests={register.requests} selectedId={detail?.request.id ?? null} />}
      {!register && !error && <p>{t('app.loading')}</p>}
      {detail && <PrivacyRequestDetailPanel key={detail.request.id} detail={detail} />}
      {isAdmin && <PrivacyTeam />}
    </section>
  );
}

function Reminders({ reminders, requests }: { reminders: PrivacyReminder[]; requests: PrivacyRequest[] }) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  if (reminders.length === 0) return null;
  return (
    <ul className="privacy-reminders" aria-label={t('privacy.reminders')} data-testid="privacy-reminders">
      {reminders.map((reminder) => {
        const request = requests.find((r) => r.id === reminder.requestId);
        return (
          <li key={reminder.id} className={`privacy-reminder privacy-reminder--${reminder.stage}`} data-stage={reminder.stage}>
            {t(`privacy.reminder.${reminder.stage}`, { customer: request?.customerName ?? t('privacy.erasedCustomer'), due: date.format(reminder.dueAt) })}
          </li>
        );
      })}
    </ul>
  );
}

function RequestsTable({ requests, selectedId }: { requests: PrivacyRequest[]; selectedId: string | null }) {
  const { t, i18n } = useTranslation();
  const privacy = usePrivacyStore();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  if (requests.length === 0) return <p data-testid="privacy-empty">{t('privacy.empty')}</p>;
  const now = Date.now();
  return (
    <table className="privacy-table" data-testid="privacy-requests">
      <thead>
        <tr>
          <th scope="col">{t('privacy.column.customer')}</th>
          <th scope="col">{t('privacy.column.kind')}</th>
          <th scope="col">{t('privacy.column.regime')}</th>
          <th scope="col">{t('privacy.column.received')}</th>
          <th scope="col">{t('privacy.column.due')}</th>
          <th scope="col">{t('privacy.column.status')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} data-testid="privacy-request-row" data-request-id={request.id} aria-selected={request.id === selectedId}>
            <th scope="row" dir="auto">
              <button type="button" className="link-button" onClick={() => void privacy.getState().select(request.id)}>
                {request.customerName ?? t('privacy.erasedCustomer')}
              </button>
            </th>
            <td>{t(`privacy.kind.${request.kind}`)}</td>
            <td>{t(`privacy.regime.${request.regime}`)}</td>
            <td>{date.format(request.receivedAt)}</td>
            <td className={request.dueAt < now && request.status !== 'done' && request.status !== 'refused' ? 'privacy-overdue' : undefined} data-testid="privacy-due">
              {date.format(request.dueAt)}
            </td>
            <td data-testid="privacy-status">{t(`privacy.status.${request.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
