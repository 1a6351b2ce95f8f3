import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { inMegabytes } from '../../src-shared/domain/attachments.js';
import { useAttachments, useAttachmentsStore } from './attachments-store.js';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,application/pdf,audio/*,video/*';

/** The attach button, the files waiting to go with the reply, and why a picked file cannot. */
export function AttachButton({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const store = useAttachmentsStore();
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button composer-attach" data-testid="composer-attach" aria-label={t('attachments.attach')} title={t('attachments.attach')} onClick={() => picker.current?.click()}>
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M11 4.5v6.75a3 3 0 0 1-6 0V4a2 2 0 0 1 4 0v6.5a1 1 0 0 1-2 0V5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
      </button>
      <input
        ref={picker}
        type="file"
        hidden
        accept={ACCEPT}
        data-testid="composer-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void store.getState().attach(conversationId, file);
        }}
      />
    </>
  );
}

export function PendingFiles({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const store = useAttachmentsStore();
  const files = useAttachments((s) => s.pending[conversationId]);
  const refusal = useAttachments((s) => s.refusal);
  return (
    <>
      {refusal && (
        <p className="composer-error" role="alert" data-testid="composer-file-refusal">
          {t(refusal.key, refusal.values)}{' '}
          <button type="button" className="link-button" onClick={() => store.getState().dismiss()}>
            {t('attachments.dismiss')}
          </button>
        </p>
      )}
      {files && files.length > 0 && (
        <ul className="composer-files" data-testid="composer-files">
          {files.map((file) => (
            <li key={file.uploadId} className="composer-file" data-testid="composer-file" data-state={file.state}>
              <span dir="auto">{t('attachments.named', { name: file.name, size: inMegabytes(file.size) })}</span>
              {file.state === 'uploading' ? (
                <span className="composer-file-state">{t('attachments.uploading')}</span>
              ) : (
                <button type="button" className="link-button" aria-label={t('attachments.remove', { name: file.name })} onClick={() => store.getState().remove(conversationId, file.uploadId)}>
                  {t('attachments.removeShort')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
