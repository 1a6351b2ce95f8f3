import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { languageName, writtenLanguage } from '../format/language.js';
import { useReplyPreview, useReplyPreviewStore } from './reply-preview-store.js';

/**
 * The reply as the customer will read it, in their language, made on this machine while the
 * agent types. The agent may correct it; what is shown here is exactly what is sent.
 */
export function ReplyPreview({ conversation, agentLanguage }: { conversation: LocalConversation; agentLanguage: string }) {
  const { t, i18n } = useTranslation();
  const replyPreview = useReplyPreviewStore();
  const status = useReplyPreview((s) => s.status);
  const body = useReplyPreview((s) => s.body);
  const edited = useReplyPreview((s) => s.edited);
  const outcome = useReplyPreview((s) => s.outcome);
  // The customer may write another language than their profile says; the core translates into the one they use.
  const language = languageName(outcome?.translation?.to ?? writtenLanguage(conversation), i18n.language);
  if (status === 'idle') return null;
  if (status === 'unavailable' && outcome?.unavailable === 'same-language') {
    return (
      <p className="reply-preview reply-preview--unavailable" data-testid="reply-preview-same-language" role="status">
        {t('composer.previewSameLanguage', { language })}
      </p>
    );
  }
  if (status === 'unavailable') {
    // Without a model the reply goes untranslated only once the agent confirms it (Composer).
    const key = outcome?.unavailable === 'no-model' ? 'composer.previewNoModelConfirm' : 'composer.previewFailed';
    return (
      <p className="reply-preview reply-preview--unavailable" data-testid="reply-preview-unavailable" role="status">
        {t(key, { from: languageName(agentLanguage, i18n.language), to: language, detail: outcome?.detail ?? '' })}
      </p>
    );
  }
  return (
    <div className="reply-preview" data-testid="reply-preview">
      <label className="reply-preview-label" htmlFor="reply-preview-body">
        {t('composer.previewLabel', { name: conversation.customerName, language })}
        {status === 'translating' && <span className="reply-preview-busy"> · {t('composer.previewTranslating')}</span>}
        {edited && <span className="reply-preview-edited"> · {t('composer.previewEdited')}</span>}
      </label>
      <textarea
        id="reply-preview-body"
        data-testid="reply-preview-body"
        className="reply-preview-body"
        lang={outcome?.translation?.to ?? writtenLanguage(conversation)}
        dir="auto"
        rows={2}
        value={body}
        onChange={(event) => replyPreview.getState().edit(event.target.value)}
      />
      <p className="reply-preview-hint">
        {t('composer.previewHint')}
        {outcome?.translation && <span className="reply-preview-model"> {t('composer.previewModel', { model: outcome.translation.model })}</span>}
      </p>
    </div>
  );
}
