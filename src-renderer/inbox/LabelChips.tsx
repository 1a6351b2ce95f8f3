import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Label } from '../../src-shared/domain/model.js';
import { useConversationStore } from '../state/conversation-store.js';
import { useInbox, useInboxStore } from '../state/inbox-store.js';

/**
 * A conversation's labels in its inbox row; clicking one shows only conversations carrying it. Not
 * buttons: the row is an option of a listbox, which may hold no control. The keyboard reaches the
 * same filter from the open conversation's labels (LabelEditor).
 */
export function LabelChips({ labels }: { labels: readonly string[] | undefined }) {
  const { t } = useTranslation();
  const inbox = useInboxStore();
  if (!labels || labels.length === 0) return null;
  return (
    <>
      {labels.map((label) => (
        <span
          key={label}
          className="label-chip"
          data-testid="label-chip"
          title={t('labels.filterBy', { label })}
          onClick={(event) => {
            event.stopPropagation();
            void inbox.getState().setLabel(label);
          }}
        >
          {label}
        </span>
      ))}
    </>
  );
}

/** The open conversation's labels, to add to and remove from. */
export function LabelEditor({ labels }: { labels: readonly string[] }) {
  const { t } = useTranslation();
  const conversation = useConversationStore();
  const inbox = useInboxStore();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = (next: string[]) => void conversation.getState().setLabels(next);

  function add(): void {
    const parsed = Label.safeParse(draft);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setProblem(null);
    setDraft('');
    if (!labels.includes(parsed.data)) save([...labels, parsed.data]);
  }

  return (
    <span className="label-editor">
      {labels.map((label) => (
        <span key={label} className="label-chip label-chip--editable" data-testid="conversation-label">
          <button type="button" className="label-chip-filter" title={t('labels.filterBy', { label })} onClick={() => void inbox.getState().setLabel(label)}>
            {label}
          </button>
          <button type="button" aria-label={t('labels.remove', { label })} onClick={() => save(labels.filter((l) => l !== label))}>
            ×
          </button>
        </span>
      ))}
      <input
        className="label-input"
        data-testid="label-input"
        value={draft}
        placeholder={t('labels.add')}
        aria-label={t('labels.add')}
        maxLength={32}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          }
        }}
      />
      {problem && <span className="label-problem" role="alert">{problem}</span>}
    </span>
  );
}

/** Shown while the inbox is narrowed to one label. */
export function LabelFilter() {
  const { t } = useTranslation();
  const inbox = useInboxStore();
  const label = useInbox((s) => s.label);
  if (!label) return null;
  return (
    <div className="label-filter" data-testid="label-filter">
      {t('labels.showing', { label })}
      <button type="button" className="link-button" data-testid="label-filter-clear" onClick={() => void inbox.getState().setLabel(null)}>
        {t('labels.clear')}
      </button>
    </div>
  );
}
