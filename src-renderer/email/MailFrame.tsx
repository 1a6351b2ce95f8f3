import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailDocument } from './mail-document.js';

/**
 * A mail's HTML in a sandboxed frame: no allow-scripts and no allow-same-origin, so nothing in it
 * runs or reaches the workstation; allow-popups only, so a link opens a window that the desktop
 * shell hands to the system browser after its URL check (src-main/electron/lockdown.ts).
 * Remote images stay blocked until the agent asks, per message.
 */
export function MailFrame({ html }: { html: string }) {
  const { t } = useTranslation();
  const [showImages, setShowImages] = useState(false);
  const { srcdoc, remoteImages } = useMemo(() => mailDocument(html, showImages), [html, showImages]);
  return (
    <div className="mail-frame">
      {remoteImages > 0 && !showImages && (
        <p className="mail-images-blocked" data-testid="mail-images-blocked">
          <span>{t('email.imagesBlocked', { count: remoteImages })}</span>
          <button type="button" className="link-button" data-testid="mail-show-images" onClick={() => setShowImages(true)}>
            {t('email.showImages')}
          </button>
        </p>
      )}
      <iframe data-testid="mail-frame" title={t('email.frameTitle')} sandbox="allow-popups allow-popups-to-escape-sandbox" referrerPolicy="no-referrer" srcDoc={srcdoc} />
    </div>
  );
}
