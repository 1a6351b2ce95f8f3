import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-shared/domain/model.js';
import { fieldAsked, type ChannelAccountForm, type ChannelCredentialField } from '../../src-shared/protocol/channels/account-forms.js';

/**
 * A provider's credential fields, laid out from its form description: secrets in password fields,
 * several lines (a signature) in a text area, never filled from anything stored (the relay never
 * sends credentials back); a choice as a list; a field that depends on another's choice only
 * while that choice holds (fieldAsked). With `keepStored`, an empty field keeps the relay's value.
 */
export function CredentialFields(props: {
  provider: Channel;
  form: ChannelAccountForm;
  values: Readonly<Record<string, string>>;
  onChange: (name: string, value: string) => void;
  keepStored?: boolean;
}) {
  const { t } = useTranslation();
  const { provider, form, values, keepStored = false } = props;
  return (
    <div className="admin-grid admin-grid--wide">
      {form.fields.filter((field) => fieldAsked(form, field, values, keepStored)).map((field) => {
        const label = t(`admin.channels.fields.${provider}.${field.name}`, { defaultValue: field.label });
        const hint = field.hint && t(`admin.channels.fields.${provider}.${field.name}Hint`, { defaultValue: field.hint });
        const placeholder = keepStored ? t('admin.channels.keepStored') : field.optional ? (field.placeholder ?? t('admin.channels.optional')) : field.placeholder;
        return (
          <label key={field.name} className="field admin-field">
            <span className="field-label">
              {label}
              {field.secret && <span className="admin-muted"> · {t('admin.channels.secret')}</span>}
            </span>
            {field.choices ? (
              <ChoiceList provider={provider} field={field} value={values[field.name] ?? ''} keepStored={keepStored} onChange={(value) => props.onChange(field.name, value)} />
            ) : field.multiline && !field.secret ? (
              <textarea
                className="input"
                data-testid={`credential-${field.name}`}
                rows={4}
                dir="auto"
                value={values[field.name] ?? ''}
                placeholder={placeholder}
                onChange={(event) => props.onChange(field.name, event.target.value)}
              />
            ) : (
              <input
                className="input"
                data-testid={`credential-${field.name}`}
                type={field.secret ? 'password' : 'text'}
                autoComplete={field.secret ? 'new-password' : 'off'}
                spellCheck={false}
                value={values[field.name] ?? ''}
                placeholder={placeholder}
                onChange={(event) => props.onChange(field.name, event.target.value)}
              />
            )}
            {hint && <span className="admin-muted">{hint}</span>}
          </label>
        );
      })}
    </div>
  );
}

/** A field's choices; empty (the stored value, or none yet where there is no default) first unless the field has a default. */
function ChoiceList(props: { provider: Channel; field: ChannelCredentialField; value: string; keepStored: boolean; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const { provider, field, keepStored } = props;
  const fallback = keepStored ? '' : (field.placeholder ?? '');
  return (
    <select className="input" data-testid={`credential-${field.name}`} value={props.value || fallback} onChange={(event) => props.onChange(event.target.value)}>
      {fallback === '' && <option value="">{keepStored ? t('admin.channels.keepStored') : t('admin.channels.choose')}</option>}
      {field.choices?.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {t(`admin.channels.fields.${provider}.${field.name}Choices.${choice.value}`, { defaultValue: choice.label })}
        </option>
      ))}
    </select>
  );
}
