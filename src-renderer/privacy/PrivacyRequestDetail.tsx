import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDENTITY_CHECK_METHODS, IdentityCheckMethod, PRIVACY_REQUEST_STATUSES, PrivacyRequestStatus, type PrivacyRequestUpdate } from '../../src-shared/privacy/privacy-requests.js';
import type { PrivacyRequestDetail } from '../../src-shared/protocol/privacy.js';
import { blobUrlOf } from '../conversation/file-bytes.js';
import { ChoiceField } from './ChoiceField.js';
import { usePrivacyStore } from './privacy-store.js';

/** One request: its facts, the identity check, a move of status with its reason, and its exports. */
export function PrivacyRequestDetailPanel({ detail }: { detail: PrivacyRequestDetail }) {
  const { t, i18n } = useTranslation();
  const privacy = usePrivacyStore();
  const { request, exports } = detail;
  const [status, setStatus] = useState<PrivacyRequestStatus>(request.status);
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<IdentityCheckMethod | ''>('');
  const [identityNote, setIdentityNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const kilobytes = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'kilobyte' });
  const exportable = request.kind === 'access' || request.kind === 'portability';

  const save = async () => {
    const update: PrivacyRequestUpdate = {};
    if (status !== request.status) update.status = status;
    if (reason.trim()) update.reason = reason;
    if (method) update.identityCheck = { method, note: identityNote };
    setProblem(await privacy.getState().update(request.id, update));
  };
  const download = async (exportId: string) => {
    const result = await privacy.getState().download(exportId);
    if ('error' in result) return setProblem(result.error);
    const link = document.createElement('a');
    link.href = blobUrlOf(result.bytes, 'application/zip');
    link.download = result.filename;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <section className="privacy-detail" data-testid="privacy-detail" aria-label={t('privacy.detail.title')}>
      <h3 dir="auto">
        {t(`privacy.kind.${request.kind}`)} · {request.customerName ?? t('privacy.erasedCustomer')}
      </h3>
      <dl className="privacy-facts">
        <dt>{t('privacy.detail.requester')}</dt>
        <dd dir="auto">{request.onBehalf ? t('privacy.detail.onBehalf', { name: request.requesterName }) : request.requesterName}</dd>
        <dt>{t('privacy.form.channel')}</dt>
        <dd>{t(`privacy.channel.${request.channel}`)}</dd>
        <dt>{t('privacy.column.regime')}</dt>
        <dd>{t(`privacy.regime.${request.regime}`)}</dd>
        <dt>{t('privacy.column.due')}</dt>
        <dd data-testid="privacy-detail-due">{date.format(request.dueAt)}</dd>
        {request.receiptDueAt !== null && (
          <>
            <dt>{t('privacy.detail.receiptDue')}</dt>
            <dd>{date.format(request.receiptDueAt)}</dd>
          </>
        )}
        <dt>{t('privacy.detail.identity')}</dt>
        <dd data-testid="privacy-identity">{request.identityCheck ? `${t(`privacy.identity.${request.identityCheck.method}`)}: ${request.identityCheck.note}` : t('privacy.detail.notChecked')}</dd>
        {request.extensionReason && (
          <>
            <dt>{t('privacy.detail.extension')}</dt>
            <dd dir="auto">{request.extensionReason}</dd>
          </>
        )}
        {request.refusalReason && (
          <>
            <dt>{t('privacy.detail.refusal')}</dt>
            <dd dir="auto">{request.refusalReason}</dd>
          </>
        )}
      </dl>
      <div className="privacy-update">
        <label className="privacy-field">
          {t('privacy.detail.identityMethod')}
          <select className="input" data-testid="privacy-identity-method" value={method} onChange={(e) => setMethod(e.target.value === '' ? '' : IdentityCheckMethod.parse(e.target.value))}>
            <option value="">–</option>
            {IDENTITY_CHECK_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`privacy.identity.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="privacy-field">
          {t('privacy.detail.identityNote')}
          <input className="input" data-testid="privacy-identity-note" value={identityNote} onChange={(e) => setIdentityNote(e.target.value)} />
        </label>
        <ChoiceField label={t('privacy.column.status')} testId="privacy-status-select" value={status} choices={PRIVACY_REQUEST_STATUSES} labelOf={(s) => t(`privacy.status.${s}`)} onChange={setStatus} />
        <label className="privacy-field">
          {t('privacy.detail.reason')}
          <input className="input" data-testid="privacy-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" className="button button--primary" data-testid="privacy-save" onClick={() => void save()}>
          {t('privacy.detail.save')}
        </button>
      </div>
      {problem && (
        <p className="privacy-error" role="alert">
          {problem}
        </p>
      )}
      {exportable && (
        <div className="privacy-exports">
          <h4>{t('privacy.detail.exports')}</h4>
          <button type="button" className="button" data-testid="privacy-make-export" onClick={() => void privacy.getState().makeExport(request.id).then(setProblem)}>
            {t('privacy.detail.makeExport')}
          </button>
          <ul>
            {exports.map((made) => (
              <li key={made.id} data-testid="privacy-export">
                {date.format(made.createdAt)} · {kilobytes.format(Math.ceil(made.size / 1024))}{' '}
                <button type="button" className="link-button" data-testid="privacy-download" onClick={() => void download(made.id)}>
                  {t('privacy.detail.download')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
