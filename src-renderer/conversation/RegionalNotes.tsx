import { useTranslation } from 'react-i18next';
import { useServiceNotes, useServiceNotesStore } from './service-notes-store.js';

/** The market's service rules that apply to this conversation now; the agent dismisses what they have read. */
export function RegionalNotes() {
  const { t } = useTranslation();
  const serviceNotes = useServiceNotesStore();
  const notes = useServiceNotes((s) => s.notes);
  if (notes.length === 0) return null;
  return (
    <aside className="regional-notes" aria-label={t('regionalNotes.label')}>
      {notes.map((note) => (
        <div key={note.id} className="regional-note" data-testid="regional-note" data-note-id={note.id}>
          <p className="regional-note-text" dir="auto">
            <strong>{note.title}</strong> {note.body}
          </p>
          <button type="button" className="link-button" data-testid="regional-note-dismiss" onClick={() => void serviceNotes.getState().dismiss(note.id)}>
            {t('regionalNotes.dismiss')}
          </button>
        </div>
      ))}
    </aside>
  );
}
