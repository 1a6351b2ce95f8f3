import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleDraft } from '../../src-shared/domain/model.js';
import { checkFields, type FieldErrors } from '../admin/field-errors.js';
import { FieldError } from '../admin/FieldError.js';
import { renderMarkdown } from '../format/markdown.js';
import { ARTICLE_FORMATS } from './article-formats.js';
import { useKnowledge, useKnowledgeStore } from './knowledge-store.js';

/** Supervisors and admins write articles here, with the Markdown shown as it will be read. */
export function ArticleEditor() {
  const { t } = useTranslation();
  const knowledge = useKnowledgeStore();
  const editing = useKnowledge((s) => s.editing);
  const saveError = useKnowledge((s) => s.saveError);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (editing && !dialog.open) dialog.showModal();
    if (!editing && dialog.open) dialog.close();
  }, [editing]);

  return (
    <dialog ref={dialogRef} className="dialog article-editor" data-testid="article-editor" aria-label={t('knowledge.editor')} onClose={() => knowledge.getState().cancelEdit()}>
      {editing && <EditorForm key={`${editing.articleId ?? 'new'}-${editing.pending?.state ?? ''}`} initial={editing.initial} reason={editing.pending?.reason ?? null} error={saveError} />}
    </dialog>
  );
}

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

/** A title in another language as the form holds it: tags as typed, comma-separated. */
interface TitleRow {
  locale: string;
  title: string;
  tags: string;
}

function EditorForm({ initial, reason, error }: { initial: ArticleDraft; reason: string | null; error: string | null }) {
  const { t } = useTranslation();
  const knowledge = useKnowledgeStore();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [locale, setLocale] = useState(initial.locale);
  const [markets, setMarkets] = useState(initial.markets.join(', '));
  const [tags, setTags] = useState(initial.tags.join(', '));
  const [titles, setTitles] = useState<TitleRow[]>(initial.titles.map((entry) => ({ ...entry, tags: entry.tags.join(', ') })));
  const [intents, setIntents] = useState(initial.intents.join(', '));
  const [published, setPublished] = useState(initial.public);
  const [errors, setErrors] = useState<FieldErrors>({});
  const hasErrors = Object.keys(errors).length > 0;

  function save(): void {
    const checked = checkFields(ArticleDraft, {
      title,
      body,
      locale,
      markets: list(markets).map((m) => m.toUpperCase()),
      tags: list(tags),
      titles: titles.map((row) => ({ locale: row.locale.trim(), title: row.title, tags: list(row.tags) })),
      intents: list(intents),
      public: published,
    }, t, ARTICLE_FORMATS);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) void knowledge.getState().saveEdit(checked.value);
  }

  return (
    <form
      className="article-editor-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      {reason && (
        <p className="article-editor-reason" role="alert" data-testid="article-editor-reason">
          {t('knowledge.notSaved', { reason })}
        </p>
      )}
      <Field label={t('knowledge.title')} error={errors.title}>
        {(marks) => <input data-testid="editor-title" value={title} onChange={(e) => setTitle(e.target.value)} dir="auto" {...marks} />}
      </Field>
      <div className="article-editor-row">
        <Field label={t('knowledge.locale')} error={errors.locale}>
          {(marks) => <input data-testid="editor-locale" value={locale} onChange={(e) => setLocale(e.target.value)} {...marks} />}
        </Field>
        <Field label={t('knowledge.markets')} error={errors.markets}>
          {(marks) => <input data-testid="editor-markets" value={markets} onChange={(e) => setMarkets(e.target.value)} placeholder="DE, AT" {...marks} />}
        </Field>
        <Field label={t('knowledge.tags')} error={errors.tags}>
          {(marks) => <input data-testid="editor-tags" value={tags} onChange={(e) => setTags(e.target.value)} {...marks} />}
        </Field>
        <Field label={t('knowledge.intents')} error={errors.intents}>
          {(marks) => <input data-testid="editor-intents" value={intents} onChange={(e) => setIntents(e.target.value)} placeholder="refund, exchange" {...marks} />}
        </Field>
      </div>
      <TitleRows rows={titles} onChange={setTitles} error={errors.titles} />
      <label className="article-editor-check">
        <input type="checkbox" data-testid="editor-public" checked={published} onChange={(e) => setPublished(e.target.checked)} />
        {t('knowledge.public')}
      </label>
      <div className="article-editor-split">
        <Field label={t('knowledge.body')} error={errors.body}>
          {(marks) => <textarea data-testid="editor-body" value={body} rows={14} onChange={(e) => setBody(e.target.value)} dir="auto" {...marks} />}
        </Field>
        <section aria-label={t('knowledge.preview')}>
          <p className="article-editor-preview-label">{t('knowledge.preview')}</p>
          {/* Sanitized: see format/markdown.ts. */}
          <div className="knowledge-body article-editor-preview" data-testid="editor-preview" dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(body || ' ') }} />
        </section>
      </div>
      {(hasErrors || error) && (
        <p className="article-editor-error" role="alert" data-testid="article-editor-error">
          {hasErrors ? t('admin.fieldError.summary') : error}
        </p>
      )}
      <div className="article-editor-actions">
        <button type="button" className="button" onClick={() => knowledge.getState().cancelEdit()}>
          {t('knowledge.cancel')}
        </button>
        <button type="submit" className="button button--primary" data-testid="editor-save">
          {t('knowledge.save')}
        </button>
      </div>
    </form>
  );
}

/** The title and tags in other languages: a row per language, added and removed by the author. */
function TitleRows({ rows, onChange, error }: { rows: TitleRow[]; onChange: (rows: TitleRow[]) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const errorId = useId();
  const change = (index: number, field: keyof TitleRow, value: string) => onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  return (
    <fieldset className="article-editor-titles" data-testid="editor-titles" aria-describedby={error ? errorId : undefined}>
      <legend>{t('knowledge.titles')}</legend>
      <p className="article-editor-hint">{t('knowledge.titlesHint')}</p>
      {rows.map((row, index) => (
        <div className="article-editor-title-row" key={index} data-testid="editor-title-row">
          <label>
            {t('knowledge.titleLocale')}
            <input data-testid="editor-title-locale" value={row.locale} size={5} onChange={(e) => change(index, 'locale', e.target.value)} />
          </label>
          <label>
            {t('knowledge.titleText')}
            <input data-testid="editor-title-text" value={row.title} dir="auto" onChange={(e) => change(index, 'title', e.target.value)} />
          </label>
          <label>
            {t('knowledge.titleTags')}
            <input data-testid="editor-title-tags" value={row.tags} dir="auto" onChange={(e) => change(index, 'tags', e.target.value)} />
          </label>
          <button type="button" className="link-button" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t('knowledge.removeTitle')}
          </button>
        </div>
      ))}
      <button type="button" className="link-button" data-testid="editor-add-title" onClick={() => onChange([...rows, { locale: '', title: '', tags: '' }])}>
        {t('knowledge.addTitle')}
      </button>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}

/** What marks an input as wrong and points it to its problem. */
interface ProblemMarks {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled field with its problem under it, in plain words. */
function Field({ label, error, children }: { label: string; error: string | undefined; children: (marks: ProblemMarks) => ReactNode }) {
  const errorId = useId();
  return (
    <div className="article-editor-field">
      <label>
        {label}
        {children({ 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined })}
      </label>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
