import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_FILTER_STATES, type ConversationCriteria } from '../../src-shared/api/contract.js';
import { CHANNELS, CONVERSATION_STATUSES } from '../../src-shared/domain/model.js';
import { languageName, marketName } from '../format/language.js';
import { useViews, useViewsStore } from './views-store.js';

type ListKey = Exclude<keyof ConversationCriteria, 'vip'>;

/** Compose a filter from status, label, channel, language, market, SLA state and VIP; name it and save it. */
export function SavedFilterEditor({ onSaved }: { onSaved: (filterId: string) => void }) {
  const { t, i18n } = useTranslation();
  const views = useViewsStore();
  const draft = useViews((s) => s.draft);
  const choices = useViews((s) => s.choices);
  const saving = useViews((s) => s.saving);
  const error = useViews((s) => s.error);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const nameError = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (draft && !dialog.open) dialog.showModal();
    if (!draft && dialog.open) dialog.close();
    if (!draft) setNameMissing(false);
  }, [draft]);

  if (!draft) return <dialog ref={dialogRef} className="dialog views-editor" aria-labelledby="views-editor-title" />;
  const { criteria } = draft;
  const toggle = (key: ListKey, value: string) => {
    const list = criteria[key] as readonly string[];
    const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
    views.getState().changeDraft({ criteria: { ...criteria, [key]: next } });
  };
  const group = (key: ListKey, legend: string, options: { value: string; label: string }[]) => (
    <ChoiceGroup legend={legend} testId={`filter-${key}`} options={options} chosen={criteria[key] as readonly string[]} onToggle={(value) => toggle(key, value)} />
  );

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (draft?.name.trim() === '') {
      setNameMissing(true);
      return;
    }
    const saved = await views.getState().save();
    if (saved) onSaved(saved.id);
  }

  return (
    <dialog ref={dialogRef} className="dialog views-editor" data-testid="filter-editor" aria-labelledby="views-editor-title" onClose={() => views.getState().closeDraft()}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="views-editor-title" className="views-editor-title">
          {t(draft.filterId ? 'views.editor.editTitle' : 'views.editor.newTitle')}
        </h2>
        <label className="field">
          <span className="field-label">{t('views.editor.name')}</span>
          <input
            className="input"
            data-testid="filter-name"
            value={draft.name}
            maxLength={60}
            aria-invalid={nameMissing}
            aria-describedby={nameMissing ? nameError : undefined}
            onChange={(event) => {
              setNameMissing(false);
              views.getState().changeDraft({ name: event.target.value });
            }}
            autoFocus
          />
        </label>
        {nameMissing && (
          <p id={nameError} className="views-editor-error">
            {t('views.editor.nameMissing')}
          </p>
        )}
        <div className="views-editor-groups">
          {group('statuses', t('views.editor.status'), CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.filter.${s}`) })))}
          {group('slaStates', t('views.editor.sla'), SLA_FILTER_STATES.map((s) => ({ value: s, label: t(`views.sla.${s}`) })))}
          {group('channels', t('views.editor.channel'), CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })))}
          {group('labels', t('views.editor.label'), withChosen(choices.labels, criteria.labels).map((l) => ({ value: l, label: l })))}
          {group('languages', t('views.editor.language'), withChosen(choices.languages, criteria.languages).map((l) => ({ value: l, label: languageName(l, i18n.language) })))}
          {group('markets', t('views.editor.market'), withChosen(choices.markets, criteria.markets).map((m) => ({ value: m, label: marketName(m, i18n.language) })))}
          <fieldset className="views-editor-group">
            <legend>{t('views.editor.vip')}</legend>
            {([null, true, false] as const).map((vip) => (
              <label key={String(vip)} className="views-editor-choice">
                <input type="radio" name="filter-vip" checked={criteria.vip === vip} onChange={() => views.getState().changeDraft({ criteria: { ...criteria, vip } })} />
                {t(vip === null ? 'views.editor.vipAny' : vip ? 'views.editor.vipOnly' : 'views.editor.vipNot')}
              </label>
            ))}
          </fieldset>
        </div>
        {error && (
          <p className="views-editor-error" role="alert" data-testid="filter-error">
            {error}
          </p>
        )}
        <div className="views-editor-actions">
          <button type="button" className="button" onClick={() => views.getState().closeDraft()}>
            {t('views.editor.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="filter-save" disabled={saving}>
            {t('views.editor.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ChoiceGroup({ legend, testId, options, chosen, onToggle }: { legend: string; testId: string; options: { value: string; label: string }[]; chosen: readonly string[]; onToggle: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="views-editor-group" data-testid={testId}>
      <legend>{legend}</legend>
      {options.length === 0 && <p className="views-editor-none">{t('views.editor.noneHere')}</p>}
      {options.map((option) => (
        <label key={option.value} className="views-editor-choice">
          <input type="checkbox" data-testid={`${testId}-${option.value}`} value={option.value} checked={chosen.includes(option.value)} onChange={() => onToggle(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** What the desk holds, plus what the filter already asks for (a label no conversation carries today). */
function withChosen(held: readonly string[], chosen: readonly string[]): string[] {
  return [...new Set([...held, ...chosen])].sort();
}
