import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { inMegabytes } from '../../src-shared/domain/attachments.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { useAttachments, useAttachmentsStore } from './attachments-store.js';

/**
 * A message's files: an image inline, anything else by name and size, to save. The bytes come
 * through the core (the desk's copy, else the relay) as blob: URLs: the renderer's CSP allows no
 * remote address, and a file's name is only ever text.
 */
export function MessageFiles({ attachments }: { attachments: readonly MessageAttachment[] }) {
  return (
    <ul className="message-files" data-testid="message-files">
      {attachments.map((attachment) => (
        <li key={attachment.fileId} className={`message-file message-file--${attachment.kind}`}>
          <MessageFile attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}

function MessageFile({ attachment }: { attachment: MessageAttachment }) {
  const { t } = useTranslation();
  const store = useAttachmentsStore();
  const url = useAttachments((s) => s.urls[attachment.fileId] ?? null);
  useEffect(() => store.getState().show(attachment), [store, attachment]);
  const label = t('attachments.named', { name: attachment.name, size: inMegabytes(attachment.size) });
  if (attachment.kind === 'image' && url) {
    return <img className="message-file-image" data-testid="message-file-image" src={url} alt={attachment.name} title={label} />;
  }
  return url ? (
    <a className="message-file-link" data-testid="message-file-link" data-kind={attachment.kind} href={url} download={attachment.name}>
      <span dir="auto">{label}</span>
    </a>
  ) : (
    <span className="message-file-link message-file-link--loading" data-testid="message-file-link" data-kind={attachment.kind}>
      <span dir="auto">{label}</span>
    </span>
  );
}
