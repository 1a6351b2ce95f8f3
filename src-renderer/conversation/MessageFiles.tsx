import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { inMegabytes } from '../../src-shared/domain/attachments.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { useAttachments, useAttachmentsStore } from './attachments-store.js';

/**
 * A message's files: an image inline, audio and video with a player and a link to save, anything
 * else by name and size, to save. The bytes come
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
  const player = url ? <MediaPlayer kind={attachment.kind} url={url} label={label} /> : null;
  return url ? (
    <>
      {player}
      <a className="message-file-link" data-testid="message-file-link" data-kind={attachment.kind} href={url} download={attachment.name}>
        <span dir="auto">{label}</span>
      </a>
    </>
  ) : (
    <span className="message-file-link message-file-link--loading" data-testid="message-file-link" data-kind={attachment.kind}>
      <span dir="auto">{label}</span>
    </span>
  );
}

/** A voice note or a video clip, played from its blob: URL (the CSP's media-src names no remote source). */
function MediaPlayer({ kind, url, label }: { kind: MessageAttachment['kind']; url: string; label: string }) {
  if (kind === 'audio') return <audio className="message-file-audio" data-testid="message-file-audio" controls preload="metadata" src={url} aria-label={label} />;
  if (kind === 'video') return <video className="message-file-video" data-testid="message-file-video" controls preload="metadata" src={url} aria-label={label} />;
  return null;
}
