import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { renderTemplate, templateParameterProblem } from '../../src-shared/domain/message-templates.js';
import { languagesOf, parametersReady, templateNames, templateOffer, useReplyTemplates, useReplyTemplatesStore } from './reply-templates-store.js';
import { TemplatesOfflineNote } from './TemplatesOfflineNote.js';
import { audienceOf } from './use-reply-options.js';
import './template-picker.css';

/**
 * Outside WhatsApp's 24 hours the composer offers the account's approved templates instead of
 * free text: the agent picks one (in the customer's language when it is approved in it), sees its
 * text with the {{1}}, {{2}} variables, fills them (the first starts as the customer's first
 * name) and sees what the customer will get before sending it through the outbox.
 */
export function TemplatePicker({ conversation }: { conversation: LocalConversation }) {
  const { t } = useTranslation();
  const store = useReplyTemplatesStore();
  const options = useReplyTemplates((s) => s.options);
  const picked = useReplyTemplates((s) => s.picked);
  const sending = useReplyTemplates((s) => s.sending);
  const error = useReplyTemplates((s) => s.error);
  const audience = audienceOf(conversation);
  const names = templateNames(options);

  const offer = templateOffer(options);
  if (offer === 'offline-none' && options?.offline) return <TemplatesOfflineNote offline={options.offline} />;
  if (offer === 'none') {
    return (
      <p className="template-picker-empty" data-testid="template-none">
        {t('templates.none')}
      </p>
    );
  }
  const ready = picked !== null && parametersReady(picked.parameters) && !sending;
  return (
    <div className="template-picker" data-testid="template-picker">
      {options?.offline && <TemplatesOfflineNote offline={options.offline} />}
      {error && (
        <p className="composer-error" role="alert">
          {error}
        </p>
      )}
      <div className="template-picker-choice">
        <label>
          {t('templates.template')}
          <select data-testid="template-name" value={picked?.template.name ?? ''} onChange={(event) => store.getState().pick(event.target.value, audience)}>
            <option value="" disabled>
              {t('templates.pick')}
            </option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {picked && (
          <label>
            {t('templates.language')}
            <select data-testid="template-language" value={picked.template.language} onChange={(event) => store.getState().setLanguage(event.target.value, audience)}>
              {languagesOf(options, picked.template.name).map((language) => (
                <option key={language} value={language}>
                  {language}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {picked && (
        <>
          <p className="template-body" data-testid="template-body" dir="auto">
            {picked.template.body}
          </p>
          {picked.parameters.map((value, index) => (
            <TemplateVariable key={`${picked.template.name}-${index}`} index={index} value={value} onChange={(next) => store.getState().setParameter(index, next)} />
          ))}
          <p className="template-preview-label">{t('templates.preview', { name: conversation.customerName })}</p>
          <p className="template-preview" data-testid="template-preview" dir="auto">
            {renderTemplate(picked.template, picked.parameters)}
          </p>
        </>
      )}
      <button type="button" data-testid="template-send" className="button button--primary" disabled={!ready} onClick={() => void store.getState().send()}>
        {sending ? t('composer.sending') : t('templates.send')}
      </button>
    </div>
  );
}

function TemplateVariable({ index, value, onChange }: { index: number; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const problem = templateParameterProblem(value);
  const number = index + 1;
  return (
    <label className="template-variable">
      <span>{t('templates.variable', { number })}</span>
      <input data-testid={`template-variable-${number}`} dir="auto" value={value} aria-invalid={problem !== null} onChange={(event) => onChange(event.target.value)} />
      {problem && value !== '' && <span className="template-variable-problem">{t(`templates.problems.${problem}`)}</span>}
    </label>
  );
}
