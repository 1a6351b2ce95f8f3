import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversationStore } from '../state/conversation-store.js';
import { mailDocument } from './mail-document.js';

/**
 * A mail's HTML in a sandboxed frame: no allow-scripts and no allow-same-origin, so nothing in it
 * runs or reaches the workstation; allow-popups only, so a link opens a window that the desktop
 * shell hands to the system browser after its URL check (src-main/electron/lockdown.ts).
 * Remote images stay blocked until the agent asks, per message; then the workstation fetches
 * them and the frame gets them as data: URLs, so the frame itself never loads anything. Inline
 * images (the mail's own parts, kept by the relay) show at once, as data: URLs too.
 */
export function MailFrame({ html, inlineImages }: { html: string; inlineImages: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  const conversation = useConversationStore();
  const [images, setImages] = useState<Record<string, string | null> | null>(null);
  const [loading, setLoading] = useState(false);
  const { srcdoc, remoteImages } = useMemo(() => mailDocument(html, images, inlineImages), [html, images, inlineImages]);
  const showImages = async () => {
    setLoading(true);
    setImages(await conversation.getState().emailImages(remoteImages));
    setLoading(false);
  };
  return (
    <div className="mail-frame">
      {remoteImages.length > 0 && images === null && (
        <p className="mail-images-blocked" data-testid="mail-images-blocked">
          <span>{t('email.imagesBlocked', { count: remoteImages.length })}</span>
          <button type="button" className="link-button" data-testid="mail-show-images" disabled={loading} onClick={() => void showImages()}>
            {t('email.showImages')}
          </button>
        </p>
      )}
      <iframe data-testid="mail-frame" title={t('email.frameTitle')} sandbox="allow-popups allow-popups-to-escape-sandbox" referrerPolicy="no-referrer" srcDoc={srcdoc} />
    </div>
  );
}
